import type { AppendRow } from "./store";

interface Pending {
  rows: AppendRow[];
  bytes: number;
  resolve: (offsets: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for publishers: calls made in the same tick share one SQLite transaction, so many
 * small publishes cost one fsync-free WAL append instead of one each. The queue is bounded in bytes;
 * a publisher past the bound waits until the queue drains (backpressure instead of unbounded memory).
 */
export class PublishQueue {
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly write: (rows: AppendRow[]) => number[],
    private readonly maxPendingBytes: number,
    private readonly maxRowsPerTransaction = 20_000,
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

  /** Writes everything queued now; also called on close so nothing accepted is left behind. */
  flush(): void {
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
      try {
        const offsets = this.write(rows);
        let at = 0;
        for (const p of group) {
          p.resolve(offsets.slice(at, at + p.rows.length));
          at += p.rows.length;
        }
      } catch (error) {
        for (const p of group) p.reject(error);
      }
      for (const p of group) this.pendingBytes -= p.bytes;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}
