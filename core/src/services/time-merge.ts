// Merges the per-partition batches of a topic into one stream ordered by event time. The router's
// state depends on the order it sees events in, and the log orders records only within a
// partition (one per contact or agent): fed partition by partition, a replay would read one
// partition's hour before the next one's and drop the second as out of order.

/** One record's payload, with where it came from and the time it is ordered by. */
export interface MergeItem<T> {
  partition: number;
  offset: number;
  timeMs: number;
  value: T;
}

interface Waiter {
  remaining: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Held<T> {
  item: MergeItem<T>;
  waiter: Waiter;
}

function before<T>(a: MergeItem<T>, b: MergeItem<T>): number {
  return a.timeMs - b.timeMs || a.partition - b.partition || a.offset - b.offset;
}

/**
 * Holds pushed batches and releases their items in time order.
 *
 * - Partitions named in `expected` (a replay: partitions with records still to read) are merged
 *   exactly: an item is released only once every expected partition has shown an item at or after
 *   its time. `finish(p)` says a partition has nothing more to give.
 * - Other partitions (live traffic) are held `holdMs` after the first pending item, then everything
 *   pending is released sorted: batches that arrive together are ordered together.
 *
 * `push` resolves once every item it brought has been applied (the caller then lets the log commit).
 * Applying is serialised: `apply` never runs twice at once.
 */
export class TimeMerge<T> {
  private readonly pending = new Map<number, Held<T>[]>();
  private readonly expected: Set<number>;
  /** Latest event time seen per partition (a running max: times within a partition may wobble). */
  private readonly latest = new Map<number, number>();
  private readonly exact: boolean;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly apply: (items: readonly MergeItem<T>[]) => Promise<void>,
    private readonly holdMs: number,
    expected: Iterable<number> = [],
  ) {
    this.expected = new Set(expected);
    this.exact = this.expected.size > 0;
  }

  push(partition: number, items: readonly MergeItem<T>[], finished = false): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { remaining: items.length, resolve, reject };
      if (items.length === 0) resolve();
      let list = this.pending.get(partition);
      if (list === undefined) {
        list = [];
        this.pending.set(partition, list);
      }
      for (const item of items) {
        list.push({ item, waiter });
        this.latest.set(partition, Math.max(this.latest.get(partition) ?? item.timeMs, item.timeMs));
      }
    });
    if (finished) this.expected.delete(partition);
    this.release(false);
    return done;
  }

  /** A partition of the exact merge has nothing more: it no longer holds the others back. */
  finish(partition: number): void {
    this.expected.delete(partition);
    this.release(false);
  }

  /** Whether items of this partition are waiting to be released. */
  holds(partition: number): boolean {
    return this.pending.has(partition);
  }

  /** Runs `work` in the apply order (between releases), e.g. a clock tick. */
  serialise(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private release(all: boolean): void {
    const watermark = all ? Number.POSITIVE_INFINITY : this.watermark();
    const out: Held<T>[] = [];
    for (const [partition, list] of this.pending) {
      const keep = list.filter((h) => h.item.timeMs > watermark);
      for (const h of list) if (h.item.timeMs <= watermark) out.push(h);
      if (keep.length === 0) this.pending.delete(partition);
      else this.pending.set(partition, keep);
    }
    if (!all && this.pending.size > 0 && this.timer === undefined && this.expected.size === 0)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.release(true);
      }, this.holdMs);
    if (out.length === 0) return;
    out.sort((a, b) => before(a.item, b.item));
    void this.serialise(async () => {
      try {
        await this.apply(out.map((h) => h.item));
      } catch (error) {
        for (const h of out) h.waiter.reject(error);
        return;
      }
      for (const h of out) {
        h.waiter.remaining -= 1;
        if (h.waiter.remaining === 0) h.waiter.resolve();
      }
    });
  }

  /**
   * Exact merge: the smallest "latest time seen" over the expected partitions, or -infinity while
   * one of them has nothing pending; +infinity once all finished. Live (nothing was expected):
   * -infinity, the hold timer releases.
   */
  private watermark(): number {
    if (this.expected.size === 0) return this.exact ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    for (const partition of this.expected) {
      // A partition with nothing pending may still send something earlier than the rest.
      if (!this.pending.has(partition)) return Number.NEGATIVE_INFINITY;
      low = Math.min(low, this.latest.get(partition) ?? Number.NEGATIVE_INFINITY);
    }
    return low;
  }

  /** Stops the hold timer; pending items are dropped (their batches are not committed). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const list of this.pending.values())
      for (const h of list) h.waiter.reject(new Error("merge closed"));
    this.pending.clear();
  }
}
