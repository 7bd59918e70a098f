"use client";

import { useMemo, useState } from "react";
import { useQuery } from "../../lib/hooks";
import { defaultRange, rangeToIso } from "../../lib/range";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { Status } from "../Status";
import { AgentDetail } from "./AgentDetail";

export interface Scorecard {
  agentId: string;
  handled: number;
  resolved: number;
  ahtSeconds: number | null;
  occupancy: number | null;
  csat: number | null;
  csatResponses: number;
  complaints: number;
  ticketsResolved: number;
  qaFlags: number;
}

const query = `query($from: DateTime!, $to: DateTime!, $after: String) {
  agentPerformance(from: $from, to: $to, first: 500, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { agentId handled resolved ahtSeconds occupancy csat csatResponses complaints ticketsResolved qaFlags } } }`;

type SortKey = keyof Scorecard;

export function Agents() {
  const { t, fmt } = useSession();
  const [range, setRange] = useState<RangeValue>({ ...defaultRange(7), interval: "" });
  const [sort, setSort] = useState<SortKey>("handled");
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const vars = useMemo(() => {
    try {
      return rangeToIso(range.from, range.to);
    } catch {
      return undefined;
    }
  }, [range]);
  const result = useQuery<{ agentPerformance: { totalCount: number; nodes: Scorecard[] } }>(
    query,
    vars ?? {},
    vars === undefined,
  );
  const nodes = result.data?.agentPerformance.nodes ?? [];
  const sorted = [...nodes].sort((a, b) => {
    const x = a[sort];
    const y = b[sort];
    if (typeof x === "string" || typeof y === "string")
      return String(x).localeCompare(String(y), undefined, { numeric: true });
    return (y ?? -1) - (x ?? -1);
  });
  const chosen = nodes.find((n) => n.agentId === selected);
  if (selected !== undefined)
    return (
      <AgentDetail agentId={selected} card={chosen} team={nodes} onBack={() => setSelected(undefined)} />
    );
  const head = (key: SortKey, label: Parameters<typeof t>[0]) => (
    <th className={key === "agentId" ? undefined : "num"}>
      <button type="button" className="subtle small" onClick={() => setSort(key)}>
        {t(label)}
        {sort === key ? " ▾" : ""}
      </button>
    </th>
  );
  return (
    <div className="stack">
      <RangePicker value={range} intervals={[]} onApply={setRange} />
      <Status
        loading={result.loading}
        error={result.error}
        empty={result.data !== undefined && nodes.length === 0}
      />
      {nodes.length > 0 && (
        <section className="card">
          <h2>
            {t("scorecards")} · {fmt.int(result.data?.agentPerformance.totalCount)}
          </h2>
          <table data-testid="scorecards">
            <thead>
              <tr>
                {head("agentId", "agent")}
                {head("handled", "handled")}
                {head("resolved", "resolved")}
                {head("ahtSeconds", "aht")}
                {head("occupancy", "occupancy")}
                {head("csat", "csat")}
                {head("complaints", "complaints")}
                {head("ticketsResolved", "ticketsResolved")}
                {head("qaFlags", "qaFlags")}
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => (
                <tr key={c.agentId}>
                  <td>
                    <button type="button" className="subtle small" onClick={() => setSelected(c.agentId)}>
                      {c.agentId}
                    </button>
                  </td>
                  <td className="num">{fmt.int(c.handled)}</td>
                  <td className="num">{fmt.int(c.resolved)}</td>
                  <td className="num">{fmt.duration(c.ahtSeconds)}</td>
                  <td className="num">{fmt.percent(c.occupancy)}</td>
                  <td className="num">
                    {fmt.percent(c.csat)} <span className="muted">({fmt.int(c.csatResponses)})</span>
                  </td>
                  <td className="num">{fmt.int(c.complaints)}</td>
                  <td className="num">{fmt.int(c.ticketsResolved)}</td>
                  <td className="num">{fmt.int(c.qaFlags)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
