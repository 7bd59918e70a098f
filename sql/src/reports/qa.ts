import type { Warehouse } from "../client";
import { num, rangeParams, runNamedQuery, type TimeRange } from "./named-query";

export interface QaFlagRow {
  flagId: string;
  flaggedAt: string;
  contactId: string;
  channel: string;
  agentId: string;
  ruleId: string;
  category: string;
  severity: string;
  side: string;
  location: { type: string; id: string; charRange: [number, number]; offsetMs: number };
  matchedText: string;
  /** Latest reviewer verdict, null when not reviewed. */
  verdict: string | null;
}

interface Row {
  flag_id: string;
  flagged_at: string;
  contact_id: string;
  channel: string;
  agent_id: string;
  rule_id: string;
  category: string;
  severity: string;
  side: string;
  location_type: string;
  location_id: string;
  char_start: number;
  char_end: number;
  offset_ms: number;
  matched_text: string;
  verdict: string;
}

export async function qaFlags(
  warehouse: Warehouse,
  query: TimeRange & { limit?: number },
): Promise<QaFlagRow[]> {
  const rows = await runNamedQuery<Row>(warehouse, "qa_flags", {
    ...rangeParams(query),
    limit: query.limit ?? 500,
  });
  return rows.map((r) => ({
    flagId: r.flag_id,
    flaggedAt: r.flagged_at,
    contactId: r.contact_id,
    channel: r.channel,
    agentId: r.agent_id,
    ruleId: r.rule_id,
    category: r.category,
    severity: r.severity,
    side: r.side,
    location: {
      type: r.location_type,
      id: r.location_id,
      charRange: [num(r.char_start), num(r.char_end)],
      offsetMs: num(r.offset_ms),
    },
    matchedText: r.matched_text,
    verdict: r.verdict === "" ? null : r.verdict,
  }));
}

/** What a review needs to know about a flag: the contact it belongs to. */
export interface QaFlagTarget {
  flagId: string;
  contactId: string;
  channel: string;
  agentId: string;
  ruleId: string;
  category: string;
}

/** The flag with this id, or undefined when the warehouse has none. */
export async function qaFlagById(
  warehouse: Warehouse,
  query: { flagId: string; tenant?: string },
): Promise<QaFlagTarget | undefined> {
  const rows = await runNamedQuery<{
    flag_id: string;
    contact_id: string;
    channel: string;
    agent_id: string;
    rule_id: string;
    category: string;
  }>(warehouse, "qa_flag", { tenant: query.tenant ?? "default", flagId: query.flagId });
  const r = rows[0];
  if (r === undefined) return undefined;
  return {
    flagId: r.flag_id,
    contactId: r.contact_id,
    channel: r.channel,
    agentId: r.agent_id,
    ruleId: r.rule_id,
    category: r.category,
  };
}
