import { afterEach, describe, expect, it } from "vitest";
import {
  compileRules,
  defaultQaRules,
  type EventLog,
  type OutgoingRecord,
  publishEvents,
  type QaFlagged,
  type StarboardEvent,
  startQaService,
  Topics,
  TransientError,
} from "../../src/index";
import { collect, openLog, tempDir, until } from "../services/helpers";

const rules = compileRules(defaultQaRules);
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fresh(): Promise<{ dir: string; log: EventLog }> {
  const { dir, remove } = tempDir();
  cleanup.push(remove);
  const log = await openLog(dir);
  cleanup.push(() => log.close());
  return { dir, log };
}

const t0 = Date.parse("2026-11-30T10:00:00.000Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const base = { version: 1 as const, tenant: "default", source: "test" };

/** A chat: the agent connects at 0 s, greets late (40 s), the customer complains, the agent over-promises. */
function chat(contactId: string): StarboardEvent[] {
  const c = { ...base, channel: "webchat" as const, contactId };
  const agent = { ...c, agentId: "agent-7" };
  return [
    {
      ...agent,
      id: `${contactId}-conn`,
      type: "contact.connected",
      time: at(0),
      data: { queueId: "q", waitSeconds: 3, ringMs: 0 },
    },
    {
      ...c,
      id: `${contactId}-m1`,
      type: "message.received",
      time: at(5),
      data: { messageId: `${contactId}-m1`, senderRole: "customer", text: "物流太慢了，我要投訴！" },
    },
    {
      ...agent,
      id: `${contactId}-m2`,
      type: "message.sent",
      time: at(40),
      data: { messageId: `${contactId}-m2`, senderRole: "agent", text: "您好，我保證給您全額退款" },
    },
    {
      ...c,
      id: `${contactId}-m3`,
      type: "message.received",
      time: at(50),
      data: { messageId: `${contactId}-m3`, senderRole: "customer", text: "好的谢谢" },
    },
  ];
}

function flagsOf(events: readonly StarboardEvent[]): QaFlagged[] {
  return events.filter((e): e is QaFlagged => e.type === "qa.flagged");
}

describe("QA service on the in-process log", () => {
  it("turns messages into qa.flagged events that point back into the text", async () => {
    const { log } = await fresh();
    const qa = await startQaService({ log, rules });
    cleanup.push(() => qa.stop());
    const seen = await collect(log, Topics.events);
    cleanup.push(seen.stop);
    const input = chat("chat-1");
    await publishEvents(log, input);
    await until("four flags", () => flagsOf(seen.seen).length >= 4);
    const flags = flagsOf(seen.seen);
    const summary = flags.map((f) => [f.data.ruleId, f.data.side, f.data.matchedText]).sort();
    expect(summary).toEqual([
      ["complaint-zh", "customer", "投訴"],
      ["delivery-late", "customer", "物流太慢"],
      ["greeting-required", "agent", "您好，我保證給您全額退款"],
      ["prohibited-promise", "agent", "保證給您全額退款"],
    ]);
    const texts = new Map(input.flatMap((e) => ("text" in e.data ? [[e.id, e.data.text] as const] : [])));
    for (const f of flags) {
      expect(f.data.location.type).toBe("message");
      if (f.data.location.type !== "message") continue;
      const text = texts.get(f.data.location.messageId) ?? "";
      expect(text.slice(...f.data.location.charRange)).toBe(f.data.matchedText);
      expect(f.contactId).toBe("chat-1");
    }
    expect(flags.find((f) => f.data.ruleId === "prohibited-promise")?.agentId).toBe("agent-7");
    expect(qa.stats).toMatchObject({ scanned: 3, flagged: 4, deadLettered: 0 });
  });

  it("publishes nothing again on restart, and a full replay gives the same flag ids", async () => {
    const { log } = await fresh();
    const first = await startQaService({ log, rules });
    await publishEvents(log, chat("chat-2"));
    await until("flags published", () => first.stats.flagged === 4);
    await first.stop();

    // Same group: resumes after its commits; the state is rebuilt from the log, no flag re-sent.
    const again = await startQaService({ log, rules, replayIdleMs: 200 });
    cleanup.push(() => again.stop());
    // 4 input events, the 4 flags and the demand.categorized of the first customer line (they share the
    // events topic; the engine ignores its own output).
    expect(again.stats.replayed).toBe(9);
    await publishEvents(log, [
      {
        ...base,
        channel: "webchat",
        contactId: "chat-2",
        id: "chat-2-m4",
        type: "message.received",
        time: at(60),
        data: { messageId: "chat-2-m4", senderRole: "customer", text: "算了，我要退款" },
      },
    ]);
    await until("the new line's flag", () => again.stats.flagged === 1);
    // A second replay from scratch, as a rebuilt consumer would do it: same ids as the live run.
    const rebuilt = await startQaService({ log, rules, groupId: "qa-rebuild" });
    cleanup.push(() => rebuilt.stop());
    await until("the rebuild's flags", () => rebuilt.stats.flagged === 5);

    const seen = await collect(log, Topics.events);
    cleanup.push(seen.stop);
    await until("all flags on the log", () => flagsOf(seen.seen).length === 10);
    const ids = flagsOf(seen.seen).map((f) => f.id);
    // Each flag appears exactly twice (live + rebuild) with the same id: a sink that dedupes on ids keeps 5.
    expect(new Set(ids).size).toBe(5);
    const copies = new Map<string, number>();
    for (const id of ids) copies.set(id, (copies.get(id) ?? 0) + 1);
    expect([...copies.values()]).toEqual([2, 2, 2, 2, 2]);
    expect(again.stats.flagged).toBe(1);
    expect(ids.filter((id) => id.includes("chat-2-m4"))).toHaveLength(2);
  });

  it("flags a long silence and a missing greeting on a call, with the offset in the recording", async () => {
    const { log } = await fresh();
    const qa = await startQaService({ log, rules });
    cleanup.push(() => qa.stop());
    const seen = await collect(log, Topics.events);
    cleanup.push(seen.stop);
    const c = { ...base, channel: "voice" as const, contactId: "call-1" };
    const seg = (
      n: number,
      speaker: "agent" | "customer",
      text: string,
      startMs: number,
      endMs: number,
    ): StarboardEvent => ({
      ...c,
      id: `call-1-s${n}`,
      type: "transcript.segment",
      time: at(endMs / 1000),
      data: { segmentId: `call-1-s${n}`, speaker, text, startMs, endMs },
    });
    await publishEvents(log, [
      seg(1, "customer", "喂？有人吗", 1_000, 3_000),
      seg(2, "agent", "请稍等，我查一下", 4_000, 6_000),
      // 25 s of silence (6 s -> 31 s) and past the 30 s greeting window.
      seg(3, "agent", "这个我们这边处理不了", 31_000, 35_000),
    ]);
    await until("three flags", () => flagsOf(seen.seen).length >= 3);
    const byRule = new Map(flagsOf(seen.seen).map((f) => [f.data.ruleId, f.data]));
    expect([...byRule.keys()].sort()).toEqual(["greeting-required", "long-silence-voice", "shirking"]);
    const shirking = byRule.get("shirking");
    expect(shirking?.location).toEqual({
      type: "transcript-segment",
      segmentId: "call-1-s3",
      charRange: [6, 10],
      offsetMs: 33_400,
    });
  });

  it("dead-letters a record that is not an event and keeps going", async () => {
    const { log } = await fresh();
    const qa = await startQaService({ log, rules });
    cleanup.push(() => qa.stop());
    await log.publish(Topics.events, [{ key: "x", value: "{not json" }]);
    await publishEvents(log, chat("chat-3"));
    await until("flags after the bad record", () => qa.stats.flagged === 4);
    expect(qa.stats.deadLettered).toBe(1);
    const parked = [...(await log.endOffsets(Topics.deadLetter)).values()].reduce((a, b) => a + b, 0);
    expect(parked).toBe(1);
  });

  it("keeps a failed publish's flags for the retry (the engine has moved on; nothing is lost or doubled)", async () => {
    const { log } = await fresh();
    // The real log, with the first publish of flags refused as a transient failure (broker hiccup).
    let refusals = 1;
    const flaky: EventLog = Object.create(log, {
      publish: {
        value: async (topic: string, records: readonly OutgoingRecord[]) => {
          if (refusals > 0 && records.some((r) => r.headers?.["event-type"] === "qa.flagged")) {
            refusals -= 1;
            throw new TransientError("publish refused for the test");
          }
          return log.publish(topic, records);
        },
      },
    });
    const qa = await startQaService({ log: flaky, rules });
    cleanup.push(() => qa.stop());
    await publishEvents(log, chat("chat-4"));
    await until("flags after the retry", () => qa.stats.flagged === 4);
    expect(refusals).toBe(0);
    const seen = await collect(log, Topics.events);
    cleanup.push(seen.stop);
    await until("flags on the log", () => flagsOf(seen.seen).length === 4);
    expect(
      flagsOf(seen.seen)
        .map((f) => f.data.ruleId)
        .sort(),
    ).toEqual(["complaint-zh", "delivery-late", "greeting-required", "prohibited-promise"]);
  });

  it("applies rules saved and removed through the API (qa.rule-saved / qa.rule-removed on the log)", async () => {
    const { log } = await fresh();
    const qa = await startQaService({ log, rules });
    cleanup.push(() => qa.stop());
    const seen = await collect(log, Topics.events);
    cleanup.push(seen.stop);
    const edit = { version: 1 as const, tenant: "default", source: "graphql", time: at(1) };
    const line = (n: number, text: string): StarboardEvent => ({
      ...base,
      channel: "webchat",
      contactId: "chat-5",
      id: `chat-5-m${n}`,
      type: "message.received",
      time: at(10 + n),
      data: { messageId: `chat-5-m${n}`, senderRole: "customer", text },
    });
    const rule = {
      id: "api-fraud",
      kind: "phrases",
      category: "fraud",
      severity: "high",
      side: "customer",
      phrases: ["盗刷"],
    };
    await publishEvents(log, [
      { ...edit, id: "e1", type: "qa.rule-saved", data: { ruleId: "api-fraud", rule, savedBy: "key-qa" } },
      {
        ...edit,
        id: "e2",
        type: "qa.rule-saved",
        data: { ruleId: "broken", rule: { id: "broken", kind: "phrases" }, savedBy: "key-qa" },
      },
      // Removing a configured rule works the same way.
      { ...edit, id: "e3", type: "qa.rule-removed", data: { ruleId: "refund-request", removedBy: "key-qa" } },
    ]);
    await until("the edits", () => qa.stats.ruleEdits === 2 && qa.stats.invalidRules === 1);
    await publishEvents(log, [line(1, "我的卡被盗刷了，我要退款")]);
    await until("a flag", () => flagsOf(seen.seen).length >= 1);
    await publishEvents(log, [
      { ...edit, id: "e4", type: "qa.rule-removed", data: { ruleId: "api-fraud", removedBy: "key-qa" } },
    ]);
    await until("the removal", () => qa.stats.ruleEdits === 3);
    await publishEvents(log, [line(2, "又被盗刷了"), line(3, "我要投诉")]);
    await until("the complaint flag", () => flagsOf(seen.seen).some((f) => f.data.ruleId === "complaint-zh"));
    expect(flagsOf(seen.seen).map((f) => [f.data.ruleId, f.data.matchedText])).toEqual([
      ["api-fraud", "盗刷"],
      ["complaint-zh", "投诉"],
    ]);
  });
});
