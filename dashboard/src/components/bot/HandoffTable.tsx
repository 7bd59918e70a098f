"use client";

import { codeText } from "../../lib/code-text";
import type { MessageKey } from "../../lib/i18n";
import { en } from "../../lib/messages-en";
import { useSession } from "../../lib/session";
import type { ReasonStats } from "./types";

/** Hand-offs by reason and what followed; complaint rows show whether they reached senior agents. */
export function HandoffTable({ reasons, seniorLevel }: { reasons: ReasonStats[]; seniorLevel: number }) {
  const { t, fmt } = useSession();
  // A reason this app has no label for (a newer bot gateway) is shown as sent.
  const reasonLabel = (r: string) => {
    const key = `reason_${r}`;
    return key in en ? t(key as MessageKey) : r;
  };
  return (
    <section className="card" data-testid="handoffs">
      <h2>{t("handoffs")}</h2>
      {reasons.length === 0 && <p className="muted">{t("noData")}</p>}
      {reasons.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t("selfService")}</th>
              <th>{t("reason")}</th>
              <th className="num">{t("handoffs")}</th>
              <th className="num">{t("share")}</th>
              <th className="num">{t("handled")}</th>
              <th className="num">{t("abandoned")}</th>
              <th className="num">{t("waitAfterHandoff")}</th>
              <th className="num">{t("resolutionRate")}</th>
              <th className="num">{t("csat")}</th>
              <th className="num">{t("seniorShare", { level: seniorLevel })}</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={`${r.kind}-${r.reason}`} data-testid={`handoff-${r.reason}`}>
                <td>{codeText(t, "selfServiceKind", r.kind)}</td>
                <td>{reasonLabel(r.reason)}</td>
                <td className="num">{fmt.int(r.handoffs)}</td>
                <td className="num">{fmt.percent(r.share)}</td>
                <td className="num">{fmt.int(r.handled)}</td>
                <td className="num">{fmt.int(r.abandoned)}</td>
                <td className="num" data-testid="wait">
                  {fmt.duration(r.avgWaitSeconds)}
                </td>
                <td className="num">{fmt.percent(r.resolutionRate)}</td>
                <td className="num">
                  {fmt.percent(r.csat)} <span className="muted">({fmt.int(r.csatResponses)})</span>
                </td>
                <td className="num" data-testid="senior">
                  {fmt.percent(r.seniorShare)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
