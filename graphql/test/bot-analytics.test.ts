import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, type Stack, startStack } from "./harness";

// Bot and IVR analytics through the real server: self-service outcomes and the contacts that
// followed go through the log and the sink; botAnalytics reads them back.

const t0 = Date.UTC(2026, 10, 3, 9, 0, 0);
const range = 'from: "2026-11-03T00:00:00Z", to: "2026-11-04T00:00:00Z"';
const envelope = (s: number) => ({
  id: randomUUID(),
  version: 1,
  time: new Date(t0 + s * 1000).toISOString(),
  tenant: "default",
  source: "test",
});

const signedIn = (agentId: string, level: number) =>
  ({
    ...envelope(-3600),
    type: "agent.signed-in",
    agentId,
    data: { skills: [{ skill: "support", level }], capacity: { webchat: 2 } },
  }) as StarboardEvent;
const chat = (contactId: string) => ({ channel: "webchat", contactId });
const resolved = (contactId: string, s: number) =>
  ({
    ...envelope(s),
    ...chat(contactId),
    type: "bot.resolved",
    data: { botId: "starbot", botTurns: 2, botSeconds: 40 },
  }) as StarboardEvent;
const handoff = (contactId: string, s: number, reason: string) =>
  ({
    ...envelope(s),
    ...chat(contactId),
    type: "bot.handoff",
    data: {
      botId: "starbot",
      reason,
      summary: "想投诉物流慢",
      toQueueId: "support",
      botTurns: 3,
      botSeconds: 60,
    },
  }) as StarboardEvent;
const handled = (contactId: string, s: number, agentId: string, wait: number) =>
  ({
    ...envelope(s),
    ...chat(contactId),
    agentId,
    type: "contact.ended",
    data: {
      endedBy: "customer",
      outcome: "handled",
      resolved: true,
      queueId: "support",
      waitSeconds: wait,
      talkSeconds: 100,
      holdSeconds: 0,
      wrapupSeconds: 0,
      categories: [],
    },
  }) as StarboardEvent;
const ivr = (contactId: string, s: number, exit: string) =>
  ({
    ...envelope(s),
    channel: "voice",
    contactId,
    type: "contact.ivr-exited",
    data: { ivrId: "main", menuPath: ["main"], digits: "1", exit, ivrSeconds: 15 },
  }) as StarboardEvent;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await stack.publish([
    signedIn("g-senior", 9),
    signedIn("g-junior", 4),
    resolved("c1", 10),
    resolved("c2", 20),
    handoff("c3", 30, "complaint"),
    handled("c3", 200, "g-senior", 12),
    handoff("c4", 40, "requested_human"),
    handled("c4", 300, "g-junior", 30),
    ivr("v1", 50, "self-service"),
    ivr("v2", 60, "queue"),
  ]);
  await stack.flushed();
});
afterAll(async () => {
  await stack.close();
});

const query = (args = "") =>
  `{ botAnalytics(${range}${args}) { seniorLevel totals { kind channel sessions contained handoffs containmentRate }
     handoffReasons { kind reason handoffs handled avgWaitSeconds senior seniorShare } daily { day kind sessions contained } } }`;

describe("botAnalytics", () => {
  it("containment, hand-off reasons with wait and senior share, and the day, for an executive", async () => {
    const r = dataOf((await stack.gql("exec", query())).body).botAnalytics;
    expect(r).toEqual({
      seniorLevel: 8,
      totals: [
        { kind: "BOT", channel: null, sessions: 4, contained: 2, handoffs: 2, containmentRate: 0.5 },
        { kind: "BOT", channel: "WEBCHAT", sessions: 4, contained: 2, handoffs: 2, containmentRate: 0.5 },
        { kind: "IVR", channel: null, sessions: 2, contained: 1, handoffs: 1, containmentRate: 0.5 },
        { kind: "IVR", channel: "VOICE", sessions: 2, contained: 1, handoffs: 1, containmentRate: 0.5 },
      ],
      handoffReasons: [
        {
          kind: "BOT",
          reason: "complaint",
          handoffs: 1,
          handled: 1,
          avgWaitSeconds: 12,
          senior: 1,
          seniorShare: 1,
        },
        {
          kind: "BOT",
          reason: "requested_human",
          handoffs: 1,
          handled: 1,
          avgWaitSeconds: 30,
          senior: 0,
          seniorShare: 0,
        },
        {
          kind: "IVR",
          reason: "ivr-queue",
          handoffs: 1,
          handled: 0,
          avgWaitSeconds: null,
          senior: 0,
          seniorShare: null,
        },
      ],
      daily: [
        { day: "2026-11-03", kind: "BOT", sessions: 4, contained: 2 },
        { day: "2026-11-03", kind: "IVR", sessions: 2, contained: 1 },
      ],
    });
  });

  it("a lower senior level counts the junior agent too; an impossible one is refused", async () => {
    const r = dataOf((await stack.gql("bi", query(", seniorLevel: 4"))).body).botAnalytics as {
      handoffReasons: { senior: number }[];
    };
    expect(r.handoffReasons.map((h) => h.senior)).toEqual([1, 1, 0]);
    const bad = await stack.gql("supervisor", query(", seniorLevel: 11"));
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.body.errors?.[0]?.message).toMatch(/seniorLevel/);
  });
});
