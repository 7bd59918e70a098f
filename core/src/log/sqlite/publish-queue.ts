import type { AppendRow } from "./store";

interface Pending {
  rows: AppendRow[];
  bytes: number;
  resolve: (offsets: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for publishers: calls made in the same tick share one SQLite transaction, so many
 * small publishes cost one fsync-free WAL append instead of one each. Transactions are handed to
 * `write` in order and may overlap (the writer thread answers them in order); a publish resolves
 * when its transaction did. The queue is bounded in bytes, in flight included; a publisher past the
 * bound waits until the queue drains (backpressure instead of unbounded memory).
 *
 * A flush goes out as transactions of at most a few thousand rows so the writer thread starts on
 * the first while this thread encodes the next, and publishes in the first resolve sooner. One
 * transaction of up to 20,000 rows left both threads idle a quarter of the time, each waiting for
 * the other: the log benchmark (8 publishes of 1,000 1 KB events in flight) went from 288k-321k to
 * 340k-420k events/s with 4,000.
 */
export class PublishQueue {
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private readonly waiters: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly write: (rows: AppendRow[]) => Promise<number[]>,
    private readonly maxPendingBytes: number,
    private readonly maxRowsPerTransaction = 4_000,
  ) {}

  async enqueue(rows: AppendRow[], bytes: number): Promise<number[]> {
    while (this.pendingBytes > 0 && this.pendingBytes + bytes > this.maxPendingBytes) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return new Promise<number[]>((resolve, reject) => {
      this.pending.push({ rows, bytes, resolve, reject });
      this.pendingBytes += bytes;
      this.schedule();
    });
  }

  get queuedBytes(): number {
    return this.pendingBytes;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends everything queued now as transactions of at most maxRowsPerTransaction rows. */
  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const group: Pending[] = [];
      let rowCount = 0;
      while (this.pending.length > 0 && (group.length === 0 || rowCount < this.maxRowsPerTransaction)) {
        const next = this.pending.shift() as Pending;
        group.push(next);
        rowCount += next.rows.length;
      }
      const rows = group.length === 1 ? (group[0] as Pending).rows : group.flatMap((p) => p.rows);
      const done = this.write(rows).then(
        (offsets) => {
          let at = 0;
          for (const p of group) {
            p.resolve(offsets.slice(at, at + p.rows.length));
            at += p.rows.length;
          }
        },
        (error: unknown) => {
          for (const p of group) p.reject(error);
        },
      );
      const tracked = done.finally(() => {
        this.inFlight.delete(tracked);
        for (const p of group) this.pendingBytes -= p.bytes;
        for (const wake of this.waiters.splice(0)) wake();
      });
      this.inFlight.add(tracked);
    }
  }

  /** Sends what is queued and waits until every transaction sent has been answered (close). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
