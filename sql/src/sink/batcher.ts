export interface BatcherTuning<T = unknown> {
  /** A partial group waits at least this many times as long as the previous write took (default 3). */
  spacing?: number;
  /** ... but never longer than this (default 5,000 ms). */
  maxStretchMs?: number;
  /** Writes given out at once (default 1); the writer orders them (write.ts prepares one ahead). */
  maxWrites?: number;
  /**
   * Cuts an item in two, the first part holding `rows` rows (0 < rows < its weight). With it, a
   * write of a backlog holds exactly maxRows: an add that does not fit whole goes partly into this
   * write and partly into the next, and settles when both did.
   */
  split?: (item: T, rows: number) => [T, T];
}

/** An add's promise: settled once every write holding a part of it ended. */
interface Settlement {
  parts: number;
  failed: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** One add, or what is left of it: its items go into one write together. */
interface Entry<T> {
  items: readonly T[];
  weight: number;
  settlement: Settlement;
}

/**
 * Coalesces the batches of several partitions into one write, bounded by rows and time: a write
 * starts when `maxRows` are pending or `maxDelayMs` after the first pending item, and never while
 * `maxWrites` writes run. What arrives meanwhile waits and then goes out in writes of up to
 * `maxRows` (an add that does not fit is cut by `split`, or without one goes whole in the next
 * write, alone if larger than maxRows), so a slow warehouse gets fewer, larger inserts
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
 * Each `add` resolves only after every write holding its items succeeded (so the log commits only
 * then) and rejects with the first such write's error. The buffer is bounded by the log itself: a
 * partition hands over its next batch only after `add` settled, so at most one batch per partition
 * waits here (backpressure), and a write holds at most one batch, or part of one, per partition.
 * Writes start in the order of their adds.
 */
export class Batcher<T> {
  private pending: Entry<T>[] = [];
  private pendingWeight = 0;
  private timer: NodeJS.Timeout | undefined;
  private writes = 0;
  private readonly spacing: number;
  private readonly maxStretchMs: number;
  private readonly maxWrites: number;
  private readonly split: ((item: T, rows: number) => [T, T]) | undefined;
  /** What is pending reached its row or time bound while `maxWrites` ran: it goes out when one ends. */
  private due = false;
  /** ... and the delay of what is pending had passed by then. */
  private dueDelayPassed = false;
  private lastWriteMs = 0;
  private lastWriteOfBacklog = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxRows: number,
    private readonly maxDelayMs: number,
    /** Rows an item stands for (default 1): an item may be a whole partition batch. */
    private readonly weigh: (item: T) => number = () => 1,
    tuning: BatcherTuning<T> = {},
  ) {
    this.spacing = tuning.spacing ?? 3;
    this.maxStretchMs = tuning.maxStretchMs ?? 5_000;
    this.maxWrites = tuning.maxWrites ?? 1;
    this.split = tuning.split;
  }

  add(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let weight = 0;
      for (const item of items) weight += this.weigh(item);
      this.pending.push({ items, weight, settlement: { parts: 1, failed: false, resolve, reject } });
      this.pendingWeight += weight;
      // The delay runs from the first pending row, whatever happens to the rows before it.
      this.arm();
      if (this.pendingWeight >= this.maxRows) this.flush(false);
    });
  }

  private arm(): void {
    if (this.timer !== undefined || this.pending.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush(true);
    }, this.delayMs());
  }

  private delayMs(): number {
    if (this.lastWriteOfBacklog) return this.maxDelayMs;
    return Math.max(this.maxDelayMs, Math.min(this.maxStretchMs, this.spacing * this.lastWriteMs));
  }

  /**
   * Gives out what is pending, in writes of up to maxRows, as long as a write may start: full groups
   * at once, a partial one only once the delay since its first row passed (`delayPassed`). What
   * was left after a full write waits for rows to fill it, or for the delay: going at once, it was
   * a small insert with the views' fixed cost (the 200,000-event bench sent ~100k, ~3k, ~97k).
   */
  private flush(delayPassed: boolean): void {
    while (this.pending.length > 0) {
      const full = this.pendingWeight >= this.maxRows;
      if (!full && !delayPassed) {
        this.arm();
        return;
      }
      if (this.writes >= this.maxWrites) {
        this.due = true;
        this.dueDelayPassed ||= delayPassed;
        return;
      }
      const group = this.takeUpToMaxRows();
      // Cut short by the cap, it is as much a backlog's write as a full one.
      this.start(group, this.pending.length > 0);
    }
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.due = false;
    this.dueDelayPassed = false;
  }

  private takeUpToMaxRows(): Entry<T>[] {
    let count = 0;
    let weight = 0;
    for (const entry of this.pending) {
      if (weight + entry.weight > this.maxRows) break;
      count++;
      weight += entry.weight;
    }
    const group = this.pending.splice(0, count);
    const next = this.pending[0];
    if (next !== undefined && this.split !== undefined && weight < this.maxRows) {
      const [head, tail] = this.cut(next, this.split, this.maxRows - weight);
      group.push(head);
      this.pending[0] = tail;
      weight += head.weight;
    } else if (group.length === 0 && next !== undefined) {
      // An add larger than maxRows, with nothing to cut it: it goes alone.
      group.push(next);
      this.pending.shift();
      weight += next.weight;
    }
    this.pendingWeight -= weight;
    return group;
  }

  /** The entry's first `rows` rows and the rest, sharing its settlement. */
  private cut(entry: Entry<T>, split: (item: T, rows: number) => [T, T], rows: number): [Entry<T>, Entry<T>] {
    const head: T[] = [];
    let weight = 0;
    let at = 0;
    for (; at < entry.items.length; at++) {
      const item = entry.items[at] as T;
      const itemWeight = this.weigh(item);
      if (weight + itemWeight > rows) break;
      head.push(item);
      weight += itemWeight;
    }
    const tail = entry.items.slice(at);
    const crossing = entry.items[at];
    if (weight < rows && crossing !== undefined) {
      const [first, rest] = split(crossing, rows - weight);
      head.push(first);
      tail[0] = rest;
      weight = rows;
    }
    entry.settlement.parts++;
    return [
      { items: head, weight, settlement: entry.settlement },
      { items: tail, weight: entry.weight - weight, settlement: entry.settlement },
    ];
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
    for (const { settlement } of group) {
      settlement.parts--;
      if (settlement.failed) continue;
      if (error !== undefined) {
        settlement.failed = true;
        settlement.reject(error);
      } else if (settlement.parts === 0) settlement.resolve();
    }
    // The rest of a failed add is not written: its batch comes again whole.
    if (error !== undefined && this.pending.some((entry) => entry.settlement.failed)) {
      this.pending = this.pending.filter((entry) => !entry.settlement.failed);
      this.pendingWeight = this.pending.reduce((rows, entry) => rows + entry.weight, 0);
    }
    if (this.due) {
      const delayPassed = this.dueDelayPassed;
      this.due = false;
      this.dueDelayPassed = false;
      this.flush(delayPassed);
    }
  }
}
