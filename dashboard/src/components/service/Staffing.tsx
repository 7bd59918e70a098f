"use client";

import { useMemo, useState } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { Status } from "../Status";
import type { SlInterval } from "./ServiceLevel";

// Erlang C per interval through the API's `staffing` query: one document with an aliased field per
// interval (at most 48, so the document stays under the API's cost limit).

const maxIntervals = 48;

export function Staffing({
  intervals,
  target,
  threshold,
  intervalSeconds,
  staffedNow,
}: {
  intervals: SlInterval[];
  target: number;
  threshold: number;
  intervalSeconds: number;
  staffedNow: number | undefined;
}) {
  const { t, fmt } = useSession();
  const [assumedAht, setAssumedAht] = useState(240);
  const shown = intervals.slice(-maxIntervals);
  const document = useMemo(() => {
    if (shown.length === 0) return undefined;
    const fields = shown.map(
      (i, n) =>
        `s${n}: staffing(calls: ${i.offered}, intervalSeconds: ${intervalSeconds}, ahtSeconds: ${Math.max(1, Math.round(i.ahtSeconds ?? assumedAht))}, targetServiceLevel: ${target}, thresholdSeconds: ${threshold}) { agents serviceLevel occupancy }`,
    );
    return `{ ${fields.join("\n")} }`;
  }, [shown, intervalSeconds, assumedAht, target, threshold]);
  const result = useQuery<Record<string, { agents: number; serviceLevel: number; occupancy: number }>>(
    document ?? "{ me { role } }",
    {},
    document === undefined,
  );
  const rows = shown.map((i, n) => ({
    start: fmt.dateTime(i.start),
    needed: result.data?.[`s${n}`]?.agents ?? null,
    staffed: staffedNow ?? null,
  }));
  return (
    <section className="card" data-testid="staffing">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>{t("staffing")}</h2>
        <label>
          {t("ahtAssumed")}
          <input
            type="number"
            min={1}
            value={assumedAht}
            onChange={(e) => setAssumedAht(Number(e.target.value) || 240)}
            style={{ width: 100 }}
          />
        </label>
      </div>
      <Status
        loading={result.loading && document !== undefined}
        error={result.error}
        empty={document === undefined}
      />
      {document !== undefined && (
        <div className="chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={rows}>
              <CartesianGrid stroke="#30363d" />
              <XAxis dataKey="start" stroke="#9aa5b1" minTickGap={24} />
              <YAxis stroke="#9aa5b1" allowDecimals={false} />
              <Tooltip contentStyle={{ background: "#161b22", border: "1px solid #30363d" }} />
              <Legend />
              <Bar dataKey="needed" name={t("agentsNeeded")} fill="#4ea1ff" isAnimationActive={false} />
              <Line
                dataKey="staffed"
                name={`${t("agentsStaffed")} (${fmt.time(Date.now()).slice(0, 5)})`}
                stroke="#3fb950"
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
