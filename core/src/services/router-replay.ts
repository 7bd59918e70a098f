// Rebuilding the router's state on start: the engine is pure, so its state is the events topic
// replayed from the beginning up to where the router had got to. Outputs are not published again.

import { Topics } from "../events/topics";
import type { EventLog } from "../log/types";
import type { MergeItem } from "./time-merge";
import { TimeMerge } from "./time-merge";

export interface ReplayOptions<T> {
  log: EventLog;
  /** The live group: its committed offsets say what the router already answered. */
  groupId: string;
  /** Turns a record into an item to apply, or undefined to skip it (undecodable). */
  decode: (record: { partition: number; offset: number; value: Buffer }) => MergeItem<T> | undefined;
  apply: (items: readonly MergeItem<T>[]) => Promise<void>;
  /**
   * A partition that delivers nothing for this long (default 5 s) while others wait on it is taken
   * as finished: retention may have deleted every record below its committed offset, and the log
   * then has nothing to hand over for it.
   */
  idleMs?: number;
}

/**
 * Reads every partition from its first record to the live group's committed offset (exclusive),
 * merged by event time, and applies it. Uses its own group (`<groupId>-replay`, always from the
 * earliest record) so the live group's commits never move backwards, even if the process dies
 * mid-replay. Returns how many records were replayed.
 */
export async function replayCommitted<T>(options: ReplayOptions<T>): Promise<number> {
  const { log } = options;
  const boundary = await log.committedOffsets(options.groupId, Topics.events);
  const expected = [...boundary].filter(([, offset]) => offset > 0).map(([partition]) => partition);
  if (expected.length === 0) return 0;
  let replayed = 0;
  let lastArrival = Date.now();
  let finishedCount = 0;
  let done!: () => void;
  const allDone = new Promise<void>((resolve) => {
    done = resolve;
  });
  const merge = new TimeMerge<T>(
    async (items) => {
      replayed += items.length;
      await options.apply(items);
      // Applying a long stretch is progress too: nobody is idle while the merge works.
      lastArrival = Date.now();
    },
    0,
    expected,
  );
  const finished = new Set<number>();
  const finish = (partition: number) => {
    if (finished.has(partition)) return;
    finished.add(partition);
    finishedCount += 1;
    if (finishedCount === expected.length) done();
  };
  const idleMs = options.idleMs ?? 5_000;
  // Silence counts from when the subscription is in place (subscribe resolves once joined).
  let subscribed = false;
  const idleCheck = setInterval(
    () => {
      if (!subscribed || Date.now() - lastArrival < idleMs) return;
      for (const partition of expected)
        if (!finished.has(partition) && !merge.holds(partition)) {
          merge.finish(partition);
          finish(partition);
        }
    },
    Math.min(500, idleMs),
  );
  const subscription = await log.subscribe({
    groupId: `${options.groupId}-replay`,
    topics: [Topics.events],
    startAt: "earliest",
    handler: async (batch) => {
      lastArrival = Date.now();
      const end = boundary.get(batch.partition) ?? 0;
      if (finished.has(batch.partition) || end === 0) return;
      const items: MergeItem<T>[] = [];
      let reached = false;
      for (const record of batch.records) {
        if (record.offset >= end) {
          reached = true;
          break;
        }
        const item = options.decode(record);
        if (item !== undefined) items.push(item);
      }
      const last = batch.records[batch.records.length - 1];
      reached ||= last !== undefined && last.offset >= end - 1;
      const applied = merge.push(batch.partition, items, reached);
      if (reached) finish(batch.partition);
      await applied;
    },
  });
  subscribed = true;
  lastArrival = Math.max(lastArrival, Date.now());
  try {
    await allDone;
    // The last releases are queued behind the merge's chain: wait for them before going live.
    await merge.serialise(async () => undefined);
  } finally {
    clearInterval(idleCheck);
    await subscription.stop();
    merge.close();
  }
  return replayed;
}
