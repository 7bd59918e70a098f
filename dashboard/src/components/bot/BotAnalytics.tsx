"use client";

import { useMemo, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { codeText } from "../../lib/code-text";
import { useQuery } from "../../lib/hooks";
import { defaultRange, rangeToIso } from "../../lib/range";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { seriesColors } from "../reports/colors";
import { Status } from "../Status";
import { HandoffTable } from "./HandoffTable";
import { botQuery, type Report } from "./types";

const tooltip = { background: "#161b22", border: "1px solid #30363d" };

/** Bot and IVR self-service: containment per kind and channel, hand-offs and what followed, trend. */
export function BotAnalytics() {
  const { t, fmt } = useSession();
  const [range, setRange] = useState<RangeValue>({ ...defaultRange(14), interval: "" });
  const vars = useMemo(() => {
    try {
      return rangeToIso(range.from, range.to);
    } catch {
      return undefined;
    }
  }, [range]);
  const result = useQuery<{ botAnalytics: Report }>(botQuery, vars ?? {}, vars === undefined);
  const report = result.data?.botAnalytics;
  const kinds = ["BOT", "IVR"] as const;
  const days = [...new Set(report?.daily.map((d) => d.day) ?? [])].sort();
  const trend = days.map((day) => {
    const point: Record<string, string | number | null> = { day: fmt.date(`${day}T00:00:00Z`) };
    for (const k of kinds) {
      const rate = report?.daily.find((d) => d.day === day && d.kind === k)?.containmentRate;
      point[t(`kind_${k}`)] = rate === undefined || rate === null ? null : Math.round(rate * 1000) / 10;
    }
    return point;
  });
  return (
    <div className="stack">
      <RangePicker value={range} intervals={[]} onApply={setRange} />
      <Status
        loading={result.loading}
        error={result.error}
        empty={report !== undefined && report.totals.length === 0}
      />
      {report !== undefined && report.totals.length > 0 && (
        <>
          <section className="card" data-testid="self-service-totals">
            <h2>{t("containment")}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t("selfService")}</th>
                  <th>{t("channel")}</th>
                  <th className="num">{t("sessions")}</th>
                  <th className="num">{t("containmentRate")}</th>
                  <th className="num">{t("handoffRate")}</th>
                  <th className="num">{t("gaveUp")}</th>
                  <th className="num">{t("avgTime")}</th>
                </tr>
              </thead>
              <tbody>
                {report.totals.map((x) => (
                  <tr
                    key={`${x.kind}-${x.channel ?? "all"}`}
                    data-testid={`totals-${x.kind}-${x.channel ?? "ALL"}`}
                    className={x.channel === null ? "strong" : undefined}
                  >
                    <td>{t(`kind_${x.kind}`)}</td>
                    <td>{x.channel === null ? t("allChannels") : codeText(t, "channel", x.channel)}</td>
                    <td className="num">{fmt.int(x.sessions)}</td>
                    <td className="num" data-testid="containment">
                      {fmt.percent(x.containmentRate)}
                    </td>
                    <td className="num">{fmt.percent(x.handoffRate)}</td>
                    <td className="num">{fmt.int(x.gaveUp)}</td>
                    <td className="num">{fmt.duration(x.avgSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <HandoffTable reasons={report.handoffReasons} seniorLevel={report.seniorLevel} />
          <section className="card" data-testid="containment-trend">
            <h2>{t("containmentTrend")}</h2>
            <div className="chart">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={trend}>
                  <CartesianGrid stroke="#30363d" />
                  <XAxis dataKey="day" stroke="#9aa5b1" />
                  <YAxis stroke="#9aa5b1" unit="%" domain={[0, 100]} />
                  <Tooltip contentStyle={tooltip} />
                  <Legend />
                  {kinds.map((k, i) => (
                    <Line
                      key={k}
                      dataKey={t(`kind_${k}`)}
                      stroke={seriesColors[i % seriesColors.length]}
                      connectNulls
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
