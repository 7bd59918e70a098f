import { describe, expect, it } from "vitest";
import type { RoutingConfig } from "../../src/routing/index";
import { Script } from "./build";
import { assigns, decisions, run } from "./harness";

describe("relax a skill level after a wait", () => {
  it.each([
    ["before the relax: nobody qualifies", 59, []],
    ["at the relax: the level-3 agent takes it", 60, [["c1", "a1", "relax-billing-60s"]]],
  ] as const)("%s", (_name, until, expected) => {
    const s = new Script();
    s.agent(0, "a1", [{ skill: "billing", level: 3 }]);
    s.queued(0, "c1", "billing", [{ skill: "billing", minLevel: 5 }]);
    s.notReady(until, "other", "break"); // any event moves the clock
    const config: RoutingConfig = {
      queues: [{ id: "billing", relax: [{ afterSeconds: 60, skill: "billing", toLevel: 3 }] }],
    };
    const { out } = run(config, s.events);
    expect(assigns(out)).toEqual(expected);
    if (expected.length > 0)
      expect(decisions(out, "relax")[0]?.data).toMatchObject({ fromLevel: 5, toLevel: 3, skill: "billing" });
  });
});

describe("overflow to another queue", () => {
  it.each([
    [
      "still waiting at 30 s: moves, takes the queue's skills, its agent takes it",
      30,
      [["c1", "a1", "overflow-billing-30s"]],
    ],
    ["before 30 s: no overflow", 29, []],
  ] as const)("%s", (_name, until, expected) => {
    const s = new Script();
    s.agent(0, "a1", [{ skill: "general", level: 5 }]);
    s.queued(0, "c1", "billing", [{ skill: "billing", minLevel: 5 }]);
    s.notReady(until, "other", "break");
    const config: RoutingConfig = {
      queues: [
        { id: "billing", overflow: { afterSeconds: 30, toQueueId: "general" } },
        { id: "general", defaultSkills: [{ skill: "general", minLevel: 1 }] },
      ],
    };
    const { out } = run(config, s.events);
    expect(assigns(out)).toEqual(expected);
    expect(decisions(out, "overflow")).toHaveLength(expected.length);
  });
});

describe("priority hand-off for complaints and bot escalations", () => {
  it.each([
    ["complaint goes first and to a senior agent", "complaint", [["c2", "senior", "handoff-complaint"]]],
    ["a plain escalation keeps its place and level", "not_understood", [["c1", "senior", "agent-freed"]]],
  ] as const)("%s", (_name, reason, expected) => {
    const s = new Script();
    s.agent(0, "junior", [{ skill: "billing", level: 4 }]);
    s.queued(1, "block", "billing"); // keeps the junior busy
    s.signIn(2, "senior", [{ skill: "billing", level: 9 }]);
    s.queued(3, "c1", "billing", [{ skill: "billing", minLevel: 2 }], { channel: "webchat" });
    s.handoff(4, "c2", "billing", reason);
    s.queued(5, "c2", "billing", [{ skill: "billing", minLevel: 2 }], { channel: "webchat" });
    s.ready(6, "senior");
    const { out, engine } = run(
      { queues: [{ id: "billing" }] },
      s.events.map((e) =>
        e.type === "agent.signed-in" ? { ...e, data: { ...e.data, capacity: { voice: 1, webchat: 1 } } } : e,
      ),
    );
    expect(assigns(out).slice(1)).toEqual(expected);
    if (reason === "complaint")
      expect(engine.contact("c2")?.requirements).toEqual([{ skill: "billing", minLevel: 8 }]);
  });
});

describe("callbacks", () => {
  it("offers a callback after N seconds with an estimate, once", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(0, "busy", "q");
    s.queued(1, "c1", "q");
    s.notReady(200, "x", "break");
    s.notReady(400, "x", "break");
    const { out } = run({ queues: [{ id: "q", callbackOfferAfterSeconds: 90 }] }, s.events);
    const offers = decisions(out, "callback-offer");
    expect(offers.map((d) => d.contactId)).toEqual(["c1"]);
    expect(offers[0]?.time).toBe("2026-11-30T09:01:31.000Z");
    expect(offers[0]?.data).toMatchObject({ queueId: "q", estimatedWaitSeconds: expect.any(Number) });
  });

  it("a requested callback keeps its place and is dialled back (bridge) when it reaches the front", () => {
    const s = new Script();
    s.agent(0, "a1", [], { webchat: 1, voice: 1 });
    s.queued(0, "busy", "q");
    s.queued(1, "c1", "q");
    s.queued(2, "c2", "q");
    s.callback(5, "c1", "q");
    s.ended(60, "busy", "a1", "q");
    const { out } = run({ queues: [{ id: "q" }] }, s.events);
    expect(assigns(out)).toEqual([
      ["busy", "a1", "arrival"],
      ["c1", "a1", "callback"],
    ]);
    expect(out.filter((e) => e.type === "command.bridge-call").at(-1)?.contactId).toBe("c1");
  });
});

describe("business hours", () => {
  const hours = { utcOffsetMinutes: 480, days: { 1: [9 * 60, 18 * 60] as const } }; // Monday 09-18 Beijing
  it.each([
    ["open (Mon 17:00 Beijing = 09:00Z): routed in the queue", hours, "arrival", 0],
    [
      "closed with an after-hours queue: overflows there",
      { ...hours, days: {}, closedQueueId: "night" },
      "after-hours",
      1,
    ],
    ["closed without one: waits, marked after-hours", { ...hours, days: {} }, "after-hours", 0],
  ] as const)("%s", (_name, h, rule, overflows) => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(1, "c1", "day");
    const { out } = run({ queues: [{ id: "day", hours: h }, { id: "night" }] }, s.events);
    expect(assigns(out)[0]?.[2]).toBe(rule);
    expect(decisions(out, "overflow")).toHaveLength(overflows);
  });
});

describe("a failed offer", () => {
  it.each([
    ["ring timeout", "ring-timeout", (s: Script) => s.offerTimeout(20, "c1", "a1", "q")],
    ["command failed", "rejected", (s: Script) => s.commandFailed(20, "c1:offer1")],
  ] as const)("%s: contact to the head of the queue, agent not ready (%s)", (_name, reason, fail) => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.signIn(0, "a2", []);
    s.queued(1, "c1", "q");
    s.queued(2, "c2", "q", [], { customerTier: "vip" });
    fail(s);
    s.ready(30, "a2");
    const { out, engine } = run({ queues: [{ id: "q" }] }, s.events);
    expect(assigns(out).map(([c, a]) => [c, a])).toEqual([
      ["c1", "a1"],
      ["c1", "a2"],
    ]);
    expect(engine.agent("a1")).toMatchObject({ ready: false, notReadyReason: reason });
    expect(out.find((e) => e.type === "agent.not-ready")?.data).toEqual({
      reasonCode: reason,
      relatedContactId: "c1",
    });
  });
});

describe("agent state layers", () => {
  it("a state asked for mid-call is applied when the call ends", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(1, "c1", "q");
    s.connected(2, "c1", "a1");
    s.requestState(3, "a1", { type: "not-ready", reasonCode: "meal" });
    s.queued(4, "c2", "q");
    s.ended(60, "c1", "a1", "q");
    const { out, engine } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.agent("a1")).toMatchObject({ ready: false, notReadyReason: "meal", pending: undefined });
    expect(assigns(out).map(([c]) => c)).toEqual(["c1"]);
  });

  it("a wrap-up limit frees the agent even if wrap-up-ended never comes", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(1, "c1", "q");
    s.connected(2, "c1", "a1");
    s.wrapup(60, "c1", "a1", 30);
    s.queued(70, "c2", "q");
    s.notReady(95, "x", "break");
    const { out } = run({ queues: [{ id: "q" }] }, s.events);
    const second = decisions(out, "assign")[1];
    expect(second?.contactId).toBe("c2");
    expect(second?.time).toBe("2026-11-30T09:01:30.000Z");
  });
});
