import { exampleEvents, type StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentOnline, callQueued } from "./events";
import { dataOf, eventually, type Stack, startStack } from "./harness";

// Beside the English the server writes (a waiting contact's `why`, an alert's `message`), the API
// sends the facts as a code and numbers, so a client can word them in its reader's language.

let stack: Stack;
const t0 = Date.now() - 5_000;

beforeAll(async () => {
  stack = await startStack({ tickMs: 50, alertThresholds: { longWaitSeconds: 2 } });
  // One support agent takes the first call; the second waits behind it. Billing has nobody.
  await stack.publish([
    ...agentOnline(t0, 0, "agent-1"),
    ...callQueued(t0, 1, "call-1", "+8613800138001"),
    ...callQueued(t0, 2, "call-2", "+8613800138002"),
    ...callQueued(t0, 3, "call-3", "+8613800138003", "billing"),
    {
      ...exampleEvents["qa.flagged"],
      id: "flag-event-1",
      time: new Date(t0 + 4_000).toISOString(),
      contactId: "call-1",
      data: {
        ...exampleEvents["qa.flagged"].data,
        flagId: "flag-1",
        category: "abuse",
        severity: "high",
      },
    } as StarboardEvent,
  ]);
});
afterAll(async () => {
  await stack?.close();
});

interface Waiting {
  contactId: string;
  why: string;
  waitReason: {
    code: string;
    requirements: { skill: string; minLevel: number }[];
    eligibleAgents: number;
    idleEligibleAgents: number;
    relax: unknown;
    overflow: unknown;
    callbackRequested: boolean;
  } | null;
}

describe("wait reasons as codes", () => {
  it("each waiting contact has the code and numbers its English sentence is made of", async () => {
    const waiting = await eventually(async () => {
      const r = await stack.gql(
        "bi",
        "{ queues { id waitingContacts { contactId why waitReason { code requirements { skill minLevel } eligibleAgents idleEligibleAgents relax { skill toLevel inSeconds } overflow { toQueueId inSeconds } callbackRequested } } } }",
      );
      const queues = dataOf(r.body).queues as { id: string; waitingContacts: Waiting[] }[];
      const all = queues.flatMap((q) => q.waitingContacts);
      return all.length === 2 ? all : undefined;
    });
    const byId = new Map(waiting.map((w) => [w.contactId, w]));
    expect(byId.get("call-2")?.waitReason).toEqual({
      code: "ALL_ELIGIBLE_BUSY",
      requirements: [{ skill: "support", minLevel: 1 }],
      eligibleAgents: 1,
      idleEligibleAgents: 0,
      relax: null,
      overflow: null,
      callbackRequested: false,
    });
    expect(byId.get("call-2")?.why).toBe("1 agent has support>=1, none free");
    expect(byId.get("call-3")?.waitReason).toMatchObject({
      code: "NO_ELIGIBLE_AGENT",
      requirements: [{ skill: "billing", minLevel: 1 }],
      eligibleAgents: 0,
    });
    expect(byId.get("call-3")?.why).toBe("no signed-in agent has billing>=1");
  });
});

describe("alert facts", () => {
  it("a long wait carries its contact, queue, seconds waited and the limit", async () => {
    type Alert = { kind: string; subject: string; message: string; params: Record<string, unknown> };
    const alert = await eventually(async () => {
      const r = await stack.gql(
        "supervisor",
        "{ alerts { kind subject message params { queueId agentId contactId ticketNumber flagId value threshold unit } } }",
      );
      const list = dataOf(r.body).alerts as Alert[];
      return list.find((a) => a.kind === "LONG_WAIT" && a.subject === "call-3");
    });
    expect(alert.params).toMatchObject({
      queueId: "billing",
      agentId: null,
      contactId: "call-3",
      ticketNumber: null,
      threshold: 2,
      unit: "SECONDS",
    });
    expect(alert.params.value).toBeGreaterThanOrEqual(2);
    // The English still says the same thing, for API users who read it.
    expect(alert.message).toMatch(/^call-3 has waited \d+ s in billing$/);
  });

  it("a QA flag carries its category and words, which the raised alert itself does not", async () => {
    type Alert = { kind: string; params: Record<string, unknown> };
    const alert = await eventually(async () => {
      const r = await stack.gql("qa", "{ alerts { kind params { category matchedText flagId contactId } } }");
      return (dataOf(r.body).alerts as Alert[]).find((a) => a.kind === "QA_FLAG");
    });
    expect(alert.params).toEqual({
      category: "abuse",
      matchedText: "处理不了",
      flagId: "flag-1",
      contactId: "call-1",
    });
  });
});
