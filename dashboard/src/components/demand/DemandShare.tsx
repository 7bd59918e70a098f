"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { codeText } from "../../lib/code-text";
import { useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { seriesColors } from "../reports/colors";
import { Status } from "../Status";

interface Term {
  kind: "CATEGORY" | "KEYWORD" | "INTENT";
  term: string;
  contacts: number;
  share: number | null;
  trendPerDay: number | null;
  daily: { day: string; contacts: number; share: number | null }[];
}

const query = `query($from: DateTime!, $to: DateTime!) { demandShare(from: $from, to: $to) {
  totalContacts terms { kind term contacts share trendPerDay daily { day contacts share } } } }`;
const tooltip = { background: "#161b22", border: "1px solid #30363d" };
/** A trend under a tenth of a point per day reads as flat. */
const flat = 0.001;

/** What share of contacts mention each term (categories from text and tags, tracked keywords, IVR intents). */
export function DemandShare({ from, to }: { from: string; to: string }) {
  const { t, fmt } = useSession();
  const result = useQuery<{ demandShare: { totalContacts: number; terms: Term[] } }>(query, { from, to });
  const data = result.data?.demandShare;
  const terms = data?.terms ?? [];
  const keywords = terms.filter((x) => x.kind === "KEYWORD").slice(0, 6);
  const days = [...new Set(keywords.flatMap((k) => k.daily.map((d) => d.day)))].sort();
  const series = days.map((day) => {
    const point: Record<string, string | number | null> = { day: fmt.date(`${day}T00:00:00Z`) };
    for (const k of keywords) {
      const share = k.daily.find((d) => d.day === day)?.share;
      point[k.term] = share === undefined || share === null ? null : Math.round(share * 1000) / 10;
    }
    return point;
  });
  const arrow = (slope: number | null) =>
    slope === null ? t("none") : slope > flat ? "▲" : slope < -flat ? "▼" : "▬";
  return (
    <div className="grid2">
      <section className="card" data-testid="demand-share">
        <h2>{t("demandShare")}</h2>
        <Status
          loading={result.loading}
          error={result.error}
          empty={data !== undefined && terms.length === 0}
        />
        {data !== undefined && terms.length > 0 && (
          <>
            <p className="muted">{t("contactsInRange", { n: fmt.int(data.totalContacts) })}</p>
            <table>
              <thead>
                <tr>
                  <th>{t("term")}</th>
                  <th>{t("kind")}</th>
                  <th className="num">{t("contacts")}</th>
                  <th className="num">{t("shareOfContacts")}</th>
                  <th className="num">{t("trend")}</th>
                </tr>
              </thead>
              <tbody>
                {terms.map((x) => (
                  <tr key={`${x.kind}-${x.term}`} data-testid={`share-${x.term}`}>
                    <td>{x.term}</td>
                    <td>{codeText(t, "demandKind", x.kind)}</td>
                    <td className="num">{fmt.int(x.contacts)}</td>
                    <td className="num" data-testid="share">
                      {fmt.percent(x.share)}
                    </td>
                    <td
                      className="num"
                      title={
                        x.trendPerDay === null
                          ? undefined
                          : `${fmt.decimal(x.trendPerDay * 100, 2)} / ${t("day")}`
                      }
                    >
                      {arrow(x.trendPerDay)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section className="card" data-testid="keyword-trend">
        <h2>{t("keywordShareTrend")}</h2>
        {keywords.length === 0 && <p className="muted">{t("noData")}</p>}
        <div className="chart" hidden={keywords.length === 0}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={series}>
              <CartesianGrid stroke="#30363d" />
              <XAxis dataKey="day" stroke="#9aa5b1" />
              <YAxis stroke="#9aa5b1" unit="%" />
              <Tooltip contentStyle={tooltip} />
              <Legend />
              {keywords.map((k, i) => (
                <Line
                  key={k.term}
                  dataKey={k.term}
                  stroke={seriesColors[i % seriesColors.length]}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </section>
    </div>
  );
}
