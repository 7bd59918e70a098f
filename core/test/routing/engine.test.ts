import { describe, expect, it } from "vitest";
import { Script } from "./build";
import { assigns, decisions, run } from "./harness";

const queues = [{ id: "billing" }, { id: "sales" }];

describe("routing engine: contact arrives", () => {
  it.each([
    [
      "highest level first",
      [
        ["a1", 5],
        ["a2", 9],
        ["a3", 7],
      ],
      "a2",
    ],
    [
      "level below the minimum is not eligible",
      [
        ["a1", 2],
        ["a2", 3],
      ],
      "a2",
    ],
    [
      "equal level: longest idle (signed in ready earliest)",
      [
        ["a1", 6],
        ["a2", 6],
      ],
      "a1",
    ],
  ] as const)("%s", (_name, agents, expected) => {
    const s = new Script();
    agents.forEach(([id, level], i) => {
      s.agent(i, id, [{ skill: "billing", level }]);
    });
    s.queued(10, "c1", "billing", [{ skill: "billing", minLevel: 3 }]);
    const { out } = run({ queues }, s.events);
    expect(assigns(out)).toEqual([["c1", expected, "arrival"]]);
  });

  it("longest-idle queues ignore the level", () => {
    const s = new Script();
    s.agent(0, "a1", [{ skill: "billing", level: 4 }]);
    s.agent(1, "a2", [{ skill: "billing", level: 9 }]);
    s.queued(10, "c1", "billing", [{ skill: "billing", minLevel: 3 }]);
    const { out } = run({ queues: [{ id: "billing", strategy: { agents: "longest-idle" } }] }, s.events);
    expect(assigns(out)).toEqual([["c1", "a1", "arrival"]]);
  });

  it("needs every required skill, and sends voice as a bridge command with the agent's endpoint", () => {
    const s = new Script();
    s.agent(0, "a1", [{ skill: "billing", level: 9 }]);
    s.agent(1, "a2", [
      { skill: "billing", level: 5 },
      { skill: "zh", level: 5 },
    ]);
    s.queued(10, "c1", "billing", [
      { skill: "billing", minLevel: 3 },
      { skill: "zh", minLevel: 2 },
    ]);
    const { out } = run({ queues }, s.events);
    expect(assigns(out)).toEqual([["c1", "a2", "arrival"]]);
    const bridge = out.find((e) => e.type === "command.bridge-call");
    expect(bridge?.data).toMatchObject({
      agentEndpoint: "user/a2",
      commandId: "c1:offer1",
      requestedBy: "router",
      queueId: "billing",
    });
    expect(decisions(out, "assign")[0]?.data.eligibleAgents).toBe(1);
  });

  it("queues when nobody is free and says why", () => {
    const s = new Script();
    s.agent(0, "a1", [{ skill: "billing", level: 6 }]);
    s.queued(10, "c1", "billing", [{ skill: "billing", minLevel: 5 }]);
    s.queued(11, "c2", "billing", [{ skill: "billing", minLevel: 5 }]);
    const { out, engine } = run(
      { queues: [{ id: "billing", relax: [{ afterSeconds: 60, toLevel: 3 }] }] },
      s.events,
    );
    const queued = decisions(out, "queue");
    expect(queued).toHaveLength(1);
    expect(queued[0]?.data).toMatchObject({ eligibleAgents: 1, position: 1 });
    expect(engine.explain("c2")?.text).toBe("1 agent has billing>=5, none free; relaxes to level 3 in 60 s");
  });

  it("chat agents take several chats up to their capacity, as assign-chat commands", () => {
    const s = new Script();
    s.agent(0, "a1", [], { webchat: 2 });
    for (const id of ["c1", "c2", "c3"]) s.queued(5, id, "sales", [], { channel: "webchat" });
    const { out } = run({ queues }, s.events);
    expect(assigns(out).map(([c, a]) => [c, a])).toEqual([
      ["c1", "a1"],
      ["c2", "a1"],
    ]);
    expect(out.filter((e) => e.type === "command.assign-chat")).toHaveLength(2);
  });

  it("a voice call blocks chats and the other way round", () => {
    const s = new Script();
    s.agent(0, "a1", [], { voice: 1, webchat: 3 });
    s.queued(5, "v1", "sales");
    s.queued(6, "w1", "sales", [], { channel: "webchat" });
    const { out } = run({ queues }, s.events);
    expect(assigns(out).map(([c]) => c)).toEqual(["v1"]);
  });
});

describe("routing engine: agent frees up", () => {
  it.each([
    [
      "priority: a VIP who came later goes first",
      [
        ["c1", undefined],
        ["c2", "vip"],
      ],
      "c2",
    ],
    [
      "same priority: the older contact",
      [
        ["c1", undefined],
        ["c2", undefined],
      ],
      "c1",
    ],
    [
      "high-value beats new",
      [
        ["c1", "new"],
        ["c2", "high-value"],
      ],
      "c2",
    ],
  ] as const)("%s", (_name, contacts, expected) => {
    const s = new Script();
    s.signIn(0, "a1", [{ skill: "billing", level: 5 }]);
    contacts.forEach(([id, tier], i) => {
      s.queued(10 + i, id, "billing", [{ skill: "billing", minLevel: 1 }], { customerTier: tier });
    });
    s.ready(20, "a1");
    const { out } = run({ queues }, s.events);
    expect(assigns(out)[0]?.[0]).toBe(expected);
    expect(assigns(out)[0]?.[2]).toBe("agent-freed");
  });

  it("aging: a contact that waited long enough overtakes a newer higher-priority one", () => {
    const s = new Script();
    s.signIn(0, "a1", []);
    s.queued(0, "old", "billing");
    s.queued(150, "vip", "billing", [], { customerTier: "vip" });
    s.ready(160, "a1");
    // old: 0 + 1/s·160 = 160 > vip: 100 + 1/s·10 = 110
    const { out } = run({ queues: [{ id: "billing", agingPerSecond: 1 }] }, s.events);
    expect(assigns(out)[0]?.[0]).toBe("old");
  });

  it("takes the tier recognized at contact.created when contact.queued carries none", () => {
    const s = new Script();
    s.signIn(0, "a1", []);
    s.queued(1, "regular", "billing");
    s.created(2, "recognized", { customerId: "c-vip", customerTier: "vip" });
    s.queued(3, "recognized", "billing");
    s.ready(4, "a1");
    const { out, engine } = run({ queues }, s.events);
    expect(assigns(out)[0]?.[0]).toBe("recognized");
    expect(engine.contact("recognized")?.customerTier).toBe("vip");
    expect(engine.contact("regular")?.customerTier).toBeUndefined();
  });

  it("fifo queues ignore tiers", () => {
    const s = new Script();
    s.signIn(0, "a1", []);
    s.queued(1, "c1", "billing");
    s.queued(2, "c2", "billing", [], { customerTier: "vip" });
    s.ready(3, "a1");
    const { out } = run({ queues: [{ id: "billing", strategy: { contacts: "fifo" } }] }, s.events);
    expect(assigns(out)[0]?.[0]).toBe("c1");
  });

  it("takes the best contact across queues it is eligible for, and skips those it is not", () => {
    const s = new Script();
    s.signIn(0, "a1", [
      { skill: "billing", level: 4 },
      { skill: "sales", level: 9 },
    ]);
    s.queued(1, "b-hard", "billing", [{ skill: "billing", minLevel: 8 }]);
    s.queued(2, "s1", "sales", [{ skill: "sales", minLevel: 2 }]);
    s.queued(3, "b-easy", "billing", [{ skill: "billing", minLevel: 2 }], { customerTier: "vip" });
    s.ready(4, "a1");
    const { out } = run({ queues }, s.events);
    expect(assigns(out)[0]?.[0]).toBe("b-easy");
  });

  it("an agent back from wrap-up takes the next contact; handled counts go up", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(1, "c1", "sales");
    s.connected(2, "c1", "a1");
    s.queued(3, "c2", "sales");
    s.wrapup(50, "c1", "a1");
    s.ended(60, "c1", "a1", "sales");
    const { out, engine } = run({ queues }, s.events);
    expect(assigns(out).map(([c]) => c)).toEqual(["c1", "c2"]);
    expect(engine.agent("a1")?.handledToday).toBe(1);
  });
});

describe("aging across queues with different rates", () => {
  it.each([
    ["at 50 s the VIP in the slow-aging queue leads (125 vs 100)", 50, "slow-vip"],
    ["at 100 s the fast-aging contact has overtaken (150 vs 200)", 100, "fast"],
  ])("%s", (_name, readyAt, expected) => {
    const s = new Script();
    s.signIn(0, "a1", []);
    s.queued(0, "slow-vip", "slow", [], { customerTier: "vip" });
    s.queued(0, "fast", "fast");
    s.ready(readyAt, "a1");
    const { out } = run(
      {
        queues: [
          { id: "slow", agingPerSecond: 0.5 },
          { id: "fast", agingPerSecond: 2 },
        ],
      },
      s.events,
    );
    expect(assigns(out)[0]?.[0]).toBe(expected);
  });
});
