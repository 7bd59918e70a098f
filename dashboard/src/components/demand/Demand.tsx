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
import { useQuery } from "../../lib/hooks";
import { defaultRange, rangeToIso } from "../../lib/range";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { seriesColors } from "../reports/colors";
import { Status } from "../Status";
import { DemandShare } from "./DemandShare";
import { TaxonomyEditor } from "./TaxonomyEditor";

interface Term {
  kind: "CATEGORY" | "KEYWORD";
  term: string;
  contacts: number;
  share: number;
  daily: { day: string; contacts: number }[];
}

const query = `query($from: DateTime!, $to: DateTime!) { demand(from: $from, to: $to) { kind term contacts share daily { day contacts } } }`;
const tooltip = { background: "#161b22", border: "1px solid #30363d" };

/** What customers contact about: categories as a pie, keywords as bars, the top terms day by day. */
export function Demand() {
  const { t, fmt, role } = useSession();
  const [range, setRange] = useState<RangeValue>({ ...defaultRange(14), interval: "" });
  const vars = useMemo(() => {
    try {
      return rangeToIso(range.from, range.to);
    } catch {
      return undefined;
    }
  }, [range]);
  const result = useQuery<{ demand: Term[] }>(query, vars ?? {}, vars === undefined);
  const terms = result.data?.demand ?? [];
  const categories = terms.filter((x) => x.kind === "CATEGORY").sort((a, b) => b.contacts - a.contacts);
  const keywords = terms
    .filter((x) => x.kind === "KEYWORD")
    .sort((a, b) => b.contacts - a.contacts)
    .slice(0, 15);
  const top = categories.slice(0, 6);
  const days = [...new Set(top.flatMap((c) => c.daily.map((d) => d.day)))].sort();
  const daily = days.map((day) => {
    const point: Record<string, string | number> = { day: fmt.date(`${day}T00:00:00Z`) };
    for (const c of top) point[c.term] = c.daily.find((d) => d.day === day)?.contacts ?? 0;
    return point;
  });
  return (
    <div className="stack">
      <RangePicker value={range} intervals={[]} onApply={setRange} />
      <Status
        loading={result.loading}
        error={result.error}
        empty={result.data !== undefined && terms.length === 0}
      />
      {terms.length > 0 && (
        <div className="grid2">
          <section className="card" data-testid="demand-categories">
            <h2>{t("categories")}</h2>
            <div className="chart">
              <ResponsiveContainer width="100%" height="100%">
                <PieChart>
                  <Pie
                    data={categories}
                    dataKey="contacts"
                    nameKey="term"
                    outerRadius={110}
                    label={(e: { name?: string; percent?: number }) =>
                      `${e.name ?? ""} ${fmt.percent(e.percent ?? null)}`
                    }
                    isAnimationActive={false}
                  >
                    {categories.map((c, i) => (
                      <Cell key={c.term} fill={seriesColors[i % seriesColors.length]} />
                    ))}
                  </Pie>
                  <Tooltip contentStyle={tooltip} />
                </PieChart>
              </ResponsiveContainer>
            </div>
          </section>
          <section className="card">
            <h2>{t("trends")}</h2>
            <div className="chart">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={daily}>
                  <CartesianGrid stroke="#30363d" />
                  <XAxis dataKey="day" stroke="#9aa5b1" />
                  <YAxis stroke="#9aa5b1" allowDecimals={false} />
                  <Tooltip contentStyle={tooltip} />
                  <Legend />
                  {top.map((c, i) => (
                    <Line
                      key={c.term}
                      dataKey={c.term}
                      stroke={seriesColors[i % seriesColors.length]}
                      dot={false}
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          </section>
          <section className="card">
            <h2>{t("keywords")}</h2>
            {keywords.length === 0 && <p className="muted">{t("noData")}</p>}
            <div className="chart" hidden={keywords.length === 0}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={keywords} layout="vertical">
                  <CartesianGrid stroke="#30363d" />
                  <XAxis type="number" stroke="#9aa5b1" allowDecimals={false} />
                  <YAxis type="category" dataKey="term" stroke="#9aa5b1" width={120} />
                  <Tooltip contentStyle={tooltip} />
                  <Bar dataKey="contacts" name={t("contacts")} fill="#4ea1ff" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </section>
          <section className="card">
            <table>
              <thead>
                <tr>
                  <th>{t("category")}</th>
                  <th className="num">{t("contacts")}</th>
                  <th className="num">{t("share")}</th>
                </tr>
              </thead>
              <tbody>
                {categories.map((c) => (
                  <tr key={c.term}>
                    <td>{c.term}</td>
                    <td className="num">{fmt.int(c.contacts)}</td>
                    <td className="num">{fmt.percent(c.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
      {vars !== undefined && can(role, "Query.demandShare") && <DemandShare from={vars.from} to={vars.to} />}
      {can(role, "Mutation.saveDemandTaxonomy") && <TaxonomyEditor />}
    </div>
  );
}
