import type { LogRecord } from "../types";

interface CachedBatch {
  baseOffset: number;
  records: LogRecord[];
  bytes: number;
}

/**
 * The most recent batches this process appended, as records, so consumers that keep up read them
 * from memory instead of back from SQLite (Kafka leans on the page cache the same way). Bounded in
 * bytes; a miss, or a batch another process appended, falls back to the store.
 */
/**
 * An array consumed from the front: `shift` moves a head index instead of the elements (a plain
 * array's shift copies the rest, and with ~100k cached batches eviction took 2.4 s of a 100 s soak).
 */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  at(i: number): T | undefined {
    return this.items[this.head + i];
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    // The slot lets go at once: a shifted batch left in place kept its records and their body alive
    // until the next compaction, up to 1,024 batches per partition (the log bench's arrays grew by
    // every body it published, ~300 MB per 300k events, and its throughput halved).
    this.items[this.head] = undefined;
    this.head += 1;
    // Drop the consumed front once it is half the array: amortised O(1) per shift.
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export class TailCache {
  private readonly partitions = new Map<string, Fifo<CachedBatch>>();
  private readonly order = new Fifo<{ id: string; batch: CachedBatch }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  add(topic: string, partition: number, baseOffset: number, records: LogRecord[], bytes: number): void {
    const id = `${topic}/${partition}`;
    if (bytes > this.maxBytes) {
      // Too big to keep: forget the partition's cached batches too, so no read can end at the batch
      // before this one and take "nothing newer" for an answer. Readers go to the store until newer
      // batches are cached after it.
      this.partitions.delete(id);
      return;
    }
    const batch: CachedBatch = { baseOffset, records, bytes };
    let list = this.partitions.get(id);
    if (list === undefined) {
      list = new Fifo();
      this.partitions.set(id, list);
    }
    list.push(batch);
    this.order.push({ id, batch });
    this.bytes += bytes;
    while (this.bytes > this.maxBytes) this.evictOldest();
  }

  private evictOldest(): void {
    const oldest = this.order.shift();
    if (oldest === undefined) return;
    this.bytes -= oldest.batch.bytes;
    const list = this.partitions.get(oldest.id);
    if (list !== undefined && list.at(0) === oldest.batch) list.shift();
  }

  /** Whether any batch of the partition is cached. */
  holds(topic: string, partition: number): boolean {
    return (this.partitions.get(`${topic}/${partition}`)?.length ?? 0) > 0;
  }

  /**
   * Records from `offset` on, through the cached batches that follow it without a gap, up to
   * `limit`; [] when `offset` is just past the newest batch this process appended (caught up, as
   * far as this process knows); undefined on a miss, where only the store can answer. Following
   * batches matter: sources that publish event by event leave one batch per event, and handing a
   * consumer one of them per read made the sink move one event per partition per write.
   */
  read(topic: string, partition: number, offset: number, limit: number): LogRecord[] | undefined {
    const list = this.partitions.get(`${topic}/${partition}`);
    if (list === undefined || list.length === 0) return undefined;
    // Batches are in offset order: the last one starting at or before `offset`, by bisection.
    let lo = 0;
    let hi = list.length - 1;
    if ((list.at(0) as CachedBatch).baseOffset > offset) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((list.at(mid) as CachedBatch).baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    const i = lo;
    const batch = list.at(i) as CachedBatch;
    const at = offset - batch.baseOffset;
    if (at >= batch.records.length)
      return at === batch.records.length && i === list.length - 1 ? [] : undefined;
    const out = batch.records.slice(at, at + limit);
    let next = batch.baseOffset + batch.records.length;
    for (let j = i + 1; j < list.length && out.length < limit; j++) {
      const following = list.at(j) as CachedBatch;
      if (following.baseOffset !== next) break;
      for (const record of following.records) {
        if (out.length >= limit) break;
        out.push(record);
      }
      next = following.baseOffset + following.records.length;
    }
    return out;
  }
}
