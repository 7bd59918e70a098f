// The fault suite's known workload: two simulated days from the simulator's history generator with
// a fixed seed, so every run publishes the same events with the same ids and the true totals are
// those of an uninterrupted run over the same events.

import type { StarboardEvent } from "@starboard/core";
import { defaultProfile, generateHistory } from "@starboard/ingest";

export const workloadSeed = 20_261_130;
export const workloadEnd = new Date("2026-11-29T00:00:00.000Z");
export const workloadDays = 2;
export const workloadAgents = 20;
export const workloadRange = {
  from: new Date(workloadEnd.getTime() - (workloadDays + 1) * 86_400_000),
  to: new Date(workloadEnd.getTime() + 86_400_000),
};

/** Hour by hour, in the order the history generator yields them. */
export function workloadBatches(): StarboardEvent[][] {
  const profile = defaultProfile({ agents: workloadAgents, seed: workloadSeed });
  const batches: StarboardEvent[][] = [];
  for (const batch of generateHistory({
    profile,
    days: workloadDays,
    endAt: workloadEnd,
    seed: workloadSeed,
  }))
    if (batch.length > 0) batches.push(batch);
  return batches;
}

export function distinctIds(events: readonly StarboardEvent[]): number {
  return new Set(events.map((e) => e.id)).size;
}

/**
 * The workload for the router, which answers only events of the last ten minutes (older ones are
 * a backlog it learns from silently): sorted by time, then its two days squeezed into the minutes
 * [endMs - spanMs, endMs]. Sorted, one partition gives the router one order whatever the batches.
 */
export function routerWorkload(endMs: number, spanMs: number): StarboardEvent[] {
  const events = workloadBatches()
    .flat()
    .map((event, index) => ({ event, index, ms: Date.parse(event.time) }))
    .sort((a, b) => a.ms - b.ms || a.index - b.index);
  const first = events[0]?.ms ?? 0;
  const last = events.at(-1)?.ms ?? 0;
  const scale = spanMs / Math.max(1, last - first);
  return events.map(({ event, ms }) => ({
    ...event,
    time: new Date(Math.round(endMs - spanMs + (ms - first) * scale)).toISOString(),
  }));
}
