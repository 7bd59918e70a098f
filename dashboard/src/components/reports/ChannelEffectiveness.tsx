"use client";

import { codeText } from "../../lib/code-text";
import { useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { Status } from "../Status";
import { channelColor } from "./colors";

interface Ranked {
  channel: string;
  rank: number | null;
  score: number | null;
  bestAt: string[];
}

const query = `query($from: DateTime!, $to: DateTime!) { channelEffectiveness(from: $from, to: $to) {
  bestChannel channels { channel rank score bestAt } } }`;

/** Where customers are better served: the API's channel ranking with what each channel leads on. */
export function ChannelEffectiveness({ from, to }: { from: string; to: string }) {
  const { t, fmt } = useSession();
  const result = useQuery<{ channelEffectiveness: { bestChannel: string | null; channels: Ranked[] } }>(
    query,
    {
      from,
      to,
    },
  );
  const data = result.data?.channelEffectiveness;
  const name = (c: string) => codeText(t, "channel", c);
  const list = (ms: string[]) => ms.map((m) => codeText(t, "serviceMeasure", m)).join(", ");
  const best = data?.channels[0];
  return (
    <section className="card" data-testid="channel-effectiveness">
      <h2>{t("effectiveness")}</h2>
      <Status loading={result.loading} error={result.error} />
      {data !== undefined &&
        (data.bestChannel === null || best === undefined ? (
          <p className="muted">{t("effectivenessUnknown")}</p>
        ) : (
          <p data-testid="verdict">
            {t("bestServedOn", { channel: name(data.bestChannel) })}
            {best.bestAt.length > 0 ? ` (${t("bestAt")}: ${list(best.bestAt)})` : ""}
          </p>
        ))}
      {data !== undefined && data.channels.length > 0 && (
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
            {data.channels.map((s) => (
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
      )}
      <p className="muted">{t("effectivenessHow")}</p>
    </section>
  );
}
