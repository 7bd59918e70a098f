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
import type { SlInterval, StaffedInterval } from "./ServiceLevel";

// Erlang C per interval through the API's `staffing` query: one document with an aliased field per
// interval (at most 48, so the document stays under the API's cost limit). Staffed per interval is
// history (ServiceLevelReport.staffed): the average number of agents ready — on queue, handling
// included — over the interval (its elapsed part for the current one). Breaks do not count.

const maxIntervals = 48;

export function Staffing({
  intervals,
  target,
  threshold,
  intervalSeconds,
  staffed,
  staffedNow,
}: {
  intervals: SlInterval[];
  target: number;
  threshold: number;
  intervalSeconds: number;
  staffed: StaffedInterval[];
  /** Live: agents on queue right now (the queues query). */
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
  const history = useMemo(
    () => new Map(staffed.map((s) => [`${s.queueId}|${s.start}`, s.agents])),
    [staffed],
  );
  const rows = shown.map((i, n) => ({
    key: `${i.queueId}|${i.start}`,
    queueId: i.queueId,
    iso: i.start,
    start: fmt.dateTime(i.start),
    needed: result.data?.[`s${n}`]?.agents ?? null,
    staffed: history.get(`${i.queueId}|${i.start}`) ?? null,
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
      <p className="muted" data-testid="staffed-now">
        {t("staffedDefinition")} · {t("staffedNow")} {fmt.int(staffedNow)}
      </p>
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
                name={t("agentsStaffed")}
                stroke="#3fb950"
                dot
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      {document !== undefined && (
        <table data-testid="staffing-table">
          <thead>
            <tr>
              <th>{t("intervalStart")}</th>
              <th>{t("queue")}</th>
              <th className="num">{t("agentsNeeded")}</th>
              <th className="num">{t("agentsStaffed")}</th>
              <th className="num">{t("staffingGap")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const gap = r.needed === null || r.staffed === null ? null : r.staffed - r.needed;
              return (
                <tr key={r.key} data-testid="staffing-row" data-start={r.iso}>
                  <td>{r.start}</td>
                  <td>{r.queueId}</td>
                  <td className="num">{fmt.int(r.needed)}</td>
                  <td className="num staffed">{fmt.decimal(r.staffed, 1)}</td>
                  <td className={`num${gap !== null && gap < 0 ? " short" : ""}`}>
                    {gap === null ? "—" : `${gap > 0 ? "+" : ""}${fmt.decimal(gap, 1)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
