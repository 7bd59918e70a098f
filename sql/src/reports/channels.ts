import type { Warehouse } from "../client";
import { num, rangeParams, ratio, runNamedQuery, type TimeRange } from "./named-query";

export interface ChannelReport {
  channel: string;
  offered: number;
  handled: number;
  abandoned: number;
  shortAbandoned: number;
  contactsEnded: number;
  resolved: number;
  csatResponses: number;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  /** Resolved / contacts closed. */
  resolutionRate: number | null;
  /** Share of survey scores >= 4. */
  csat: number | null;
  csatMean: number | null;
}

interface Row {
  channel: string;
  offered: number;
  handled: number;
  handled_wait_seconds: number;
  abandoned: number;
  short_abandoned: number;
  contacts_ended: number;
  resolved: number;
  handle_count: number;
  handle_seconds: number;
  csat_responses: number;
  csat_satisfied: number;
  csat_score_sum: number;
}

/** Channels side by side over whole UTC days. */
export async function channelComparison(
  warehouse: Warehouse,
  query: TimeRange & { shortAbandonSeconds?: number },
): Promise<ChannelReport[]> {
  const rows = await runNamedQuery<Row>(warehouse, "channel_comparison", {
    ...rangeParams(query),
    short_abandon: query.shortAbandonSeconds ?? 5,
  });
  return rows.map((r) => {
    const abandoned = num(r.abandoned);
    const short = num(r.short_abandoned);
    const responses = num(r.csat_responses);
    return {
      channel: r.channel,
      offered: num(r.offered),
      handled: num(r.handled),
      abandoned,
      shortAbandoned: short,
      contactsEnded: num(r.contacts_ended),
      resolved: num(r.resolved),
      csatResponses: responses,
      asaSeconds: ratio(num(r.handled_wait_seconds), num(r.handled)),
      ahtSeconds: ratio(num(r.handle_seconds), num(r.handle_count)),
      abandonRate: ratio(abandoned - short, num(r.offered) - short),
      resolutionRate: ratio(num(r.resolved), num(r.contacts_ended)),
      csat: ratio(num(r.csat_satisfied), responses),
      csatMean: ratio(num(r.csat_score_sum), responses),
    };
  });
}
