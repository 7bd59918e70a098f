import type { CommitRow, SqliteLogStore } from "./store";

/** Between tries for the write lock; the writer thread's transactions last a few milliseconds. */
const lockRetryMs = 2;
const maxLockWaitMs = 1_000;

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
  /** When the timer's flush first found the write lock taken (undefined: not trying). */
  private lockTriesSince: number | undefined;

  constructor(
    private readonly store: SqliteLogStore,
    private readonly delayMs: number,
    /** Told when a write fails; the commits stay pending and the next write retries them. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    this.pending.set(keyOf(groupId, topic, partition), { groupId, topic, partition, nextOffset });
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flushSoon(), this.delayMs);
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

  /**
   * Writes every pending commit in one transaction, waiting for SQLite's write lock if the writer
   * thread holds it; false if the store refused (they stay pending). For close and lease release.
   */
  flush(): boolean {
    return this.write("wait") === "written";
  }

  /**
   * The timer's flush: tries the lock and, while the writer thread holds it, tries again shortly
   * instead of sleeping the thread in SQLite's busy handler. After `maxLockWaitMs` of tries it waits
   * for the lock, so a writer that never pauses delays commits, never loses them.
   */
  private flushSoon(): void {
    this.timer = undefined;
    this.lockTriesSince ??= Date.now();
    const lock = Date.now() - this.lockTriesSince >= maxLockWaitMs ? "wait" : "try";
    if (this.write(lock) === "busy") {
      this.timer = setTimeout(() => this.flushSoon(), lockRetryMs);
      this.timer.unref();
    } else this.lockTriesSince = undefined;
  }

  private write(lock: "wait" | "try"): "written" | "busy" | "failed" {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0) return "written";
    const rows = [...this.pending.values()];
    try {
      if (lock === "wait") this.store.commitMany(rows, Date.now());
      else if (!this.store.tryCommitMany(rows, Date.now())) return "busy";
    } catch (error) {
      this.onFailure(error);
      this.timer = setTimeout(() => this.flushSoon(), Math.max(this.delayMs, 1_000));
      this.timer.unref();
      return "failed";
    }
    this.pending.clear();
    return "written";
  }
}
