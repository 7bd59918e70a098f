import {
  type CountingRules,
  countContact,
  emptyCounts,
  type QueueCounts,
  type QueuedContact,
} from "./counts";
import { positive } from "./guards";

/**
 * Start (epoch ms) of the interval holding `at`, aligned to UTC midnight like ClickHouse's
 * `toStartOfInterval(t, INTERVAL n SECOND)`, so live buckets and SQL buckets have the same edges.
 */
export function intervalStart(at: number, intervalSeconds: number): number {
  const size = positive("intervalSeconds", intervalSeconds) * 1000;
  if (!Number.isFinite(at)) throw new RangeError(`not a time: ${at}`);
  return Math.floor(at / size) * size;
}

/**
 * Counts per interval, keyed by interval start. A contact counts in the interval it was queued in
 * (DESIGN: offered = entered a queue in the interval), even when it is answered in the next one:
 * otherwise a busy interval's long waits would land in a quiet interval's service level.
 */
export function countsByInterval(
  contacts: Iterable<QueuedContact>,
  rules: { intervalSeconds: number } & Pick<CountingRules, "thresholdSeconds"> &
    Partial<Pick<CountingRules, "shortAbandonSeconds">>,
): Map<number, QueueCounts> {
  const byStart = new Map<number, QueueCounts>();
  const empty = emptyCounts(rules);
  for (const contact of contacts) {
    const start = intervalStart(contact.queuedAt, rules.intervalSeconds);
    byStart.set(start, countContact(byStart.get(start) ?? empty, contact));
  }
  return byStart;
}
