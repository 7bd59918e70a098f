// The last N ids seen, for dropping repeats. A Set trimmed through `values().next()` gets slower as
// it runs: V8 leaves a deleted entry's slot in place until the table is rebuilt, and the iterator
// walks every such slot from the front, so each eviction of a full set walked tens of thousands of
// holes (the ESL adapter's publish was 0.4% of the platform's thread early in a load run, 4.1% two
// minutes in). The eviction order lives in a ring instead.

export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`RecentIds: capacity must be a whole number >= 1 (got ${capacity})`);
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Remembers `id`, forgetting the oldest remembered one when full. */
  add(id: string): void {
    if (this.ids.has(id)) return;
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.ids.delete(oldest);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
  }

  /** Forgets `id` now (its ring slot is reused in turn, deleting nothing then). */
  delete(id: string): void {
    this.ids.delete(id);
  }
}
