"use client";

import { useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { Status } from "../Status";

interface Precision {
  ruleId: string;
  category: string;
  flags: number;
  reviewed: number;
  unreviewed: number;
  confirmed: number;
  falsePositives: number;
  precision: number | null;
}

const query = `query($from: DateTime!, $to: DateTime!) { qaRulePrecision(from: $from, to: $to) {
  ruleId category flags reviewed unreviewed confirmed falsePositives precision } }`;

/** Precision per QA rule as the API orders it: worst first, rules nobody reviewed yet last. */
export function RulePrecision({ from, to }: { from: string; to: string }) {
  const { t, fmt } = useSession();
  const result = useQuery<{ qaRulePrecision: Precision[] }>(query, { from, to });
  const rules = result.data?.qaRulePrecision ?? [];
  return (
    <section className="card" data-testid="rule-precision">
      <h2>{t("rulePrecision")}</h2>
      <Status
        loading={result.loading}
        error={result.error}
        empty={result.data !== undefined && rules.length === 0}
      />
      {rules.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t("rule")}</th>
              <th>{t("category")}</th>
              <th className="num">{t("precision")}</th>
              <th className="num">{t("flags")}</th>
              <th className="num">{t("reviewed")}</th>
              <th className="num">{t("confirmed")}</th>
              <th className="num">{t("falsePositives")}</th>
              <th className="num">{t("unreviewed")}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.ruleId} data-testid={`precision-${r.ruleId}`}>
                <td>{r.ruleId}</td>
                <td>{r.category}</td>
                <td className="num" data-testid="precision">
                  {fmt.percent(r.precision)}
                </td>
                <td className="num">{fmt.int(r.flags)}</td>
                <td className="num">{fmt.int(r.reviewed)}</td>
                <td className="num">{fmt.int(r.confirmed)}</td>
                <td className="num">{fmt.int(r.falsePositives)}</td>
                <td className="num">{fmt.int(r.unreviewed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
