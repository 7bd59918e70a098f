import type { CommitRow, SqliteLogStore } from "./store";

const keyOf = (groupId: string, topic: string, partition: number) =>
  `${groupId}\u0000${topic}\u0000${partition}`;

/**
 * Consumer offsets written together. Each handled batch used to commit its offset in a transaction
 * of its own: with eight groups reading the events topic that was 13-15% of the platform's main
 * thread (profiled at --simulator load --speed 50). Commits now wait up to `delayMs` and go out in
 * one transaction; readers of offsets in this process see them at once.
 *
 * Still at least once: a batch is committed only after its handler succeeded, and a kill -9 within
 * `delayMs` of a commit redelivers that batch, as a kill before the commit always did. A group's
 * commits are written before its lease is released and on close, so another process taking the
 * group over starts where this one stopped.
 */
export class OffsetCommits {
  private readonly pending = new Map<string, CommitRow>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: SqliteLogStore,
    private readonly delayMs: number,
    /** Told when a write fails; the commits stay pending and the next write retries them. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    this.pending.set(keyOf(groupId, topic, partition), { groupId, topic, partition, nextOffset });
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    return (
      this.pending.get(keyOf(groupId, topic, partition))?.nextOffset ??
      this.store.committed(groupId, topic, partition)
    );
  }

  committedAll(groupId: string, topic: string): Map<number, number> {
    const offsets = this.store.committedAll(groupId, topic);
    for (const row of this.pending.values())
      if (row.groupId === groupId && row.topic === topic) offsets.set(row.partition, row.nextOffset);
    return offsets;
  }

  /** Writes every pending commit in one transaction; false if the store refused (they stay pending). */
  flush(): boolean {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0) return true;
    const rows = [...this.pending.values()];
    try {
      this.store.commitMany(rows, Date.now());
    } catch (error) {
      this.onFailure(error);
      this.timer = setTimeout(() => this.flush(), Math.max(this.delayMs, 1_000));
      this.timer.unref();
      return false;
    }
    this.pending.clear();
    return true;
  }
}
