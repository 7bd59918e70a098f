import { describe, expect, it } from "vitest";
import type { StarboardEvent } from "../../src/events/index";
import { type AlertThresholds, LiveState } from "../../src/live/index";
import { defaultServiceLevel, foldCounts } from "../../src/metrics/index";
import type { RoutingConfig } from "../../src/routing/index";
import { Script } from "../routing/build";

function feed(
  config: RoutingConfig,
  events: readonly StarboardEvent[],
  thresholds: Partial<AlertThresholds> = {},
) {
  const live = new LiveState(config, thresholds);
  const alerts = events.flatMap((e) => live.handle(e).alerts);
  return { live, alerts };
}

const T0 = Date.parse("2026-11-30T09:00:00.000Z");

describe("live queue figures", () => {
  it("waiting, longest wait, agent states, and SL/ASA/abandon rate by the metrics definitions", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.agent(0, "a2", []);
    s.signIn(0, "a3", []);
    s.queued(1, "c1", "q");
    s.connected(1, "c1", "a1");
    s.queued(2, "c2", "q");
    s.connected(2, "c2", "a2");
    s.queued(3, "c3", "q");
    s.queued(4, "c4", "q");
    s.abandoned(40, "c3", "q");
    s.queued(50, "c5", "q");
    const { live } = feed({ queues: [{ id: "q" }] }, s.events);
    const q = live.queue("q");
    expect(q).toMatchObject({
      waiting: 2,
      longestWaitSeconds: 46,
      agents: { available: 0, busy: 2, away: 1 },
    });
    const counts = foldCounts(
      [
        { queuedAt: T0, connectedAt: T0, waitSeconds: 0 },
        { queuedAt: T0, connectedAt: T0, waitSeconds: 0 },
        { queuedAt: T0, abandonedAt: T0, waitSeconds: 40 },
        { queuedAt: T0, waitSeconds: 0 },
        { queuedAt: T0, waitSeconds: 0 },
      ],
      { thresholdSeconds: 20 },
    );
    expect(q?.counts).toEqual(counts);
    expect(q?.serviceLevel).toBe(defaultServiceLevel(counts));
    expect(q?.abandonRate).toBeCloseTo(1 / 5, 12);
    expect(q?.contacts.map((c) => [c.contactId, c.position])).toEqual([
      ["c4", 1],
      ["c5", 2],
    ]);
    expect(q?.contacts[0]?.why).toBe("3 agents have any skill, none free");
    expect(JSON.parse(JSON.stringify(live.snapshot()))).toEqual(live.snapshot());
  });

  it("EWT per waiting contact grows with position and uses recent handle times", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.agent(0, "a2", []);
    s.queued(1, "w1", "q");
    s.connected(1, "w1", "a1");
    s.ended(61, "w1", "a1", "q", 60);
    for (let i = 0; i < 6; i++) s.queued(62 + i, `c${i}`, "q");
    const { live } = feed({ queues: [{ id: "q" }] }, s.events);
    const ewts = live.queue("q")?.contacts.map((c) => c.estimatedWaitSeconds) ?? [];
    // Both agents took c0 and c1; 60 s AHT: position 1 behind 2 busy -> 60/3 = 20 s; 2 -> 40; 3 -> 60 + 20...
    expect(ewts).toEqual([20, 40, 80, 100]);
  });

  it("handled today per agent, reset at the center's midnight", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(1, "c1", "q");
    s.connected(1, "c1", "a1");
    s.ended(30, "c1", "a1", "q");
    const { live } = feed({ queues: [{ id: "q" }] }, s.events);
    expect(live.agents().find((a) => a.agentId === "a1")).toMatchObject({
      status: "available",
      handledToday: 1,
      secondsInState: 0,
    });
    const late = new Script();
    late.notReady(15 * 3600, "a1", "break"); // 00:00 the next day (09:00 + 15 h)
    live.handle({ ...(late.events[0] as StarboardEvent), id: "next-day" });
    expect(live.agents()[0]).toMatchObject({ handledToday: 0, status: "away", reasonCode: "break" });
  });

  // T0 is 09:00 UTC. In UTC+8 (utcOffsetMinutes 480) the day ends 7 h later, at 16:00 UTC.
  it.each([
    [0, 7 * 3600 - 1, 1],
    [0, 7 * 3600, 1],
    [0, 15 * 3600, 0],
    [480, 7 * 3600 - 1, 1],
    [480, 7 * 3600, 0],
    [-300, 20 * 3600 - 1, 1],
    [-300, 20 * 3600, 0],
  ])(
    "at utcOffsetMinutes %s, an event %s s after 09:00 UTC leaves handledToday at %s",
    (offset, at, handled) => {
      const s = new Script();
      s.agent(0, "a1", []);
      s.queued(1, "c1", "q");
      s.connected(1, "c1", "a1");
      s.ended(30, "c1", "a1", "q");
      s.notReady(at, "a1", "break");
      const { live } = feed({ queues: [{ id: "q" }] }, s.events, { utcOffsetMinutes: offset });
      expect(live.agents()[0]?.handledToday).toBe(handled);
    },
  );
});

describe("live agents: team, skills and the queues they serve", () => {
  it("files each agent under its sign-in team and the queues its skills meet", () => {
    const s = new Script();
    s.agent(0, "a1", [
      { skill: "billing", level: 7 },
      { skill: "mandarin", level: 5 },
    ]);
    s.agent(0, "a2", [{ skill: "billing", level: 3 }]);
    const signedIn = s.events.find((e) => e.type === "agent.signed-in" && e.agentId === "a1");
    if (signedIn?.type === "agent.signed-in") signedIn.data.teamId = "team-north";
    const config: RoutingConfig = {
      queues: [
        { id: "billing", defaultSkills: [{ skill: "billing", minLevel: 5 }] },
        {
          id: "billing-zh",
          defaultSkills: [
            { skill: "billing", minLevel: 3 },
            { skill: "mandarin", minLevel: 1 },
          ],
        },
        { id: "general" },
      ],
    };
    const { live } = feed(config, s.events);
    const byId = new Map(live.agents().map((a) => [a.agentId, a]));
    expect(byId.get("a1")).toMatchObject({
      teamId: "team-north",
      skills: [
        { skill: "billing", level: 7 },
        { skill: "mandarin", level: 5 },
      ],
      queueIds: ["billing", "billing-zh", "general"],
    });
    expect(byId.get("a2")).toMatchObject({ teamId: undefined, queueIds: ["general"] });
  });
});

describe("alerts: raised once, cleared once", () => {
  it.each([
    [
      "long wait",
      "long-wait",
      (s: Script) => {
        s.signIn(0, "a1", []);
        s.queued(1, "c1", "q");
        s.notReady(125, "a1", "break");
        s.ready(130, "a1");
      },
    ],
    [
      "agent long in wrap-up",
      "agent-long-wrapup",
      (s: Script) => {
        s.agent(0, "a1", []);
        s.queued(1, "c1", "q");
        s.connected(1, "c1", "a1");
        s.wrapup(10, "c1", "a1");
        s.notReady(140, "x", "y");
        s.ended(150, "c1", "a1", "q");
      },
    ],
    [
      "agent long away",
      "agent-long-away",
      (s: Script) => {
        s.signIn(0, "a1", []);
        s.notReady(1, "a1", "break");
        s.notReady(1000, "x", "y");
        s.ready(1001, "a1");
      },
    ],
  ] as const)("%s", (_name, kind, script) => {
    const s = new Script();
    script(s);
    const { alerts } = feed({ queues: [{ id: "q" }] }, s.events);
    const mine = alerts.filter((a) => a.data.kind === kind);
    expect(mine.map((a) => a.type)).toEqual(["alert.raised", "alert.cleared"]);
    expect(mine[1]?.data.alertId).toBe(mine[0]?.data.alertId);
  });

  it("service level under target raises with its measure, and clears when it recovers", () => {
    const s = new Script();
    s.signIn(0, "a1", []);
    for (let i = 0; i < 10; i++) s.queued(i, `late${i}`, "q");
    s.ready(100, "a1");
    // each late call connects after > 20 s, one at a time
    for (let i = 0; i < 10; i++) {
      s.connected(100 + i * 2, `late${i}`, "a1", "voice", 100);
      s.ended(101 + i * 2, `late${i}`, "a1", "q", 1);
    }
    for (let i = 0; i < 50; i++) {
      s.queued(200 + i * 3, `ok${i}`, "q");
      s.connected(200 + i * 3, `ok${i}`, "a1");
      s.ended(201 + i * 3, `ok${i}`, "a1", "q", 1);
    }
    const { alerts } = feed({ queues: [{ id: "q", targetServiceLevel: 0.8 }] }, s.events);
    const sl = alerts.filter((a) => a.data.kind === "service-level-below-target");
    expect(sl[0]).toMatchObject({
      type: "alert.raised",
      data: { severity: "critical", queueId: "q", measure: { value: 0, threshold: 0.8, unit: "fraction" } },
    });
    expect(sl.at(-1)?.type).toBe("alert.cleared");
  });

  it("ticket SLA: reminder at 50 % without progress, breach at 100 %, cleared on resolve", () => {
    const base = { version: 1 as const, tenant: "default", source: "tickets" };
    const time = (s: number) => new Date(T0 + s * 1000).toISOString();
    const tick = (s: number, id: string): StarboardEvent => ({
      ...base,
      id,
      time: time(s),
      type: "agent.not-ready",
      agentId: "nobody",
      data: { reasonCode: "x" },
    });
    const events: StarboardEvent[] = [
      {
        ...base,
        id: "t1",
        time: time(0),
        type: "ticket.created",
        data: {
          ticketNumber: "T-20261130-0001",
          subject: "s",
          priority: "high",
          department: "d",
          dueAt: time(3600),
          customer: {},
          openedBy: "customer",
          categories: [],
        },
      },
      tick(1700, "k1"),
      tick(1800, "k2"),
      tick(3600, "k3"),
      {
        ...base,
        id: "t2",
        time: time(3700),
        type: "ticket.resolved",
        data: { ticketNumber: "T-20261130-0001", resolvedByAgentId: "a1", resolution: "done" },
      },
    ];
    const { alerts } = feed({ queues: [] }, events);
    expect(alerts.map((a) => [a.type, a.data.kind])).toEqual([
      ["alert.raised", "ticket-sla-reminder"],
      ["alert.cleared", "ticket-sla-reminder"],
      ["alert.raised", "ticket-sla-breach"],
      ["alert.cleared", "ticket-sla-breach"],
    ]);
  });
});
