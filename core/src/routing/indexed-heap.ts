// A binary heap that also knows where each item sits, so an item can be removed or re-ordered in
// O(log n). Waiting contacts leave from the middle (abandon, relax, overflow) and idle agents stop
// being idle from the middle; a plain heap would need lazy deletion and unbounded garbage.

/** Where an item sits in its heap. A Map by default; an item in one heap only can carry it itself. */
export interface HeapSlot<T> {
  get(item: T): number | undefined;
  set(item: T, index: number): void;
  delete(item: T): void;
}

const mapSlot = <T>(): HeapSlot<T> => {
  const positions = new Map<T, number>();
  return {
    get: (item) => positions.get(item),
    set: (item, index) => {
      positions.set(item, index);
    },
    delete: (item) => {
      positions.delete(item);
    },
  };
};

/**
 * `key(item)`, when given, is a number that orders items ascending and is fixed while the item is in
 * the heap; it is kept in a dense array beside the items, so sifting compares numbers instead of
 * chasing pointers to items scattered over a large heap. Equal keys fall back to `before`.
 */
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly keys: number[] = [];
  private readonly positions: HeapSlot<T>;

  /** `before(a, b)`: a comes out of the heap first. Must be a strict total order for determinism. */
  constructor(
    private readonly before: (a: T, b: T) => boolean,
    slot?: HeapSlot<T>,
    private readonly key: (item: T) => number = () => 0,
  ) {
    this.positions = slot ?? mapSlot<T>();
  }

  /** The head's key (see the constructor), without touching the item. */
  peekKey(): number | undefined {
    return this.keys[0];
  }

  private earlier(i: number, j: number): boolean {
    const ki = this.keys[i] as number;
    const kj = this.keys[j] as number;
    return ki !== kj ? ki < kj : this.before(this.at(i), this.at(j));
  }

  get size(): number {
    return this.items.length;
  }

  has(item: T): boolean {
    return this.positions.get(item) !== undefined;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Unordered: for scans that filter on more than the heap's order. */
  values(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    if (this.positions.get(item) !== undefined) return;
    this.items.push(item);
    this.keys.push(this.key(item));
    this.positions.set(item, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(item: T): boolean {
    const at = this.positions.get(item);
    if (at === undefined) return false;
    this.positions.delete(item);
    const last = this.items.pop() as T;
    const lastKey = this.keys.pop() as number;
    if (at < this.items.length) {
      this.items[at] = last;
      this.keys[at] = lastKey;
      this.positions.set(last, at);
      this.down(at);
      this.up(at);
    }
    return true;
  }

  private at(i: number): T {
    return this.items[i] as T;
  }

  private swap(i: number, j: number): void {
    const a = this.at(i);
    const b = this.at(j);
    this.items[i] = b;
    this.items[j] = a;
    const k = this.keys[i] as number;
    this.keys[i] = this.keys[j] as number;
    this.keys[j] = k;
    this.positions.set(b, i);
    this.positions.set(a, j);
  }

  private up(i: number): void {
    let child = i;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.earlier(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private down(i: number): void {
    let parent = i;
    const n = this.items.length;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let best = parent;
      if (left < n && this.earlier(left, best)) best = left;
      if (right < n && this.earlier(right, best)) best = right;
      if (best === parent) return;
      this.swap(parent, best);
      parent = best;
    }
  }
}
