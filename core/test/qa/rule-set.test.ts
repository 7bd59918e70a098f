import { describe, expect, it } from "vitest";
import { compileRules, defaultQaRules, type Match, type QaSide } from "../../src/index";
import { mulberry32 } from "../../src/routing/simulation";

const rules = compileRules(defaultQaRules);

type Row = [label: string, side: QaSide, text: string, expected: [ruleId: string, matched: string][]];

/** Every expected match must also slice back out of the original text at its offsets. */
function check(matches: Match[], text: string, expected: [string, string][]) {
  for (const m of matches) expect(text.slice(m.charRange[0], m.charRange[1])).toBe(m.matchedText);
  expect(matches.map((m) => [m.ruleId, m.matchedText])).toEqual(expected);
}

describe("RuleSet.scan over Chinese text", () => {
  it.each<Row>([
    [
      "plain phrase",
      "agent",
      "这个我们这边处理不了,您自己去找银行吧。",
      [
        ["shirking", "处理不了"],
        ["shirking", "您自己去找"],
        ["shirking", "自己去找"],
      ],
    ],
    ["split by a space", "agent", "这个处理 不了", [["shirking", "处理 不了"]]],
    ["split by full-width comma", "agent", "这个处理，不了", [["shirking", "处理，不了"]]],
    ["split by several separators", "agent", "处理 ， 不了", [["shirking", "处理 ， 不了"]]],
    ["traditional characters", "agent", "這個我們處理不了", [["shirking", "處理不了"]]],
    ["traditional complaint", "customer", "我要投訴你們！", [["complaint-zh", "投訴"]]],
    [
      "prohibited promise with its object",
      "agent",
      "我保證給您全額退款",
      [["prohibited-promise", "保證給您全額退款"]],
    ],
    ["a promise that is a refusal", "agent", "这个我不能保证退款", []],
    ["a promise without a forbidden object", "agent", "我保证尽快帮您处理", []],
    ["refund request", "customer", "我要退款！！", [["refund-request", "退款"]]],
    ["refund confirmed is not a request", "customer", "退款成功了，谢谢", []],
    ["a similar longer word: 滚动 is not 滚", "agent", "您往下滚动页面就能看到", []],
    ["the insult itself", "agent", "滚！", [["rude-agent", "滚"]]],
    [
      "overlapping phrases, both reported",
      "customer",
      "物流太慢了，物流慢",
      [
        ["delivery-late", "物流太慢"],
        ["delivery-late", "物流慢"],
      ],
    ],
    [
      "two rules on one line",
      "customer",
      "物流慢死了还没收到，我要投诉",
      [
        ["delivery-late", "物流慢"],
        ["delivery-late", "还没收到"],
        ["complaint-zh", "投诉"],
      ],
    ],
    ["customer rules do not read agent lines", "agent", "您是要投诉吗？", []],
    [
      "full-width card number",
      "customer",
      "卡号是 ４１１１ １１１１ 1111 1111 谢谢",
      [["sensitive-card-number", "４１１１ １１１１ 1111 1111"]],
    ],
    ["no match", "customer", "好的，谢谢您的帮助", []],
  ])("%s", (_label, side, text, expected) => {
    check(rules.scan(text, { side }), text, expected);
  });
});

describe("RuleSet.scan over English text", () => {
  it.each<Row>([
    ["case-insensitive", "customer", "I want a REFUND now", [["refund-request", "REFUND"]]],
    ["full-width letters", "customer", "ＲＥＦＵＮＤ please", [["refund-request", "ＲＥＦＵＮＤ"]]],
    [
      "prefix phrase refund* takes inflections",
      "customer",
      "has it been refunded yet?",
      [["refund-request", "refund"]],
    ],
    [
      "word boundary: 'hi' is not in 'this'",
      "agent",
      "this is nothing i can do about",
      [["shirking", "nothing i can do"]],
    ],
    ["word boundary: stupidity is not stupid", "agent", "that stupidity of the system", []],
    [
      "promise across words",
      "agent",
      "I GUARANTEE you a full refund tomorrow",
      [["prohibited-promise", "GUARANTEE you a full refund"]],
    ],
    ["refusal to promise", "agent", "I can't guarantee a refund, sorry", []],
    [
      "punctuation inside a phrase",
      "agent",
      "Sorry, that's not my problem!",
      [["rude-agent", "not my problem"]],
    ],
    [
      "phrase split by line break and spaces",
      "agent",
      "I'm afraid I cannot\n   help you",
      [["shirking", "cannot\n   help you"]],
    ],
    [
      "complaint, overlapping",
      "customer",
      "I will file a complaint",
      [
        ["complaint-en", "file a complaint"],
        ["complaint-en", "complaint"],
      ],
    ],
    ["not a complaint", "customer", "no complaint here, thanks", []],
    [
      "bilingual line",
      "customer",
      "where is my order? 物流太慢",
      [
        ["delivery-late", "where is my order"],
        ["delivery-late", "物流太慢"],
      ],
    ],
    [
      "surrogate pairs before a match keep offsets",
      "customer",
      "😡😡 refund!",
      [["refund-request", "refund"]],
    ],
  ])("%s", (_label, side, text, expected) => {
    check(rules.scan(text, { side }), text, expected);
  });
});

describe("rule scoping", () => {
  const scoped = compileRules([
    {
      id: "voice-only",
      kind: "phrases",
      category: "c",
      severity: "low",
      side: "any",
      channels: ["voice"],
      phrases: ["hello"],
    },
    { id: "cfg", category: "legacy", keywords: ["Hello"], severity: "warning" },
  ]);

  it.each([
    ["voice", ["cfg", "voice-only"]],
    ["webchat", ["cfg"]],
  ] as const)("on %s the rules for that channel run", (channel, ids) => {
    expect(scoped.scan("hello", { side: "agent", channel }).map((m) => m.ruleId)).toEqual(ids);
  });

  it("keeps the config shape (keywords, info/warning/critical) working", () => {
    const [m] = scoped.scan("HELLO", { side: "customer", channel: "webchat" });
    expect(m).toMatchObject({ ruleId: "cfg", category: "legacy", severity: "medium", charRange: [0, 5] });
  });

  it("reports required phrases as said, not as flags", () => {
    const r = rules.inspect("您好，很高兴为您服务", { side: "agent" });
    expect(r.matches).toEqual([]);
    expect(r.said).toEqual(["greeting-required"]);
    expect(rules.inspect("您好", { side: "customer" }).said).toEqual([]);
  });

  it("notFollowedBy and notPrecededBy allow one separator in between", () => {
    const set = compileRules([
      {
        id: "r",
        kind: "phrases",
        category: "c",
        severity: "low",
        side: "any",
        phrases: ["退款"],
        notFollowedBy: ["成功"],
        notPrecededBy: ["不要"],
      },
    ]);
    expect(set.scan("退款，成功", { side: "customer" })).toEqual([]);
    expect(set.scan("不要 退款", { side: "customer" })).toEqual([]);
    expect(set.scan("退款，失败", { side: "customer" }).map((m) => m.matchedText)).toEqual(["退款"]);
  });
});

describe("offsets on generated text", () => {
  // Random lines of Chinese, full-width and ASCII letters, emoji and separators with one phrase
  // planted, split by random separators: the phrase is always found, and every reported range
  // slices exactly the reported text out of the original.
  const pieces = ["我们", "訂單", "ＡＢＣ", "abc", "😀", "１２３", "，", " ", "。", "\u3000", "、", "物流"];
  const separators = ["", " ", "，", "、", "\u3000", " ， "];
  const set = compileRules([
    { id: "p", kind: "phrases", category: "c", severity: "low", side: "any", phrases: ["处理不了"] },
  ]);

  it.each([11, 12, 13, 14, 15, 16])("seed %i", (seed) => {
    const random = mulberry32(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    for (let round = 0; round < 200; round++) {
      const before = Array.from({ length: Math.floor(random() * 6) }, () => pick(pieces)).join("");
      const after = Array.from({ length: Math.floor(random() * 6) }, () => pick(pieces)).join("");
      const planted = ["處", "理", "不", "了"]
        .map((c, i) => (i === 0 ? c : `${pick(separators)}${c}`))
        .join("");
      const text = `${before}${planted}${after}`;
      const matches = set.scan(text, { side: "agent" });
      for (const m of matches) expect(text.slice(...m.charRange)).toBe(m.matchedText);
      expect(matches.map((m) => m.matchedText)).toContain(planted);
    }
  });
});
