/**
 * Kafka's default partitioner (murmur2 of the key, made positive, modulo partitions). The in-process
 * log uses the same function so a key lands on the same partition number on both adapters.
 */
const scratch = new Uint8Array(256);

/** The key's UTF-8 bytes; short ASCII keys (ids, phone numbers) reuse one buffer instead of allocating. */
function keyBytes(key: string): { data: Uint8Array; length: number } {
  if (key.length > scratch.length) return bytesOf(key);
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) return bytesOf(key);
    scratch[i] = code;
  }
  return { data: scratch, length: key.length };
}

function bytesOf(key: string): { data: Uint8Array; length: number } {
  const data = Buffer.from(key, "utf8");
  return { data, length: data.length };
}

export function murmur2(key: string): number {
  const { data, length } = keyBytes(key);
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const r = 24;
  let h = seed ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      (data[i4] ?? 0) |
      ((data[i4 + 1] ?? 0) << 8) |
      ((data[i4 + 2] ?? 0) << 16) |
      ((data[i4 + 3] ?? 0) << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length4 * 4;
  const rest = length % 4;
  if (rest >= 3) h ^= (data[tail + 2] ?? 0) << 16;
  if (rest >= 2) h ^= (data[tail + 1] ?? 0) << 8;
  if (rest >= 1) {
    h ^= data[tail] ?? 0;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions;
}
