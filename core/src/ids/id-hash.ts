// A 64-bit hash of an id, as two 32-bit halves, for the windows that remember ids compactly
// (RecentIds here, the gateways' replay window in ingest).
//
// Two different ids share a hash with probability ~n / 2^64 per look-up (n ids remembered): at
// 100,000 ids and 5,000 look-ups a second, about once in a thousand years. The hash is not
// cryptographic; only ids that came through authenticated sources (signed webhooks, the switch's
// socket, the log) are remembered, so nobody outside can aim for a collision.

/** Two 32-bit FNV-1a style hashes of the UTF-16 code units, with different bases and mixing. */
export function idHash(id: string): [hi: number, lo: number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  return [a >>> 0, (b ^ (b >>> 12)) >>> 0];
}

/** The index slot a hash starts probing at, for a power-of-two table (`mask` = size - 1). */
export function idSlot(hi: number, lo: number, mask: number): number {
  return (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
}

/**
 * The slot of an open-addressing index whose position holds this hash, or -1 (linear probing from
 * idSlot). `slots` maps a slot to a position in the parallel `hi`/`lo` arrays; -1 is empty (a probe
 * stops there), any other negative is a removed entry walked past.
 */
export function findHashed(
  slots: Int32Array,
  hi: Uint32Array,
  lo: Uint32Array,
  h: number,
  l: number,
): number {
  const mask = slots.length - 1;
  for (let slot = idSlot(h, l, mask); ; slot = (slot + 1) & mask) {
    const pos = slots[slot] as number;
    if (pos === -1) return -1;
    if (pos >= 0 && hi[pos] === h && lo[pos] === l) return slot;
  }
}
