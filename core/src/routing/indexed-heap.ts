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

  /** Whether (key ka, item a) comes out before (kb, b): the key first, `before` on equal keys. */
  private precedes(ka: number, a: T, kb: number, b: T): boolean {
    return ka !== kb ? ka < kb : this.before(a, b);
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

  private keyAt(i: number): number {
    return this.keys[i] as number;
  }

  /** Put an item and its key at index i and tell it where it is. */
  private place(i: number, item: T, key: number): void {
    this.items[i] = item;
    this.keys[i] = key;
    this.positions.set(item, i);
  }

  // Sifting moves a hole instead of swapping: each step writes one item (and its position) rather
  // than two, and the moving item is written once at the end. Same comparisons, same final order.

  private up(i: number): void {
    const item = this.at(i);
    const key = this.keyAt(i);
    let hole = i;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      if (!this.precedes(key, item, this.keyAt(parent), this.at(parent))) break;
      this.place(hole, this.at(parent), this.keyAt(parent));
      hole = parent;
    }
    if (hole !== i) this.place(hole, item, key);
  }

  private down(i: number): void {
    const item = this.at(i);
    const key = this.keyAt(i);
    const n = this.items.length;
    let hole = i;
    for (;;) {
      const left = hole * 2 + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.precedes(this.keyAt(right), this.at(right), this.keyAt(left), this.at(left)))
        child = right;
      if (!this.precedes(this.keyAt(child), this.at(child), key, item)) break;
      this.place(hole, this.at(child), this.keyAt(child));
      hole = child;
    }
    if (hole !== i) this.place(hole, item, key);
  }
}
