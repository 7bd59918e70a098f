import type { Warehouse } from "../client";
import { num, rangeParams, ratio, runNamedQuery, type TimeRange } from "./named-query";

// Bot and IVR self-service: how many contacts a bot or the IVR resolved alone (containment), how many
// it handed to a person and why, and what happened after the hand-off. "Senior" follows the router's
// hand-off rule (core/src/routing config handoff.seniorLevel, default 8): complaint hand-offs are
// meant to reach agents whose top skill level is at least that.

export type SelfServiceKind = "bot" | "ivr";

export interface SelfServiceTotals {
  kind: string;
  /** null for the kind's total over every channel. */
  channel: string | null;
  sessions: number;
  contained: number;
  handoffs: number;
  /** The customer left during self-service (IVR hang-up or time-out). */
  gaveUp: number;
  containmentRate: number | null;
  handoffRate: number | null;
  avgSeconds: number | null;
}

export interface HandoffReason {
  kind: string;
  /** A bot's reason (complaint, requested_human...) or the IVR exit (ivr-queue, ivr-transfer). */
  reason: string;
  handoffs: number;
  /** Of the kind's hand-offs. */
  share: number | null;
  handled: number;
  abandoned: number;
  /** Neither handled nor abandoned yet (still waiting, or ended otherwise). */
  other: number;
  /** Mean queue wait of the answered ones. */
  avgWaitSeconds: number | null;
  /** resolved / handled. */
  resolutionRate: number | null;
  csat: number | null;
  csatAverage: number | null;
  csatResponses: number;
  /** Answered by an agent whose top skill level >= seniorLevel. */
  senior: number;
  seniorShare: number | null;
}

export interface SelfServiceDay {
  day: string;
  kind: string;
  sessions: number;
  contained: number;
  handoffs: number;
  containmentRate: number | null;
}

export interface SelfServiceReport {
  totals: SelfServiceTotals[];
  handoffReasons: HandoffReason[];
  daily: SelfServiceDay[];
}

interface DayRow {
  day: string;
  kind: string;
  channel: string;
  sessions: number;
  contained: number;
  handoffs: number;
  gave_up: number;
  seconds: number;
}

interface HandoffRow {
  kind: string;
  reason: string;
  handoffs: number;
  handled: number;
  abandoned: number;
  handled_wait_seconds: number;
  resolved: number;
  csat_responses: number;
  csat_satisfied: number;
  csat_score_sum: number;
  senior: number;
}

interface Count {
  sessions: number;
  contained: number;
  handoffs: number;
  gaveUp: number;
  seconds: number;
}

const zero = (): Count => ({ sessions: 0, contained: 0, handoffs: 0, gaveUp: 0, seconds: 0 });

function add(map: Map<string, Count>, key: string, r: DayRow): void {
  const c = map.get(key) ?? zero();
  c.sessions += num(r.sessions);
  c.contained += num(r.contained);
  c.handoffs += num(r.handoffs);
  c.gaveUp += num(r.gave_up);
  c.seconds += num(r.seconds);
  map.set(key, c);
}

const totalsOf = (kind: string, channel: string | null, c: Count): SelfServiceTotals => ({
  kind,
  channel,
  sessions: c.sessions,
  contained: c.contained,
  handoffs: c.handoffs,
  gaveUp: c.gaveUp,
  containmentRate: ratio(c.contained, c.sessions),
  handoffRate: ratio(c.handoffs, c.sessions),
  avgSeconds: ratio(c.seconds, c.sessions),
});

/** Self-service sessions that ended in [from, to); hand-offs followed to their outcome whenever it came. */
export async function selfServiceReport(
  warehouse: Warehouse,
  query: TimeRange & { seniorLevel?: number },
): Promise<SelfServiceReport> {
  const params = rangeParams(query);
  const [days, handoffs] = await Promise.all([
    runNamedQuery<DayRow>(warehouse, "self_service_days", params),
    runNamedQuery<HandoffRow>(warehouse, "self_service_handoffs", {
      ...params,
      seniorLevel: query.seniorLevel ?? 8,
    }),
  ]);
  const byKind = new Map<string, Count>();
  const byChannel = new Map<string, Count>();
  const byDay = new Map<string, Count>();
  for (const r of days) {
    add(byKind, r.kind, r);
    add(byChannel, `${r.kind}\u0000${r.channel}`, r);
    add(byDay, `${r.day}\u0000${r.kind}`, r);
  }
  const totals = [
    ...[...byKind].map(([kind, c]) => totalsOf(kind, null, c)),
    ...[...byChannel].map(([key, c]) => {
      const [kind = "", channel = ""] = key.split("\u0000");
      return totalsOf(kind, channel, c);
    }),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || (a.channel ?? "").localeCompare(b.channel ?? ""));
  const daily = [...byDay]
    .map(([key, c]) => {
      const [day = "", kind = ""] = key.split("\u0000");
      const { sessions, contained, handoffs: h } = c;
      return { day, kind, sessions, contained, handoffs: h, containmentRate: ratio(contained, sessions) };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind));
  const kindHandoffs = new Map<string, number>();
  for (const r of handoffs) kindHandoffs.set(r.kind, (kindHandoffs.get(r.kind) ?? 0) + num(r.handoffs));
  const handoffReasons = handoffs.map((r) => {
    const handled = num(r.handled);
    const abandoned = num(r.abandoned);
    const count = num(r.handoffs);
    const responses = num(r.csat_responses);
    const senior = num(r.senior);
    return {
      kind: r.kind,
      reason: r.reason,
      handoffs: count,
      share: ratio(count, kindHandoffs.get(r.kind) ?? 0),
      handled,
      abandoned,
      other: count - handled - abandoned,
      avgWaitSeconds: ratio(num(r.handled_wait_seconds), handled),
      resolutionRate: ratio(num(r.resolved), handled),
      csat: ratio(num(r.csat_satisfied), responses),
      csatAverage: ratio(num(r.csat_score_sum), responses),
      csatResponses: responses,
      senior,
      seniorShare: ratio(senior, handled),
    };
  });
  return { totals, handoffReasons, daily };
}
