"use client";

import { useMemo, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { codeText } from "../../lib/code-text";
import { downloadCsv, toCsv } from "../../lib/csv";
import { useQuery } from "../../lib/hooks";
import type { MessageKey } from "../../lib/i18n";
import { defaultRange, rangeToIso } from "../../lib/range";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { Status } from "../Status";
import { ChannelEffectiveness } from "./ChannelEffectiveness";
import { channelColor } from "./colors";

interface Row {
  channel: string;
  offered: number;
  handled: number;
  abandoned: number;
  resolved: number;
  csat: number | null;
  csatResponses: number;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  resolutionRate: number | null;
  firstResponseSeconds: number | null;
}
interface Report {
  channelReport: { totals: Row[]; buckets: { start: string; channels: Row[] }[] };
}

const rowFields =
  "channel offered handled abandoned resolved csat csatResponses asaSeconds ahtSeconds abandonRate resolutionRate firstResponseSeconds";
const query = `query($from: DateTime!, $to: DateTime!, $interval: Interval) {
  channelReport(from: $from, to: $to, interval: $interval) {
    totals { ${rowFields} } buckets { start channels { ${rowFields} } }
  } }`;

type Metric = "offered" | "csat" | "resolutionRate" | "asaSeconds" | "abandonRate";
const metrics: { key: Metric; label: MessageKey }[] = [
  { key: "offered", label: "volume" },
  { key: "csat", label: "csat" },
  { key: "resolutionRate", label: "resolutionRate" },
  { key: "asaSeconds", label: "asa" },
  { key: "abandonRate", label: "abandonRate" },
];

export function ChannelReport() {
  const { t, fmt, role } = useSession();
  const [range, setRange] = useState<RangeValue>({ ...defaultRange(14), interval: "DAY" });
  const [metric, setMetric] = useState<Metric>("offered");
  const vars = useMemo(() => {
    try {
      return { ...rangeToIso(range.from, range.to), interval: range.interval };
    } catch {
      return undefined;
    }
  }, [range]);
  const report = useQuery<Report>(query, vars ?? {}, vars === undefined);
  const data = report.data?.channelReport;
  const channels = data?.totals.map((r) => r.channel) ?? [];
  const name = (c: string) => codeText(t, "channel", c);
  const series = (data?.buckets ?? []).map((b) => {
    const point: Record<string, number | string | null> = { start: fmt.date(b.start) };
    for (const r of b.channels) point[r.channel] = r[metric];
    return point;
  });
  const mix = (data?.totals ?? [])
    .filter((r) => r.offered > 0)
    .map((r) => ({ name: name(r.channel), channel: r.channel, value: r.offered }));
  const columns: { label: MessageKey; cell: (r: Row) => string }[] = [
    { label: "volume", cell: (r) => fmt.int(r.offered) },
    { label: "handled", cell: (r) => fmt.int(r.handled) },
    { label: "csat", cell: (r) => fmt.percent(r.csat) },
    { label: "csatResponses", cell: (r) => fmt.int(r.csatResponses) },
    { label: "resolutionRate", cell: (r) => fmt.percent(r.resolutionRate) },
    { label: "asa", cell: (r) => fmt.duration(r.asaSeconds) },
    { label: "firstResponse", cell: (r) => fmt.duration(r.firstResponseSeconds) },
    { label: "aht", cell: (r) => fmt.duration(r.ahtSeconds) },
    { label: "abandonRate", cell: (r) => fmt.percent(r.abandonRate) },
  ];
  const exportCsv = () => {
    const rows = (data?.totals ?? []).map((r) => [
      r.channel,
      r.offered,
      r.handled,
      r.abandoned,
      r.resolved,
      r.csat,
      r.csatResponses,
      r.resolutionRate,
      r.asaSeconds,
      r.firstResponseSeconds,
      r.ahtSeconds,
      r.abandonRate,
    ]);
    const header = [
      "channel",
      "offered",
      "handled",
      "abandoned",
      "resolved",
      "csat",
      "csat_responses",
      "resolution_rate",
      "asa_seconds",
      "first_response_seconds",
      "aht_seconds",
      "abandon_rate",
    ];
    downloadCsv(`channels-${range.from}-${range.to}.csv`, toCsv(header, rows));
  };
  return (
    <div className="stack">
      <RangePicker value={range} intervals={["DAY", "WEEK"]} onApply={setRange} />
      <Status
        loading={report.loading}
        error={report.error ?? (vars === undefined ? "bad range" : undefined)}
        empty={data !== undefined && data.totals.length === 0}
      />
      {data !== undefined && data.totals.length > 0 && (
        <>
          <section className="card">
            <div className="row" style={{ justifyContent: "space-between" }}>
              <h2>{t("navReports")}</h2>
              <button type="button" onClick={exportCsv} data-testid="export-csv">
                {t("exportCsv")}
              </button>
            </div>
            <table data-testid="channel-table">
              <thead>
                <tr>
                  <th>{t("channel")}</th>
                  {columns.map((c) => (
                    <th key={c.label} className="num">
                      {t(c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.totals.map((r) => (
                  <tr key={r.channel}>
                    <td>
                      <span style={{ color: channelColor[r.channel] }}>■</span> {name(r.channel)}
                    </td>
                    {columns.map((c) => (
                      <td key={c.label} className="num">
                        {c.cell(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {vars !== undefined && can(role, "Query.channelEffectiveness") && (
            <ChannelEffectiveness from={vars.from} to={vars.to} />
          )}
          <div className="grid2">
            <section className="card" data-testid="trend-chart">
              <div className="row" style={{ justifyContent: "space-between" }}>
                <h2>{t("trends")}</h2>
                <select
                  aria-label={t("metric")}
                  value={metric}
                  onChange={(e) => setMetric(e.target.value as Metric)}
                >
                  {metrics.map((m) => (
                    <option key={m.key} value={m.key}>
                      {t(m.label)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="chart">
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={series}>
                    <CartesianGrid stroke="#30363d" />
                    <XAxis dataKey="start" stroke="#9aa5b1" />
                    <YAxis stroke="#9aa5b1" />
                    <Tooltip contentStyle={{ background: "#161b22", border: "1px solid #30363d" }} />
                    <Legend />
                    {channels.map((c) => (
                      <Line
                        key={c}
                        type="monotone"
                        dataKey={c}
                        name={name(c)}
                        stroke={channelColor[c] ?? "#ccc"}
                        dot={false}
                        isAnimationActive={false}
                        connectNulls
                      />
                    ))}
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </section>
            <section className="card" data-testid="mix-chart">
              <h2>{t("mix")}</h2>
              <div className="chart">
                <ResponsiveContainer width="100%" height="100%">
                  <PieChart>
                    <Pie
                      data={mix}
                      dataKey="value"
                      nameKey="name"
                      outerRadius={110}
                      label
                      isAnimationActive={false}
                    >
                      {mix.map((m) => (
                        <Cell key={m.channel} fill={channelColor[m.channel] ?? "#ccc"} />
                      ))}
                    </Pie>
                    <Tooltip contentStyle={{ background: "#161b22", border: "1px solid #30363d" }} />
                    <Legend />
                  </PieChart>
                </ResponsiveContainer>
              </div>
            </section>
            <section className="card">
              <h2>
                {t("csat")} · {t("resolutionRate")}
              </h2>
              <div className="chart">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart
                    data={data.totals.map((r) => ({
                      name: name(r.channel),
                      csat: r.csat,
                      resolution: r.resolutionRate,
                    }))}
                  >
                    <CartesianGrid stroke="#30363d" />
                    <XAxis dataKey="name" stroke="#9aa5b1" />
                    <YAxis stroke="#9aa5b1" domain={[0, 1]} tickFormatter={(v: number) => fmt.percent(v)} />
                    <Tooltip
                      formatter={(v) => fmt.percent(typeof v === "number" ? v : null)}
                      contentStyle={{ background: "#161b22", border: "1px solid #30363d" }}
                    />
                    <Legend />
                    <Bar dataKey="csat" name={t("csat")} fill="#3fb950" isAnimationActive={false} />
                    <Bar
                      dataKey="resolution"
                      name={t("resolutionRate")}
                      fill="#4ea1ff"
                      isAnimationActive={false}
                    />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
