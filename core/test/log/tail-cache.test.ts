import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { TailCache } from "../../src/log/sqlite/tail-cache";
import type { LogRecord } from "../../src/log/types";

const records = (base: number, n: number): LogRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    topic: "t",
    partition: 0,
    offset: base + i,
    key: "k",
    value: Buffer.from(String(base + i)),
    headers: {},
    timestamp: 0,
  }));

describe("the tail cache", () => {
  // Batches [0..2], [3], [4], [5..6]; then one appended by another process would leave a gap.
  const cache = () => {
    const c = new TailCache(1 << 20);
    c.add("t", 0, 0, records(0, 3), 30);
    c.add("t", 0, 3, records(3, 1), 10);
    c.add("t", 0, 4, records(4, 1), 10);
    c.add("t", 0, 5, records(5, 2), 20);
    return c;
  };
  const offsets = (r: LogRecord[] | undefined) => r?.map((x) => x.offset);

  it.each([
    ["reads on through following batches up to the limit", 1, 100, [1, 2, 3, 4, 5, 6]],
    ["stops at the limit inside a batch", 2, 3, [2, 3, 4]],
    ["from the start of a later batch", 4, 2, [4, 5]],
    ["caught up: nothing more", 7, 10, []],
  ])("%s", (_name, from, limit, expected) => {
    expect(offsets(cache().read("t", 0, from, limit))).toEqual(expected);
  });

  it("never answers 'caught up' past a batch too big to cache: the reader must go to the store", () => {
    const c = new TailCache(100);
    c.add("t", 0, 0, records(0, 3), 30);
    expect(offsets(c.read("t", 0, 3, 10))).toEqual([]);
    c.add("t", 0, 3, records(3, 50), 500);
    expect(c.read("t", 0, 3, 10)).toBeUndefined();
    expect(c.read("t", 0, 0, 10)).toBeUndefined();
    // Newer batches are cached again after it; the big one's offsets still miss.
    c.add("t", 0, 53, records(53, 2), 20);
    expect(offsets(c.read("t", 0, 53, 10))).toEqual([53, 54]);
    expect(c.read("t", 0, 10, 10)).toBeUndefined();
  });

  it("stops at a gap (a batch this process did not append) and misses beyond the newest", () => {
    const c = cache();
    c.add("t", 0, 9, records(9, 1), 10);
    expect(offsets(c.read("t", 0, 5, 100))).toEqual([5, 6]);
    expect(c.read("t", 0, 8, 10)).toBeUndefined();
    expect(c.read("t", 1, 0, 10)).toBeUndefined();
  });
});

describe("the tail cache over many small batches", () => {
  it("keeps exactly the newest batches that fit, through thousands of evictions, two partitions interleaved", () => {
    const c = new TailCache(1_000);
    for (let i = 0; i < 10_000; i++) {
      const partition = i % 2;
      const offset = Math.floor(i / 2);
      c.add("t", partition, offset, [{ ...(records(offset, 1)[0] as LogRecord), partition }], 10);
    }
    // 100 batches of 10 bytes fit: the last 50 of each partition (offsets 4,950..4,999).
    for (const partition of [0, 1]) {
      expect(c.read("t", partition, 4_949, 10)).toBeUndefined();
      expect(c.read("t", partition, 4_950, 3)?.map((r) => r.offset)).toEqual([4_950, 4_951, 4_952]);
      expect(c.read("t", partition, 4_999, 10)?.map((r) => r.offset)).toEqual([4_999]);
      expect(c.read("t", partition, 5_000, 10)).toEqual([]);
    }
  });

  it("lets go of a batch as soon as it is evicted", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    v8.setFlagsFromString("--no-expose-gc");
    const c = new TailCache(100);
    const evicted: WeakRef<LogRecord[]>[] = [];
    // Ten batches of 30 bytes each in a 100-byte cache: the first seven are evicted.
    for (let i = 0; i < 10; i++) {
      const batch = records(i * 3, 3);
      if (i < 7) evicted.push(new WeakRef(batch));
      c.add("t", 0, i * 3, batch, 30);
    }
    await new Promise((r) => setTimeout(r, 0));
    gc();
    // A shifted batch left in the queue's array used to stay reachable until 1,024 more went.
    expect(evicted.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(c.read("t", 0, 21, 100)?.map((r) => r.offset)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29]);
  });
});
