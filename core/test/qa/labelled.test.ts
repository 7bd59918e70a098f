import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileRules, defaultQaRules, evaluateRules, type LabelledLine } from "../../src/index";

// The labelled set (see labelled/README.md) scored with the default rules. Floors are set just under
// what the rules achieve today (printed below), so a rule change that loses precision or recall fails.

const lines = readFileSync(new URL("./labelled/messages.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as LabelledLine);
const evaluation = evaluateRules(compileRules(defaultQaRules), lines);
const score = new Map(evaluation.categories.map((c) => [c.category, c]));

describe("default rules on the labelled set", () => {
  it("has at least 200 lines in both languages, clean lines included", () => {
    expect(lines.length).toBeGreaterThanOrEqual(200);
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    const zh = lines.filter((l) => /\p{Script=Han}/u.test(l.text)).length;
    expect(zh).toBeGreaterThanOrEqual(100);
    expect(lines.length - zh).toBeGreaterThanOrEqual(90);
    expect(lines.filter((l) => l.labels.length === 0).length).toBeGreaterThanOrEqual(80);
  });

  // [category, precision floor, recall floor]; achieved values in the README.
  it.each([
    ["complaint", 0.9, 0.85],
    ["refund", 0.9, 0.8],
    ["delivery-delay", 0.95, 0.7],
    ["abuse", 0.85, 0.8],
    ["shirking", 0.9, 0.85],
    ["prohibited-promise", 0.9, 0.75],
    ["sensitive-data", 0.95, 0.75],
  ] as const)("%s: precision >= %d, recall >= %d", (category, precision, recall) => {
    const s = score.get(category);
    expect(s, `no line labelled or flagged ${category}`).toBeDefined();
    console.log(
      `${category.padEnd(19)} precision ${s?.precision.toFixed(3)} recall ${s?.recall.toFixed(3)} (tp ${s?.truePositives}, fp ${s?.falsePositives}, fn ${s?.falseNegatives})`,
    );
    expect(s?.precision).toBeGreaterThanOrEqual(precision);
    expect(s?.recall).toBeGreaterThanOrEqual(recall);
  });

  it("every label is a category some default rule produces", () => {
    const produced = new Set(defaultQaRules.map((r) => r.category));
    for (const line of lines)
      for (const label of line.labels) expect(produced.has(label), `${line.id}: ${label}`).toBe(true);
  });
});
