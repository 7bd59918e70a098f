/**
 * Coalesces the batches of several partitions into one write, bounded by rows and time: a write
 * starts when `maxRows` are pending or `maxDelayMs` after the first pending item. Each `add`
 * resolves only after the write holding its items succeeded (so the log commits only then) and
 * rejects with the write's error. Writes run one at a time. The buffer is bounded by the log
 * itself: a partition hands over its next batch only after `add` settled, so at most one batch per
 * partition waits here (backpressure).
 */
export class Batcher<T> {
  private pending: { items: T[]; settle: Array<{ resolve: () => void; reject: (e: unknown) => void }> } = {
    items: [],
    settle: [],
  };
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxRows: number,
    private readonly maxDelayMs: number,
  ) {}

  add(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      for (const item of items) this.pending.items.push(item);
      this.pending.settle.push({ resolve, reject });
      if (this.pending.items.length >= this.maxRows) this.flush();
      else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
    });
  }

  private flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const group = this.pending;
    if (group.settle.length === 0) return;
    this.pending = { items: [], settle: [] };
    this.writing = this.writing.then(async () => {
      try {
        await this.write(group.items);
        for (const s of group.settle) s.resolve();
      } catch (error) {
        for (const s of group.settle) s.reject(error);
      }
    });
  }
}
