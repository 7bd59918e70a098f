"use client";

import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useQuery } from "../../lib/hooks";
import { defaultRange, rangeToIso } from "../../lib/range";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { Status } from "../Status";
import { TicketLookup } from "./TicketLookup";

interface DepartmentSla {
  department: string;
  tickets: number;
  resolvedWithinSla: number;
  resolvedLate: number;
  openOverdue: number;
  openWithinSla: number;
  departmentHops: number;
}

const query = `query($from: DateTime!, $to: DateTime!) { ticketSla(from: $from, to: $to) {
  department tickets resolvedWithinSla resolvedLate openOverdue openWithinSla departmentHops } }`;

export function Tickets() {
  const { t, fmt, role } = useSession();
  const [range, setRange] = useState<RangeValue>({ ...defaultRange(30), interval: "" });
  const vars = useMemo(() => {
    try {
      return rangeToIso(range.from, range.to);
    } catch {
      return undefined;
    }
  }, [range]);
  const allowed = can(role, "Query.ticketSla");
  const sla = useQuery<{ ticketSla: DepartmentSla[] }>(query, vars ?? {}, !allowed || vars === undefined);
  const rows = sla.data?.ticketSla ?? [];
  return (
    <div className="stack">
      {can(role, "Query.ticket") && <TicketLookup />}
      {allowed && (
        <>
          <RangePicker value={range} intervals={[]} onApply={setRange} />
          <section className="card">
            <h2>{t("ticketSla")}</h2>
            <Status
              loading={sla.loading}
              error={sla.error}
              empty={sla.data !== undefined && rows.length === 0}
            />
            {rows.length > 0 && (
              <>
                <table data-testid="ticket-sla">
                  <thead>
                    <tr>
                      <th>{t("department")}</th>
                      <th className="num">{t("tickets")}</th>
                      <th className="num">{t("withinSla")}</th>
                      <th className="num">{t("late")}</th>
                      <th className="num">{t("openOverdue")}</th>
                      <th className="num">{t("openWithinSla")}</th>
                      <th className="num">{t("hops")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.department}>
                        <td>{r.department}</td>
                        <td className="num">{fmt.int(r.tickets)}</td>
                        <td className="num">{fmt.int(r.resolvedWithinSla)}</td>
                        <td className="num">{fmt.int(r.resolvedLate)}</td>
                        <td className="num">{fmt.int(r.openOverdue)}</td>
                        <td className="num">{fmt.int(r.openWithinSla)}</td>
                        <td className="num">{fmt.int(r.departmentHops)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={rows}>
                      <CartesianGrid stroke="#30363d" />
                      <XAxis dataKey="department" stroke="#9aa5b1" />
                      <YAxis stroke="#9aa5b1" allowDecimals={false} />
                      <Tooltip contentStyle={{ background: "#161b22", border: "1px solid #30363d" }} />
                      <Legend />
                      <Bar
                        dataKey="resolvedWithinSla"
                        stackId="a"
                        name={t("withinSla")}
                        fill="#3fb950"
                        isAnimationActive={false}
                      />
                      <Bar
                        dataKey="resolvedLate"
                        stackId="a"
                        name={t("late")}
                        fill="#d29922"
                        isAnimationActive={false}
                      />
                      <Bar
                        dataKey="openWithinSla"
                        stackId="a"
                        name={t("openWithinSla")}
                        fill="#4ea1ff"
                        isAnimationActive={false}
                      />
                      <Bar
                        dataKey="openOverdue"
                        stackId="a"
                        name={t("openOverdue")}
                        fill="#f85149"
                        isAnimationActive={false}
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
