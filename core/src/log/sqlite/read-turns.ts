/**
 * Grants the consumers' store reads one per turn of the event loop.
 *
 * A read behind the tail is synchronous: SQLite hands over the batches' blobs and they are decoded,
 * and the consumer's handler usually converts them in the same callback, ~1 s per 100,000 events
 * in the warehouse bench. Workers that wait with setImmediate all run in the same check phase, so
 * the 8 partitions of a backlog were read one after the other with no I/O in between: the sink's
 * first write sent its duplicate check to chdb after the first partition's read and got the answer
 * ~9 s later, once every partition had been read (1,000,000 events on the log). A grant is handed
 * out from a setImmediate callback and the next one is scheduled from there, which Node runs in
 * the next turn, after the poll phase has delivered whatever completed meanwhile.
 */
export class ReadTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /**
   * Resolves when this caller may read; at most one caller is let through per turn of the loop.
   * A caller `continuing` a batch it has begun reading goes ahead of those starting one: taking
   * turns step by step, the 8 partitions of a backlog each finished their first 100,000-record
   * batch only once all of them had nearly finished theirs (~3.5 s for 1,000,000 events).
   */
  take(continuing = false): Promise<void> {
    return new Promise<void>((resolve) => {
      if (continuing) this.waiting.unshift(resolve);
      else this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      if (this.waiting.length > 0) this.schedule();
    });
  }
}
