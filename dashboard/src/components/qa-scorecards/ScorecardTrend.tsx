"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useSession } from "../../lib/session";
import { seriesColors } from "../reports/colors";
import type { Scorecard } from "./ScorecardTable";

const tooltip = { background: "#161b22", border: "1px solid #30363d" };
const shown = 8;

/** Hits per 100 contacts by day for the groups with the most hits (a line per agent or team). */
export function ScorecardTrend({ cards, team }: { cards: Scorecard[]; team: boolean }) {
  const { t, fmt } = useSession();
  const top = [...cards].sort((a, b) => b.hits - a.hits).slice(0, shown);
  const label = (c: Scorecard) => c.group ?? (team ? t("noTeam") : t("none"));
  const days = [...new Set(top.flatMap((c) => c.daily.map((d) => d.day)))].sort();
  const data = days.map((day) => {
    const point: Record<string, string | number | null> = { day: fmt.date(`${day}T00:00:00Z`) };
    for (const c of top) point[label(c)] = c.daily.find((d) => d.day === day)?.hitsPer100 ?? null;
    return point;
  });
  return (
    <section className="card" data-testid="qa-trend">
      <h2>{t("hitsTrend")}</h2>
      <div className="chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data}>
            <CartesianGrid stroke="#30363d" />
            <XAxis dataKey="day" stroke="#9aa5b1" />
            <YAxis stroke="#9aa5b1" />
            <Tooltip contentStyle={tooltip} />
            <Legend />
            {top.map((c, i) => (
              <Line
                key={label(c)}
                dataKey={label(c)}
                stroke={seriesColors[i % seriesColors.length]}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
