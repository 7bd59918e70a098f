import { describe, expect, it } from "vitest";
import { compileRules, defaultQaRules, QaEngine, type StarboardEvent, validateEvent } from "../../src/index";

// The time rules of the default set on chat timelines: greeting within 30 s, chat silence over
// 300 s, hold over 120 s. Times are seconds after the agent connected.

const t0 = Date.parse("2026-11-30T10:00:00.000Z");
const c = {
  version: 1 as const,
  tenant: "default",
  source: "test",
  channel: "webchat" as const,
  contactId: "c1",
};
const at = (s: number) => new Date(t0 + s * 1000).toISOString();
let n = 0;
const ev = {
  connect: (s: number): StarboardEvent => ({
    ...c,
    agentId: "a1",
    id: `x${++n}`,
    type: "contact.connected",
    time: at(s),
    data: { queueId: "q", waitSeconds: 1, ringMs: 0 },
  }),
  agent: (s: number, text: string): StarboardEvent => ({
    ...c,
    agentId: "a1",
    id: `x${++n}`,
    type: "message.sent",
    time: at(s),
    data: { messageId: `m${n}`, senderRole: "agent", text },
  }),
  customer: (s: number, text: string): StarboardEvent => ({
    ...c,
    id: `x${++n}`,
    type: "message.received",
    time: at(s),
    data: { messageId: `m${n}`, senderRole: "customer", text },
  }),
  resumed: (s: number, holdSeconds: number): StarboardEvent => ({
    ...c,
    agentId: "a1",
    id: `x${++n}`,
    type: "contact.resumed",
    time: at(s),
    data: { holdSeconds },
  }),
  ended: (s: number): StarboardEvent => ({
    ...c,
    id: `x${++n}`,
    type: "contact.ended",
    time: at(s),
    data: {
      endedBy: "customer",
      outcome: "handled",
      resolved: true,
      waitSeconds: 1,
      talkSeconds: s,
      holdSeconds: 0,
      wrapupSeconds: 0,
      categories: [],
    },
  }),
};

function run(events: readonly StarboardEvent[]): string[] {
  const engine = new QaEngine(compileRules(defaultQaRules));
  return events.flatMap((e) =>
    engine.handle(e).map((f) => {
      expect(validateEvent(f).ok, JSON.stringify(validateEvent(f))).toBe(true);
      return `${f.data.ruleId}@${f.data.location.type === "message" ? f.data.location.messageId : "?"}`;
    }),
  );
}

describe("time rules on a chat", () => {
  it.each<[string, () => StarboardEvent[], string[]]>([
    [
      "greeting in time: nothing",
      () => [ev.connect(0), ev.agent(10, "您好，请问有什么可以帮您"), ev.customer(50, "好的")],
      [],
    ],
    [
      "greeting by the customer does not count",
      () => [ev.connect(0), ev.customer(5, "你好"), ev.agent(40, "说吧")],
      ["greeting-required@m3"],
    ],
    [
      "greeting too late: flagged on the first line past the window",
      () => [ev.connect(0), ev.agent(35, "Hello there")],
      ["greeting-required@m2"],
    ],
    [
      "traditional greeting in time",
      () => [ev.connect(0), ev.agent(3, "您好，很高興為您服務"), ev.customer(90, "謝謝")],
      [],
    ],
    [
      "quiet chat ends past the window: the last line carries it",
      () => [ev.connect(0), ev.agent(5, "请稍等"), ev.ended(120)],
      ["greeting-required@m2"],
    ],
    [
      "chat ends inside the window: nothing to say yet",
      () => [ev.connect(0), ev.agent(5, "请稍等"), ev.ended(20)],
      [],
    ],
    [
      "long chat silence",
      () => [
        ev.connect(0),
        ev.agent(1, "hi"),
        ev.customer(10, "order 1234?"),
        ev.agent(400, "sorry, checking"),
      ],
      ["long-silence-chat@m4"],
    ],
    [
      "long hold, flagged on the next line",
      () => [ev.connect(0), ev.agent(1, "hi"), ev.resumed(200, 150), ev.agent(201, "thanks for waiting")],
      ["long-hold@m4"],
    ],
    [
      "short hold: nothing",
      () => [ev.connect(0), ev.agent(1, "hi"), ev.resumed(60, 50), ev.agent(61, "thanks for waiting")],
      [],
    ],
  ])("%s", (_label, events, expected) => {
    n = 0;
    expect(run(events())).toEqual(expected);
  });
});

describe("contact state", () => {
  it("forgets contacts idle for longer than the limit (a lost contact.ended does not leak)", () => {
    const engine = new QaEngine(compileRules(defaultQaRules), 3_600_000);
    const message = (contactId: string, s: number): StarboardEvent => ({
      ...c,
      contactId,
      id: `${contactId}-${s}`,
      type: "message.received",
      time: at(s),
      data: { messageId: `${contactId}-${s}`, senderRole: "customer", text: "在吗" },
    });
    engine.handle(message("a", 0));
    engine.handle(message("b", 1_800));
    expect(engine.trackedContacts).toBe(2);
    engine.handle(message("b", 3_000));
    engine.handle(message("c", 3_700)); // a: idle 3,700 s > 1 h
    expect(engine.trackedContacts).toBe(2);
    engine.handle(message("c", 6_700)); // b: idle 3,700 s
    expect(engine.trackedContacts).toBe(1);
  });
});
