// Precision and recall of a rule set against labelled lines, per category, at message level: a line
// counts as flagged for a category when any rule of that category matched it (several matches in
// one line are one detection), which is how a reviewer labels a line.

import type { Channel } from "../events/envelope";
import type { RuleSet } from "./rule-set";
import type { QaSide } from "./rule-types";

export interface LabelledLine {
  id: string;
  side: QaSide;
  channel?: Channel;
  text: string;
  /** Categories a reviewer would flag on this line; empty for a clean line. */
  labels: string[];
}

export interface CategoryScore {
  category: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** tp / (tp + fp); 1 when nothing was flagged (no false alarm was raised). */
  precision: number;
  /** tp / (tp + fn); 1 when no line carries the label. */
  recall: number;
}

export interface Evaluation {
  categories: CategoryScore[];
  /** Lines where the prediction differed from the labels, for tuning. */
  errors: { id: string; text: string; missed: string[]; extra: string[] }[];
}

export function evaluateRules(rules: RuleSet, lines: readonly LabelledLine[]): Evaluation {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (category: string, field: "tp" | "fp" | "fn") => {
    let c = counts.get(category);
    if (c === undefined) {
      c = { tp: 0, fp: 0, fn: 0 };
      counts.set(category, c);
    }
    c[field] += 1;
  };
  const errors: Evaluation["errors"] = [];
  for (const line of lines) {
    const predicted = new Set(
      rules
        .scan(line.text, { side: line.side, ...(line.channel ? { channel: line.channel } : {}) })
        .map((m) => m.category),
    );
    const truth = new Set(line.labels);
    const missed = [...truth].filter((c) => !predicted.has(c));
    const extra = [...predicted].filter((c) => !truth.has(c));
    for (const c of truth) bump(c, predicted.has(c) ? "tp" : "fn");
    for (const c of extra) bump(c, "fp");
    if (missed.length > 0 || extra.length > 0) errors.push({ id: line.id, text: line.text, missed, extra });
  }
  const categories = [...counts]
    .map(([category, c]) => ({
      category,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
      recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
    }))
    .sort((a, b) => (a.category < b.category ? -1 : 1));
  return { categories, errors };
}
