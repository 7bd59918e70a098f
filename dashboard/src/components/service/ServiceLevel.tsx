"use client";

import { useMemo, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useQuery } from "../../lib/hooks";
import { dayString, rangeToIso } from "../../lib/range";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { Status } from "../Status";
import { Staffing } from "./Staffing";

export interface SlInterval {
  queueId: string;
  start: string;
  offered: number;
  handled: number;
  handledWithin: number;
  abandoned: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
}
/** Agents on queue in one interval, from the state history (ServiceLevelReport.staffed). */
export interface StaffedInterval {
  queueId: string;
  start: string;
  agents: number;
}
interface Report {
  serviceLevel: {
    thresholdSeconds: number;
    intervals: SlInterval[];
    total: SlInterval;
    staffed: StaffedInterval[];
  };
}
interface QueueInfo {
  queues: {
    id: string;
    targetServiceLevel: number;
    thresholdSeconds: number;
    agents: { available: number; ringing: number; busy: number; wrapUp: number; away: number };
  }[];
}

const fields =
  "queueId start offered handled handledWithin abandoned serviceLevel asaSeconds ahtSeconds abandonRate";
const query = `query($queueId: ID, $from: DateTime!, $to: DateTime!, $interval: Interval, $threshold: Int) {
  serviceLevel(queueId: $queueId, from: $from, to: $to, interval: $interval, thresholdSeconds: $threshold) {
    thresholdSeconds intervals { ${fields} } total { ${fields} } staffed { queueId start agents } } }`;
const queuesQuery =
  "{ queues { id targetServiceLevel thresholdSeconds agents { available ringing busy wrapUp away } } }";

export function ServiceLevel() {
  const { t, fmt } = useSession();
  const today = dayString(new Date());
  const [range, setRange] = useState<RangeValue>({
    from: today,
    to: dayString(new Date(Date.now() + 86_400_000)),
    interval: "MINUTE_15",
  });
  const [queueId, setQueueId] = useState("");
  const queues = useQuery<QueueInfo>(queuesQuery, {});
  const queue = queues.data?.queues.find((q) => q.id === queueId);
  const [threshold, setThreshold] = useState(20);
  const target = queue?.targetServiceLevel ?? 0.8;
  const vars = useMemo(() => {
    try {
      return {
        ...rangeToIso(range.from, range.to),
        interval: range.interval,
        queueId: queueId || null,
        threshold,
      };
    } catch {
      return undefined;
    }
  }, [range, queueId, threshold]);
  const report = useQuery<Report>(query, vars ?? {}, vars === undefined);
  const data = report.data?.serviceLevel;
  const rows = (data?.intervals ?? []).filter((i) => i.offered > 0 || i.abandoned > 0);
  const chart = (data?.intervals ?? []).map((i) => ({
    start: fmt.time(i.start).slice(0, 5),
    sl: i.serviceLevel,
    abandon: i.abandonRate,
  }));
  // On queue now, as the history counts it: every state but away (ready includes ringing, busy, wrap-up).
  const staffedNow = queues.data?.queues
    .filter((q) => queueId === "" || q.id === queueId)
    .reduce((n, q) => n + q.agents.available + q.agents.ringing + q.agents.busy + q.agents.wrapUp, 0);
  return (
    <div className="stack">
      <RangePicker value={range} intervals={["MINUTE_15", "HOUR"]} onApply={setRange}>
        <label>
          {t("queue")}
          <select
            value={queueId}
            onChange={(e) => {
              setQueueId(e.target.value);
              const q = queues.data?.queues.find((x) => x.id === e.target.value);
              if (q !== undefined) setThreshold(q.thresholdSeconds);
            }}
          >
            <option value="">{t("allQueues")}</option>
            {queues.data?.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("threshold")}
          <input
            type="number"
            min={1}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value) || 20)}
            style={{ width: 90 }}
          />
        </label>
      </RangePicker>
      <Status loading={report.loading} error={report.error} />
      {data !== undefined && (
        <>
          <section className="card">
            <div className="kpis">
              <div className="kpi">
                <span className="muted">{t("serviceLevel")}</span>
                <span className="kpi-value">{fmt.percent(data.total.serviceLevel)}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("target")}</span>
                <span className="kpi-value">
                  {fmt.percent(target)} / {data.thresholdSeconds}s
                </span>
              </div>
              <div className="kpi">
                <span className="muted">{t("offered")}</span>
                <span className="kpi-value">{fmt.int(data.total.offered)}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("asa")}</span>
                <span className="kpi-value">{fmt.duration(data.total.asaSeconds)}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("abandonRate")}</span>
                <span className="kpi-value">{fmt.percent(data.total.abandonRate)}</span>
              </div>
            </div>
          </section>
          <section className="card" data-testid="sl-chart">
            <h2>{t("serviceLevel")}</h2>
            <div className="chart">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={chart}>
                  <CartesianGrid stroke="#30363d" />
                  <XAxis dataKey="start" stroke="#9aa5b1" minTickGap={24} />
                  <YAxis stroke="#9aa5b1" domain={[0, 1]} tickFormatter={(v: number) => fmt.percent(v)} />
                  <Tooltip
                    formatter={(v) => fmt.percent(typeof v === "number" ? v : null)}
                    contentStyle={{ background: "#161b22", border: "1px solid #30363d" }}
                  />
                  <Legend />
                  <ReferenceLine
                    y={target}
                    stroke="#d29922"
                    strokeDasharray="6 4"
                    label={{
                      value: `${t("target")} ${fmt.percent(target)}`,
                      fill: "#d29922",
                      position: "insideTopRight",
                    }}
                  />
                  <Line
                    type="stepAfter"
                    dataKey="sl"
                    name={t("serviceLevel")}
                    stroke="#4ea1ff"
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />
                  <Line
                    type="stepAfter"
                    dataKey="abandon"
                    name={t("abandonRate")}
                    stroke="#f85149"
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </section>
          <Staffing
            intervals={rows}
            target={target}
            threshold={data.thresholdSeconds}
            intervalSeconds={range.interval === "HOUR" ? 3600 : 900}
            staffed={data.staffed}
            staffedNow={staffedNow}
          />
          <section className="card">
            <table>
              <thead>
                <tr>
                  <th>{t("intervalStart")}</th>
                  <th>{t("queue")}</th>
                  <th className="num">{t("offered")}</th>
                  <th className="num">{t("handled")}</th>
                  <th className="num">{t("abandoned")}</th>
                  <th className="num">{t("serviceLevel")}</th>
                  <th className="num">{t("asa")}</th>
                  <th className="num">{t("aht")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={`${i.queueId}-${i.start}`}>
                    <td>{fmt.dateTime(i.start)}</td>
                    <td>{i.queueId}</td>
                    <td className="num">{fmt.int(i.offered)}</td>
                    <td className="num">{fmt.int(i.handled)}</td>
                    <td className="num">{fmt.int(i.abandoned)}</td>
                    <td className="num">{fmt.percent(i.serviceLevel)}</td>
                    <td className="num">{fmt.duration(i.asaSeconds)}</td>
                    <td className="num">{fmt.duration(i.ahtSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
