// Consumer lag: how many records a group has still to commit on a topic (end offsets minus committed
// offsets, summed over partitions), the figure Kafka operators watch. It is computed from the log
// when asked (a scrape, a readiness probe), so consuming costs nothing extra.

import { Gauge } from "prom-client";
import type { EventLog } from "../log/types";
import { opsRegistry } from "./metrics";

/** Records on `topic` that `groupId` has not committed yet (0 when caught up). */
export async function consumerLag(log: EventLog, groupId: string, topic: string): Promise<number> {
  const [end, committed] = await Promise.all([log.endOffsets(topic), log.committedOffsets(groupId, topic)]);
  let behind = 0;
  for (const [partition, offset] of end) behind += Math.max(0, offset - (committed.get(partition) ?? 0));
  return behind;
}

/** (log, group, topic) -> how many live subscriptions track it. */
const tracked = new Map<EventLog, Map<string, { groupId: string; topic: string; count: number }>>();

/**
 * Makes the group's lag on each topic part of /metrics until the returned function is called. The
 * log adapters call it on subscribe, so every consumer in the process shows up without wiring.
 */
export function trackConsumerLag(log: EventLog, groupId: string, topics: readonly string[]): () => void {
  let entries = tracked.get(log);
  if (entries === undefined) {
    entries = new Map();
    tracked.set(log, entries);
  }
  const mine = entries;
  const keys = topics.map((topic) => {
    const key = `${groupId}\u0000${topic}`;
    const entry = mine.get(key) ?? { groupId, topic, count: 0 };
    entry.count += 1;
    mine.set(key, entry);
    return key;
  });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const key of keys) {
      const entry = mine.get(key);
      if (entry === undefined) continue;
      entry.count -= 1;
      if (entry.count <= 0) mine.delete(key);
    }
    if (mine.size === 0 && tracked.get(log) === mine) tracked.delete(log);
  };
}

/** A closed log answers nothing: forget all it tracked. */
export function forgetConsumerLag(log: EventLog): void {
  tracked.delete(log);
}

/** A scrape waits this long for a log's offsets (a Kafka admin call may retry while a broker is away). */
const scrapeTimeoutMs = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export const consumerLagGauge = new Gauge({
  name: "starboard_consumer_lag_messages",
  help: "Records on a topic a consumer group has not committed yet (end offset minus committed offset, summed over partitions), read at scrape time.",
  labelNames: ["group", "topic"] as const,
  registers: [opsRegistry],
  async collect() {
    this.reset();
    // Two logs in one process (tests) may run the same group name: their lags add up.
    const totals = new Map<string, { groupId: string; topic: string; lag: number }>();
    const reads: Promise<void>[] = [];
    for (const [log, entries] of tracked)
      for (const [key, { groupId, topic }] of entries)
        reads.push(
          within(consumerLag(log, groupId, topic), scrapeTimeoutMs).then(
            (lag) => {
              const total = totals.get(key) ?? { groupId, topic, lag: 0 };
              total.lag += lag;
              totals.set(key, total);
            },
            // A log that cannot answer now (or in time) leaves its series out of this scrape rather
            // than failing or stalling the whole scrape; readiness reports the failure by name.
            () => undefined,
          ),
        );
    await Promise.all(reads);
    for (const { groupId, topic, lag } of totals.values()) this.set({ group: groupId, topic }, lag);
  },
});
