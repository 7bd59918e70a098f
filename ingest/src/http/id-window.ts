import { findHashed, idHash, idSlot } from "@starboard/core";

// The delivery ids of the replay window, kept compactly. A Map<string, number> cost ~77 bytes of JS
// heap per id (the string, the entry, a boxed number); at --simulator load --speed 50 the gateways
// remember ~1,050 deliveries a second for 300 s, so the window's Map grew by ~18 MB of live heap over
// a 5-minute run (heap snapshots at 30 s and 170 s: +179k entries, +13.7 MB). Here an id is a 64-bit
// hash in typed arrays outside the JS heap and its GC: 16 bytes in a ring kept in arrival order
// (expiry pops its front) and 8 bytes of open-addressing index per ring place, 24-48 bytes an id
// as the ring doubles.
//
// Two different ids share a hash with probability ~n / 2^64 per look-up (n ids in the window): at
// 300,000 ids, 1.6e-14, about once in 10,000 years at 1,000 deliveries a second. Only signed
// requests are remembered, so nobody without the secret can aim for a collision. The hash is core's
// idHash; core's RecentIds is the same idea bounded by count rather than by time.

const EMPTY = -1;
const GONE = -2;

export class IdWindow {
  // The ring: entry k (0 <= k < size) sits at (head + k) % capacity.
  private hi: Uint32Array;
  private lo: Uint32Array;
  private at: Float64Array;
  private head = 0;
  private count = 0;
  // Index: slot -> ring position, EMPTY or GONE (a removed entry the probe must walk past).
  private slots: Int32Array;
  private filled = 0;

  constructor(initialCapacity = 1_024) {
    const capacity = Math.max(16, 2 ** Math.ceil(Math.log2(initialCapacity)));
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.at = new Float64Array(capacity);
    this.slots = new Int32Array(capacity * 2).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held (the typed arrays), for tests and memory figures. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.at.byteLength + this.slots.byteLength;
  }

  has(id: string): boolean {
    const [h, l] = idHash(id);
    return this.find(h, l) >= 0;
  }

  /** Remembers `id` at `time`; an id already here keeps its place and takes the new time. */
  add(id: string, time: number): void {
    const [h, l] = idHash(id);
    const found = this.find(h, l);
    if (found >= 0) {
      this.at[this.slots[found] as number] = time;
      return;
    }
    if (this.count === this.hi.length) this.grow();
    const pos = (this.head + this.count) % this.hi.length;
    this.hi[pos] = h;
    this.lo[pos] = l;
    this.at[pos] = time;
    this.count += 1;
    // Live entries never pass half the slots (twice the ring's capacity); removed ones fill the rest
    // up to three quarters, then a rebuild clears them: at least a quarter of the slots' adds apart.
    if ((this.filled + 1) * 4 > this.slots.length * 3) this.reindex();
    this.place(h, l, pos);
  }

  /** Time of the oldest id, or undefined when empty. */
  oldest(): number | undefined {
    return this.count === 0 ? undefined : this.at[this.head];
  }

  /** Forgets the oldest id. */
  dropOldest(): void {
    if (this.count === 0) return;
    const pos = this.head;
    const slot = this.find(this.hi[pos] as number, this.lo[pos] as number);
    if (slot >= 0) this.slots[slot] = GONE;
    this.head = (pos + 1) % this.hi.length;
    this.count -= 1;
  }

  /** The slot whose ring entry has this hash, or -1. */
  private find(h: number, l: number): number {
    return findHashed(this.slots, this.hi, this.lo, h, l);
  }

  private place(h: number, l: number, pos: number): void {
    const mask = this.slots.length - 1;
    let slot = idSlot(h, l, mask);
    while ((this.slots[slot] as number) !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = pos;
    this.filled += 1;
  }

  /** Doubles the ring, oldest first from position 0, and rebuilds the index. */
  private grow(): void {
    const capacity = this.hi.length * 2;
    const copy = <T extends Uint32Array | Float64Array>(from: T, to: T) => {
      for (let k = 0; k < this.count; k++) to[k] = from[(this.head + k) % from.length] as number;
      return to;
    };
    this.hi = copy(this.hi, new Uint32Array(capacity));
    this.lo = copy(this.lo, new Uint32Array(capacity));
    this.at = copy(this.at, new Float64Array(capacity));
    this.head = 0;
    this.reindex();
  }

  /** A fresh index of two slots per ring place, without GONE marks. */
  private reindex(): void {
    this.slots = new Int32Array(this.hi.length * 2).fill(EMPTY);
    this.filled = 0;
    for (let k = 0; k < this.count; k++) {
      const pos = (this.head + k) % this.hi.length;
      this.place(this.hi[pos] as number, this.lo[pos] as number, pos);
    }
  }
}
