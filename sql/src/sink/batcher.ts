export interface BatcherTuning {
  /** A partial group waits at least this many times as long as the previous write took (default 3). */
  spacing?: number;
  /** ... but never longer than this (default 5,000 ms). */
  maxStretchMs?: number;
  /** Writes given out at once (default 1); the writer orders them (write.ts prepares one ahead). */
  maxWrites?: number;
}

/** One add: its items go into one write together, and it settles with that write. */
interface Entry<T> {
  items: readonly T[];
  weight: number;
  settle: { resolve: () => void; reject: (e: unknown) => void };
}

/**
 * Coalesces the batches of several partitions into one write, bounded by rows and time: a write
 * starts when `maxRows` are pending or `maxDelayMs` after the first pending item, and never while
 * `maxWrites` writes run. What arrives meanwhile waits and then goes out in writes of up to
 * `maxRows` (whole adds: a larger add goes alone), so a slow warehouse gets fewer, larger inserts
 * instead of a queue of small ones, and no insert is larger than asked for: before the cap, the
 * batches held during one write of a 1,000,000-event backlog went out as one 600,000-row insert
 * (11 s, its body ~300 MB). The coalescing matters because
 * an insert's cost is mostly fixed: every materialized view plans and writes its own part on each
 * insert (measured on chdb with the 0019 schema: ~200 ms of CPU for a 1-row insert against ~430 ms
 * for 20,000 rows).
 *
 * The same fixed cost stretches the delay: a partial group waits at least `spacing` times as long as
 * the previous write took, so inserts take at most about 1 / (spacing + 1) of the time however short
 * `maxDelayMs` is (a 200 ms delay with 250 ms inserts would otherwise insert back to back, most of a
 * core on 2). A full group (`maxRows`) never waits, and the stretch stops at `maxStretchMs`; only
 * successful writes count, so a warehouse slow to refuse does not hold back the first write after it
 * returns. Nor does a write of at least half of `maxRows` (or one the cap cut short) stretch the
 * next delay: the sink is then behind (a backlog, a back-fill), and the rows left after it are the
 * backlog's tail, not a trickle (measured: a 200,000-event backlog in 20,000-row groups idled 4.3 s
 * of its 10 s after a 1.8 s write; with partition batches of a quarter of maxRows, tried, a
 * 1,000,000-event backlog waited 5 s for its last 1,081 rows after a write of 98,681, when only a
 * write of maxRows counted).
 *
 * Each `add` resolves only after the write holding its items succeeded (so the log commits only
 * then) and rejects with the write's error. The buffer is bounded by the log itself: a partition
 * hands over its next batch only after `add` settled, so at most one batch per partition waits here
 * (backpressure), and a write holds at most one batch per partition. Writes start in the order of
 * their adds.
 */
export class Batcher<T> {
  private pending: Entry<T>[] = [];
  private pendingWeight = 0;
  private timer: NodeJS.Timeout | undefined;
  private writes = 0;
  private readonly spacing: number;
  private readonly maxStretchMs: number;
  private readonly maxWrites: number;
  /** What is pending reached its row or time bound while `maxWrites` ran: it goes out when one ends. */
  private due = false;
  private lastWriteMs = 0;
  private lastWriteOfBacklog = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxRows: number,
    private readonly maxDelayMs: number,
    /** Rows an item stands for (default 1): an item may be a whole partition batch. */
    private readonly weigh: (item: T) => number = () => 1,
    tuning: BatcherTuning = {},
  ) {
    this.spacing = tuning.spacing ?? 3;
    this.maxStretchMs = tuning.maxStretchMs ?? 5_000;
    this.maxWrites = tuning.maxWrites ?? 1;
  }

  add(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let weight = 0;
      for (const item of items) weight += this.weigh(item);
      this.pending.push({ items, weight, settle: { resolve, reject } });
      this.pendingWeight += weight;
      if (this.pendingWeight >= this.maxRows) this.flush();
      else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.delayMs());
    });
  }

  private delayMs(): number {
    if (this.lastWriteOfBacklog) return this.maxDelayMs;
    return Math.max(this.maxDelayMs, Math.min(this.maxStretchMs, this.spacing * this.lastWriteMs));
  }

  /** Gives out what is pending, in writes of up to maxRows, as long as a write may start. */
  private flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.pending.length > 0) {
      if (this.writes >= this.maxWrites) {
        this.due = true;
        return;
      }
      const group = this.takeUpToMaxRows();
      // Cut short by the cap, it is as much a backlog's write as a full one.
      this.start(group, this.pending.length > 0);
    }
    this.due = false;
  }

  private takeUpToMaxRows(): Entry<T>[] {
    let count = 0;
    let weight = 0;
    for (const entry of this.pending) {
      if (count > 0 && weight + entry.weight > this.maxRows) break;
      count++;
      weight += entry.weight;
    }
    this.pendingWeight -= weight;
    return this.pending.splice(0, count);
  }

  private start(group: readonly Entry<T>[], cut: boolean): void {
    const items = group.flatMap((entry) => entry.items);
    const ofBacklog = cut || 2 * group.reduce((rows, entry) => rows + entry.weight, 0) >= this.maxRows;
    this.writes++;
    const started = performance.now();
    this.write(items).then(
      () => this.finish(group, undefined, started, ofBacklog),
      (error: unknown) =>
        this.finish(group, error ?? new Error("warehouse write failed"), started, ofBacklog),
    );
  }

  private finish(group: readonly Entry<T>[], error: unknown, started: number, ofBacklog: boolean): void {
    this.writes--;
    if (error === undefined) {
      this.lastWriteMs = performance.now() - started;
      this.lastWriteOfBacklog = ofBacklog;
    }
    for (const { settle } of group) {
      if (error === undefined) settle.resolve();
      else settle.reject(error);
    }
    if (this.due) this.flush();
  }
}
