import { findHashed, idHash, idSlot } from "./id-hash";

// The last N ids seen, for dropping repeats: the router's duplicate and ended-contact windows, the
// ESL adapter's published events and ended calls. These windows hold 100,000 ids each, and a
// Set<string> with a ring of strings grew for as long as they filled: at --simulator load --speed 50
// the router's ended-contact window takes ~4 minutes to fill, and heap snapshots at 30 s and 140 s
// showed +14 MB of Set tables and +8 MB of id strings, most of it in these windows. Here an id is a
// 64-bit hash (see id-hash.ts) in typed arrays allocated once, outside the JS heap and its GC:
// 8 bytes of ring, 1 of liveness and 8-16 of open-addressing index per id of capacity, the same
// from the first id to the millionth.

const EMPTY = -1;
/** A removed entry, which a probe walks past and an insert may take. */
const GONE = -2;

export class RecentIds {
  readonly capacity: number;
  // The ring, in arrival order; `next` is where the next id goes (the oldest, once it is full).
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  /** 1 while a ring entry is remembered; 0 once deleted (its place is reused in turn). */
  private readonly live: Uint8Array;
  private next = 0;
  private used = 0;
  private count = 0;
  // Index: slot -> ring position, EMPTY or GONE. At least twice the capacity, so live entries never
  // pass half of it; GONE marks are cleared by a rebuild when live + gone would pass three quarters.
  private readonly slots: Int32Array;
  private gone = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`RecentIds: capacity must be a whole number >= 1 (got ${capacity})`);
    this.capacity = capacity;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.live = new Uint8Array(capacity);
    this.slots = new Int32Array(Math.max(16, 2 ** Math.ceil(Math.log2(capacity * 2)))).fill(EMPTY);
  }

  /** How many ids are remembered now (deleted ones are not). */
  get size(): number {
    return this.count;
  }

  /** Bytes held (the typed arrays), fixed at construction: for tests and memory figures. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.live.byteLength + this.slots.byteLength;
  }

  has(id: string): boolean {
    const [h, l] = idHash(id);
    return this.find(h, l) >= 0;
  }

  /** Remembers `id`, forgetting the oldest remembered one when full; a repeat changes nothing. */
  add(id: string): void {
    this.seen(id);
  }

  /** True when `id` is remembered; otherwise remembers it and returns false (one hash, one probe). */
  seen(id: string): boolean {
    const [h, l] = idHash(id);
    if (this.find(h, l) >= 0) return true;
    this.insert(h, l);
    return false;
  }

  /** Forgets `id` now (its ring place is reused in turn, forgetting nothing then). */
  delete(id: string): void {
    const [h, l] = idHash(id);
    const slot = this.find(h, l);
    if (slot < 0) return;
    this.live[this.slots[slot] as number] = 0;
    this.markGone(slot);
  }

  private insert(h: number, l: number): void {
    const pos = this.next;
    if (this.used < this.capacity) this.used += 1;
    else if (this.live[pos] === 1) {
      this.markGone(this.slotOf(pos));
      this.live[pos] = 0;
    }
    this.next = pos + 1 === this.capacity ? 0 : pos + 1;
    // Before the new entry is live, so a rebuild does not index it twice.
    if ((this.count + 1 + this.gone) * 4 > this.slots.length * 3) this.reindex();
    this.hi[pos] = h;
    this.lo[pos] = l;
    this.live[pos] = 1;
    this.place(h, l, pos);
  }

  private markGone(slot: number): void {
    this.slots[slot] = GONE;
    this.gone += 1;
    this.count -= 1;
  }

  /** The slot of a live entry with this hash, or -1. */
  private find(h: number, l: number): number {
    return findHashed(this.slots, this.hi, this.lo, h, l);
  }

  /** The slot holding ring position `pos` (which is live, so it is indexed). */
  private slotOf(pos: number): number {
    const mask = this.slots.length - 1;
    let slot = idSlot(this.hi[pos] as number, this.lo[pos] as number, mask);
    while (this.slots[slot] !== pos) slot = (slot + 1) & mask;
    return slot;
  }

  /** Indexes a hash known to be absent: the first EMPTY or GONE slot on its probe path will do. */
  private place(h: number, l: number, pos: number): void {
    const mask = this.slots.length - 1;
    let slot = idSlot(h, l, mask);
    for (; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot] as number;
      if (at === EMPTY) break;
      if (at === GONE) {
        this.gone -= 1;
        break;
      }
    }
    this.slots[slot] = pos;
    this.count += 1;
  }

  /** A fresh index of the live entries, without GONE marks. */
  private reindex(): void {
    this.slots.fill(EMPTY);
    this.gone = 0;
    this.count = 0;
    for (let pos = 0; pos < this.used; pos++) {
      if (this.live[pos] === 1) this.place(this.hi[pos] as number, this.lo[pos] as number, pos);
    }
  }
}
