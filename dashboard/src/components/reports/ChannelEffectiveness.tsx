"use client";

import { type ChannelMeasures, channelEffectiveness, type Measure } from "../../lib/effectiveness";
import type { MessageKey } from "../../lib/i18n";
import { useSession } from "../../lib/session";
import { channelColor } from "./colors";

const measureLabel: Record<Measure, MessageKey> = {
  csat: "csat",
  resolutionRate: "resolutionRate",
  abandonRate: "abandonRate",
  asaSeconds: "asa",
  firstResponseSeconds: "firstResponse",
};

/** Where customers are better served: channels ranked on CSAT, resolution, abandons and speed. */
export function ChannelEffectiveness({ rows }: { rows: readonly ChannelMeasures[] }) {
  const { t, fmt } = useSession();
  const scores = channelEffectiveness(rows);
  const name = (c: string) => t(`channel_${c}` as MessageKey);
  const best = scores[0];
  const list = (ms: Measure[]) => ms.map((m) => t(measureLabel[m])).join(", ");
  return (
    <section className="card" data-testid="channel-effectiveness">
      <h2>{t("effectiveness")}</h2>
      {best === undefined || best.rank === null ? (
        <p className="muted">{t("effectivenessUnknown")}</p>
      ) : (
        <p data-testid="verdict">
          {t("bestServedOn", { channel: name(best.channel) })}
          {best.bestAt.length > 0 ? ` (${t("bestAt")}: ${list(best.bestAt)})` : ""}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th className="num">{t("rank")}</th>
            <th>{t("channel")}</th>
            <th className="num">{t("score")}</th>
            <th>{t("bestAt")}</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((s) => (
            <tr key={s.channel} data-testid={`effectiveness-${s.channel}`}>
              <td className="num">{s.rank ?? t("none")}</td>
              <td>
                <span style={{ color: channelColor[s.channel] }}>■</span> {name(s.channel)}
              </td>
              <td className="num">{s.score === null ? t("none") : fmt.decimal(s.score * 100, 0)}</td>
              <td>{s.bestAt.length === 0 ? t("none") : list(s.bestAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("effectivenessHow")}</p>
    </section>
  );
}
