// The crash window of the router: it publishes a batch's outputs, then commits the batch. Killed in
// between, it will answer that batch again on restart with the same output ids (they derive from
// the input ids). Reading what the router published in the last minutes lets it skip those.

import { Topics } from "../events/topics";
import { decodeEventRecord } from "../log/typed";
import type { EventLog } from "../log/types";

/** Types the router publishes; other records are skipped without decoding. */
const outputTypes = /^(router\.decision|command\.|agent\.not-ready)/;

export interface RecentOutputsOptions {
  log: EventLog;
  groupId: string;
  /** Records appended at or after this wall-clock time (ms) are read. */
  sinceMs: number;
  /** Stop once nothing arrived for this long (partitions with nothing recent deliver nothing). */
  idleMs?: number;
}

/** Ids of events with source "router" appended since `sinceMs`, on the events and commands topics. */
export async function recentRouterOutputs(options: RecentOutputsOptions): Promise<Set<string>> {
  const { log } = options;
  const ids = new Set<string>();
  const ends = new Map<string, number>();
  for (const topic of [Topics.events, Topics.commands])
    for (const [partition, end] of await log.endOffsets(topic))
      if (end > 0) ends.set(`${topic}/${partition}`, end);
  if (ends.size === 0) return ids;
  const reached = new Set<string>();
  let lastActivity = Date.now();
  const subscription = await log.subscribe({
    groupId: `${options.groupId}-recent`,
    topics: [Topics.events, Topics.commands],
    startAt: { timestamp: options.sinceMs },
    handler: async (batch) => {
      lastActivity = Date.now();
      const key = `${batch.topic}/${batch.partition}`;
      for (const record of batch.records) {
        if (outputTypes.test(record.headers["event-type"] ?? "")) {
          const decoded = decodeEventRecord(record);
          if (decoded.ok && decoded.event.source === "router") ids.add(decoded.event.id);
        }
        if (record.offset >= (ends.get(key) ?? 0) - 1) reached.add(key);
      }
    },
  });
  try {
    const idleMs = options.idleMs ?? 1_000;
    while (reached.size < ends.size && Date.now() - lastActivity < idleMs)
      await new Promise((r) => setTimeout(r, 20));
  } finally {
    await subscription.stop();
  }
  return ids;
}
