import type { Warehouse } from "../client";
import { num, rangeParams, ratio, runNamedQuery, type TimeRange } from "./named-query";

// How often each QA rule is right, by the reviewers' latest verdicts on its flags: precision =
// confirmed / (confirmed + false positive). Sorted worst first so the rules that waste reviewers'
// time are at the top; rules nobody reviewed yet (precision null) come last, most flags first.

export interface QaRulePrecision {
  ruleId: string;
  category: string;
  flags: number;
  reviewed: number;
  unreviewed: number;
  confirmed: number;
  falsePositives: number;
  /** null until at least one flag of the rule is reviewed. */
  precision: number | null;
}

interface Row {
  rule_id: string;
  category: string;
  flags: number;
  confirmed: number;
  false_positives: number;
}

export function worstFirst(a: QaRulePrecision, b: QaRulePrecision): number {
  if (a.precision === null || b.precision === null) {
    if (a.precision !== b.precision) return a.precision === null ? 1 : -1;
    return b.flags - a.flags || a.ruleId.localeCompare(b.ruleId);
  }
  return a.precision - b.precision || b.falsePositives - a.falsePositives || a.ruleId.localeCompare(b.ruleId);
}

/** Flags raised in [from, to). */
export async function qaRulePrecision(warehouse: Warehouse, query: TimeRange): Promise<QaRulePrecision[]> {
  const rows = await runNamedQuery<Row>(warehouse, "qa_rule_precision", rangeParams(query));
  return rows
    .map((r) => {
      const flags = num(r.flags);
      const confirmed = num(r.confirmed);
      const falsePositives = num(r.false_positives);
      const reviewed = confirmed + falsePositives;
      return {
        ruleId: r.rule_id,
        category: r.category,
        flags,
        reviewed,
        unreviewed: flags - reviewed,
        confirmed,
        falsePositives,
        precision: ratio(confirmed, reviewed),
      };
    })
    .sort(worstFirst);
}
