import type { Warehouse } from "../client";
import { num, rangeParams, ratio, runNamedQuery, type TimeRange } from "./named-query";

export interface AgentScorecard {
  agentId: string;
  handled: number;
  resolved: number;
  ahtSeconds: number | null;
  readySeconds: number;
  /** Handling time / ready time (ready includes handling: busy is not an agent state). */
  occupancy: number | null;
  csat: number | null;
  csatResponses: number;
  complaints: number;
  ticketsResolved: number;
  qaFlags: number;
}

interface Row {
  agent_id: string;
  handled: number;
  resolved: number;
  handle_seconds: number;
  complaints: number;
  csat_responses: number;
  csat_satisfied: number;
  csat_score_sum: number;
  tickets_resolved: number;
  qa_flags: number;
  ready_seconds: number;
}

export async function agentPerformance(warehouse: Warehouse, query: TimeRange): Promise<AgentScorecard[]> {
  const rows = await runNamedQuery<Row>(warehouse, "agent_performance", rangeParams(query));
  return rows.map((r) => ({
    agentId: r.agent_id,
    handled: num(r.handled),
    resolved: num(r.resolved),
    ahtSeconds: ratio(num(r.handle_seconds), num(r.handled)),
    readySeconds: num(r.ready_seconds),
    occupancy: ratio(num(r.handle_seconds), num(r.ready_seconds)),
    csat: ratio(num(r.csat_satisfied), num(r.csat_responses)),
    csatResponses: num(r.csat_responses),
    complaints: num(r.complaints),
    ticketsResolved: num(r.tickets_resolved),
    qaFlags: num(r.qa_flags),
  }));
}
