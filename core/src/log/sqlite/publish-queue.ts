import type { AppendRow } from "./store";

interface Pending {
  rows: AppendRow[];
  bytes: number;
  resolve: (offsets: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for publishers: calls made in the same tick share one SQLite transaction, so many
 * small publishes cost one WAL append instead of one each. Several transactions may be in flight
 * on the writer thread (answered in order). The queue is bounded in bytes, counting what is in
 * flight: a publisher past the bound waits (backpressure instead of unbounded memory).
 */
export class PublishQueue {
  private pending: Pending[] = [];
  private queued = 0;
  private scheduled = false;
  private readonly waiters: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly write: (rows: AppendRow[]) => Promise<number[]>,
    private readonly maxPendingBytes: number,
    private readonly maxRowsPerTransaction = 20_000,
  ) {}

  async enqueue(rows: AppendRow[], bytes: number): Promise<number[]> {
    while (this.queued > 0 && this.queued + bytes > this.maxPendingBytes) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return new Promise<number[]>((resolve, reject) => {
      this.pending.push({ rows, bytes, resolve, reject });
      this.queued += bytes;
      this.schedule();
    });
  }

  /** Bytes accepted and not yet durable. */
  get queuedBytes(): number {
    return this.queued;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends everything queued now to the writer. */
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
      const written = this.write(rows).then(
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
      const settled = written.finally(() => {
        this.inFlight.delete(settled);
        for (const p of group) this.queued -= p.bytes;
        for (const wake of this.waiters.splice(0)) wake();
      });
      this.inFlight.add(settled);
    }
  }

  /** Flushes and waits until everything accepted so far is durable (or failed). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
