import { describe, expect, it } from "vitest";
import { compileRules, QaEngine, type StarboardEvent, validateRule } from "../../src/index";

const { phrases: _unused, ...noPhrases } = {
  id: "r1",
  kind: "phrases",
  category: "complaint",
  severity: "high",
  side: "customer",
  phrases: ["投诉"],
};
const ok = {
  id: "r1",
  kind: "phrases",
  category: "complaint",
  severity: "high",
  side: "customer",
  phrases: ["投诉"],
};

describe("validateRule", () => {
  it.each<[string, object, string, string]>([
    ["missing phrases", { ...ok, phrases: undefined }, "phrases", ""],
    ["empty phrase list", { ...ok, phrases: [] }, "phrases", "at least one phrase"],
    [
      "phrase that is only punctuation",
      { ...ok, phrases: ["ok", "，。"] },
      "phrases[1]",
      "only spaces or punctuation",
    ],
    ["unknown severity", { ...ok, severity: "urgent" }, "severity", ""],
    ["unknown side", { ...ok, side: "bot" }, "side", ""],
    ["unknown channel", { ...ok, channels: ["fax"] }, "channels[0]", ""],
    ["bad id", { ...ok, id: "has space" }, "id", "letters, digits"],
    ["unknown field (typo)", { ...ok, notFolowedBy: ["x"] }, "(rule)", "notFolowedBy"],
    [
      "regex that does not compile",
      { ...noPhrases, kind: "regex", pattern: "([a-z" },
      "pattern",
      "does not compile",
    ],
    [
      "regex matching nothing but empty",
      { ...noPhrases, kind: "regex", pattern: "x*" },
      "pattern",
      "empty string",
    ],
    ["bad regex flag", { ...noPhrases, kind: "regex", pattern: "x", flags: "gy" }, "flags", ""],
    ["zero seconds", { ...noPhrases, kind: "silence", maxSeconds: 0 }, "maxSeconds", ""],
    ["near without distance", { ...ok, near: { phrases: ["退款"] } }, "near.withinChars", ""],
    ["unknown kind", { ...ok, kind: "sentiment" }, "kind", ""],
  ])("%s", (_label, rule, field, words) => {
    const result = validateRule(rule);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.field === field);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error?.message).toContain(words);
  });

  it("accepts the config file's shape and fills the defaults", () => {
    expect(validateRule({ id: "cfg", category: "abuse", keywords: ["shut up"] })).toEqual({
      ok: true,
      rule: {
        id: "cfg",
        kind: "phrases",
        category: "abuse",
        phrases: ["shut up"],
        severity: "medium",
        side: "any",
      },
    });
  });

  it("compileRules lists every problem with the rule's index and id, duplicates included", () => {
    expect(() => compileRules([ok, { ...ok, severity: "urgent" }, ok])).toThrow(
      /rules\[1\] \(r1\)\.severity: .*\n.*rules\[2\] \(r1\)\.id: duplicate of rules\[0\]/,
    );
  });
});

describe("QaEngine.setRules", () => {
  it("applies new rules to the next line and keeps contact state", () => {
    const engine = new QaEngine(compileRules([ok]));
    const line = (n: number, text: string): StarboardEvent => ({
      id: `e${n}`,
      type: "message.received",
      version: 1,
      time: `2026-11-30T10:00:0${n}.000Z`,
      tenant: "default",
      source: "test",
      channel: "webchat",
      contactId: "c1",
      data: { messageId: `m${n}`, senderRole: "customer", text },
    });
    expect(engine.handle(line(1, "我要投诉退款")).map((f) => f.data.ruleId)).toEqual(["r1"]);
    engine.setRules(compileRules([{ ...ok, id: "r2", phrases: ["退款"] }]));
    expect(engine.handle(line(2, "我要投诉退款")).map((f) => f.data.matchedText)).toEqual(["退款"]);
    expect(engine.trackedContacts).toBe(1);
  });
});
