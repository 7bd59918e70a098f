// The fault suite's known workload: two simulated days from the simulator's history generator with
// a fixed seed, so every run publishes the same events with the same ids and the true totals are
// those of an uninterrupted run over the same events.

import type { StarboardEvent } from "@starboard/core";
import { defaultProfile, generateHistory } from "@starboard/ingest";

export const workloadSeed = 20_261_130;
export const workloadEnd = new Date("2026-11-29T00:00:00.000Z");
export const workloadDays = 2;
export const workloadRange = {
  from: new Date(workloadEnd.getTime() - (workloadDays + 1) * 86_400_000),
  to: new Date(workloadEnd.getTime() + 86_400_000),
};

/** Hour by hour, in the order the history generator yields them. */
export function workloadBatches(agents = 20): StarboardEvent[][] {
  const profile = defaultProfile({ agents, seed: workloadSeed });
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
