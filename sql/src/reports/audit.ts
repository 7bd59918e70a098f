import type { Warehouse } from "../client";
import { num, rangeParams, runNamedQuery, type TimeRange } from "./named-query";

export interface AuditRow {
  at: string;
  eventId: string;
  action: string;
  actorId: string;
  role: string;
  mode: string | null;
  outcome: string;
  reason: string | null;
  commandId: string | null;
  contactId: string | null;
  agentId: string | null;
}

interface Row {
  time: string;
  event_id: string;
  action: string;
  actor_id: string;
  role: string;
  mode: string;
  outcome: string;
  reason: string;
  command_id: string;
  contact_id: string;
  agent_id: string;
  total: number;
}

const orNull = (s: string): string | null => (s === "" ? null : s);

/** Supervisor actions in the range, newest first, `limit` from `offset`, with the range's total. */
export async function supervisorAudit(
  warehouse: Warehouse,
  query: TimeRange & { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const rows = await runNamedQuery<Row>(warehouse, "supervisor_audit", {
    ...rangeParams(query),
    limit: query.limit,
    offset: query.offset,
  });
  return {
    total: rows[0] === undefined ? 0 : num(rows[0].total),
    rows: rows.map((r) => ({
      at: `${r.time.replace(" ", "T")}Z`,
      eventId: r.event_id,
      action: r.action,
      actorId: r.actor_id,
      role: r.role,
      mode: orNull(r.mode),
      outcome: r.outcome,
      reason: orNull(r.reason),
      commandId: orNull(r.command_id),
      contactId: orNull(r.contact_id),
      agentId: orNull(r.agent_id),
    })),
  };
}
