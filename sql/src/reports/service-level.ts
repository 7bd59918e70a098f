import type { Warehouse } from "../client";
import { num, rangeParams, ratio, runNamedQuery, type TimeRange } from "./named-query";

export interface ServiceLevelQuery extends TimeRange {
  /** Absent: every queue. */
  queueId?: string;
  /** 15 (default) or a multiple of it. */
  intervalMinutes?: number;
  /** Answer threshold T in whole seconds (default 20). */
  thresholdSeconds?: number;
  /** Abandons within this many seconds are short (default 5). */
  shortAbandonSeconds?: number;
  /**
   * "queued" (default, core's countsByInterval rule): a contact counts in the interval it was queued
   * in, computed exactly from raw events. "event": each fact counts in the interval it happened in
   * (an answer where it was answered), from the rollup, so it reaches back beyond the raw-event TTL.
   * Totals over a range agree; intervals differ when a wait crosses an interval edge.
   */
  groupBy?: "queued" | "event";
}

/** Stored counts of one queue and interval; every metric below is derived from these. */
export interface QueueIntervalCounts {
  queueId: string;
  intervalStart: string;
  offered: number;
  flowedIn: number;
  flowedOut: number;
  handled: number;
  handledWithin: number;
  abandoned: number;
  abandonedWithin: number;
  shortAbandoned: number;
  callbackRequested: number;
  /** Amazon Connect: answered, abandoned or moved to a callback within T, each contact once. */
  removedWithin: number;
  handledWaitSeconds: number;
  handleCount: number;
  handleSeconds: number;
}

export interface QueueIntervalReport extends QueueIntervalCounts {
  /** Default (DESIGN.md): handled within T / (handled + abandoned after short abandons). */
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  /** Abandoned (not short) / (offered - short abandons). */
  abandonRate: number | null;
  variants: ServiceLevelVariants;
}

export interface ServiceLevelVariants {
  /** Amazon Connect: removed from queue within T / queued. */
  connect: number | null;
  /** Asterisk SL: answered within T / answered. */
  asteriskSl: number | null;
  /** Asterisk SL2: (answered + abandoned within T) / (answered + abandoned). */
  asteriskSl2: number | null;
  /** Genesys with every switch on: short abandons excluded, abandons and flow-outs in the denominator. */
  genesys: number | null;
}

export interface GenesysSwitches {
  excludeShortAbandons: boolean;
  includeAbandons: boolean;
  includeFlowOuts: boolean;
}

export function genesysServiceLevel(c: QueueIntervalCounts, s: GenesysSwitches): number | null {
  const abandons = s.includeAbandons ? c.abandoned - (s.excludeShortAbandons ? c.shortAbandoned : 0) : 0;
  return ratio(c.handledWithin, c.handled + abandons + (s.includeFlowOuts ? c.flowedOut : 0));
}

export function deriveServiceLevel(c: QueueIntervalCounts): QueueIntervalReport {
  const longAbandoned = c.abandoned - c.shortAbandoned;
  return {
    ...c,
    serviceLevel: ratio(c.handledWithin, c.handled + longAbandoned),
    asaSeconds: ratio(c.handledWaitSeconds, c.handled),
    ahtSeconds: ratio(c.handleSeconds, c.handleCount),
    abandonRate: ratio(longAbandoned, c.offered - c.shortAbandoned),
    variants: {
      connect: ratio(c.removedWithin, c.offered),
      asteriskSl: ratio(c.handledWithin, c.handled),
      asteriskSl2: ratio(c.handledWithin + c.abandonedWithin, c.handled + c.abandoned),
      genesys: genesysServiceLevel(c, {
        excludeShortAbandons: true,
        includeAbandons: true,
        includeFlowOuts: true,
      }),
    },
  };
}

interface Row {
  queue_id: string;
  interval_start: string;
  offered: number;
  flowed_in: number;
  flowed_out: number;
  handled: number;
  handled_within: number;
  abandoned: number;
  abandoned_within: number;
  short_abandoned: number;
  callback_requested: number;
  removed_within: number;
  handled_wait_seconds: number;
  handle_count: number;
  handle_seconds: number;
}

/** Service level, ASA, AHT and abandon rate by queue and interval. */
export async function serviceLevelByInterval(
  warehouse: Warehouse,
  query: ServiceLevelQuery,
): Promise<QueueIntervalReport[]> {
  const name = query.groupBy === "event" ? "service_level" : "service_level_by_queued";
  const rows = await runNamedQuery<Row>(warehouse, name, {
    ...rangeParams(query),
    queue_id: query.queueId ?? "",
    interval_minutes: query.intervalMinutes ?? 15,
    threshold: query.thresholdSeconds ?? 20,
    short_abandon: query.shortAbandonSeconds ?? 5,
  });
  return rows.map((r) =>
    deriveServiceLevel({
      queueId: r.queue_id,
      intervalStart: r.interval_start,
      offered: num(r.offered),
      flowedIn: num(r.flowed_in),
      flowedOut: num(r.flowed_out),
      handled: num(r.handled),
      handledWithin: num(r.handled_within),
      abandoned: num(r.abandoned),
      abandonedWithin: num(r.abandoned_within),
      shortAbandoned: num(r.short_abandoned),
      callbackRequested: num(r.callback_requested),
      removedWithin: num(r.removed_within),
      handledWaitSeconds: num(r.handled_wait_seconds),
      handleCount: num(r.handle_count),
      handleSeconds: num(r.handle_seconds),
    }),
  );
}

/** Totals over several intervals: counts add, ratios are re-derived (never averaged). */
export function totalServiceLevel(rows: readonly QueueIntervalCounts[]): QueueIntervalReport {
  const keys = [
    "offered",
    "flowedIn",
    "flowedOut",
    "handled",
    "handledWithin",
    "abandoned",
    "abandonedWithin",
    "shortAbandoned",
    "callbackRequested",
    "removedWithin",
    "handledWaitSeconds",
    "handleCount",
    "handleSeconds",
  ] as const;
  const total: QueueIntervalCounts = {
    queueId: rows.every((r) => r.queueId === rows[0]?.queueId) ? (rows[0]?.queueId ?? "") : "*",
    intervalStart: rows[0]?.intervalStart ?? "",
    offered: 0,
    flowedIn: 0,
    flowedOut: 0,
    handled: 0,
    handledWithin: 0,
    abandoned: 0,
    abandonedWithin: 0,
    shortAbandoned: 0,
    callbackRequested: 0,
    removedWithin: 0,
    handledWaitSeconds: 0,
    handleCount: 0,
    handleSeconds: 0,
  };
  for (const row of rows) for (const key of keys) total[key] += row[key];
  return deriveServiceLevel(total);
}
