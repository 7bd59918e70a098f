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

  it("stops at a gap (a batch this process did not append) and misses beyond the newest", () => {
    const c = cache();
    c.add("t", 0, 9, records(9, 1), 10);
    expect(offsets(c.read("t", 0, 5, 100))).toEqual([5, 6]);
    expect(c.read("t", 0, 8, 10)).toBeUndefined();
    expect(c.read("t", 1, 0, 10)).toBeUndefined();
  });
});
