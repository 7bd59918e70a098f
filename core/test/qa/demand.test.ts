import { afterEach, describe, expect, it } from "vitest";
import {
  compileRules,
  compileTaxonomy,
  type DemandCategorized,
  type DemandTaxonomySaved,
  DemandTracker,
  defaultDemandTaxonomy,
  defaultQaRules,
  type EventLog,
  publishEvents,
  QaRuleError,
  type StarboardEvent,
  startQaService,
  Topics,
  validateEvent,
} from "../../src/index";
import { collect, openLog, tempDir, until } from "../services/helpers";

// Demand categories and tracked keywords from the customer's words, in both languages, once per
// contact and term.

const taxonomy = compileTaxonomy(defaultDemandTaxonomy);
const t0 = Date.parse("2026-11-30T10:00:00.000Z");
let n = 0;

function say(contactId: string, text: string, senderRole: "customer" | "agent" = "customer"): StarboardEvent {
  n += 1;
  const messageId = `${contactId}-m${n}`;
  return {
    id: messageId,
    type: senderRole === "customer" ? "message.received" : "message.sent",
    version: 1,
    time: new Date(t0 + n * 1000).toISOString(),
    tenant: "default",
    source: "test",
    channel: "webchat",
    contactId,
    ...(senderRole === "agent" ? { agentId: "agent-1" } : {}),
    data: { messageId, senderRole, text },
  } as StarboardEvent;
}

const terms = (e: DemandCategorized | undefined) =>
  e === undefined ? undefined : { categories: e.data.categories, keywords: e.data.keywords };

describe("DemandTracker", () => {
  it("finds categories and keywords in Chinese with separators, traditional characters and full width", () => {
    const tracker = new DemandTracker(taxonomy);
    // 物流，太慢 split by a comma; 訂單 traditional.
    expect(terms(tracker.handle(say("c1", "我的訂單三天了，物流，太慢了")))).toEqual({
      categories: ["order", "logistics"],
      keywords: ["物流慢"],
    });
    expect(terms(tracker.handle(say("c2", "ＡＰＰ一直闪退，登录不了")))).toEqual({
      categories: ["technical"],
      keywords: [],
    });
  });

  it("finds them in English with word boundaries and does not fire on a similar word", () => {
    const tracker = new DemandTracker(taxonomy);
    expect(terms(tracker.handle(say("e1", "The delivery is so slow, I want a REFUND")))).toEqual({
      categories: ["logistics", "refund"],
      keywords: ["物流慢"],
    });
    // "billing" is not "bill"; "packaged" is not "package"; a confirmed refund is not a request.
    expect(tracker.handle(say("e2", "billing address looks packaged fine"))).toBeUndefined();
    expect(tracker.handle(say("e3", "退款成功了，谢谢"))).toBeUndefined();
  });

  it("counts a term once per contact, reads only the customer, forgets the contact at its end", () => {
    const tracker = new DemandTracker(taxonomy);
    expect(terms(tracker.handle(say("c9", "快递还没到")))).toEqual({
      categories: ["logistics"],
      keywords: [],
    });
    expect(tracker.handle(say("c9", "快递到底什么时候到"))).toBeUndefined();
    expect(tracker.handle(say("c9", "我要投诉快递", "agent"))).toBeUndefined();
    const later = tracker.handle(say("c9", "物流太慢，我要投诉"));
    expect(terms(later)).toEqual({ categories: ["complaint"], keywords: ["物流慢"] });
    if (later === undefined) throw new Error("no demand event");
    expect(validateEvent(later)).toMatchObject({ ok: true });
    expect(later.id).toBe(`demand/c9/${later.data.lineId}`);
    expect(tracker.tracked).toBe(1);
    tracker.handle({
      id: "end-c9",
      type: "contact.ended",
      version: 1,
      time: new Date(t0 + 99_000).toISOString(),
      tenant: "default",
      source: "test",
      channel: "webchat",
      contactId: "c9",
      data: { endedBy: "customer", outcome: "handled", resolved: true, queueId: "q", waitSeconds: 1 },
    } as StarboardEvent);
    expect(tracker.tracked).toBe(0);
  });

  it("applies a taxonomy saved through the API, the newest by time, and skips an invalid one", () => {
    const tracker = new DemandTracker(taxonomy);
    const saved = (time: string, phrase: string, id = "kw-1"): DemandTaxonomySaved => ({
      id: `tax-${time}`,
      type: "demand.taxonomy-saved",
      version: 1,
      time,
      tenant: "default",
      source: "test",
      data: {
        categories: [],
        keywords: [
          { id, kind: "phrases", category: "催单", severity: "low", side: "customer", phrases: [phrase] },
        ],
        savedBy: "key-1",
      },
    });
    tracker.handle(saved("2026-11-30T10:00:00.000Z", "什么时候发货"));
    // An older save arriving later (another partition) does not win.
    tracker.handle(saved("2026-11-30T09:00:00.000Z", "催一下"));
    // An invalid one (no phrases) is counted and changes nothing.
    tracker.handle({
      ...saved("2026-11-30T11:00:00.000Z", "x"),
      data: { categories: [{ id: "bad" }], keywords: [], savedBy: "k" },
    });
    expect(tracker.edits).toEqual({ applied: 1, invalid: 1 });
    expect(terms(tracker.handle(say("t1", "请问什么时候发货？")))).toEqual({
      categories: [],
      keywords: ["催单"],
    });
    // The default taxonomy is replaced, not extended.
    expect(tracker.handle(say("t2", "物流太慢了"))).toBeUndefined();
    expect(tracker.handle(say("t3", "催一下"))).toBeUndefined();
  });

  it("a bad taxonomy rule is refused with its place", () => {
    expect(() =>
      compileTaxonomy({ categories: [{ id: "x", kind: "phrases", category: "order" }], keywords: [] }),
    ).toThrow(QaRuleError);
  });
});

describe("QA service publishes demand.categorized", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it("beside the flags, on the log, with ids a replay repeats", async () => {
    const { dir, remove } = tempDir();
    cleanup.push(remove);
    const log: EventLog = await openLog(dir);
    cleanup.push(() => log.close());
    const qa = await startQaService({ log, rules: compileRules(defaultQaRules) });
    cleanup.push(() => qa.stop());
    const seen = await collect(log, Topics.events);
    cleanup.push(seen.stop);
    await publishEvents(log, [say("s1", "物流太慢了，我要投訴！"), say("s1", "还有退款的事")]);
    const demand = () => seen.seen.filter((e): e is DemandCategorized => e.type === "demand.categorized");
    await until("two demand events", () => demand().length >= 2);
    expect(demand().map((e) => [e.data.categories, e.data.keywords])).toEqual([
      [["logistics", "complaint"], ["物流慢"]],
      [["refund"], []],
    ]);
    expect(qa.stats.categorized).toBe(2);
    expect(qa.stats.flagged).toBeGreaterThan(0);
  });
});
