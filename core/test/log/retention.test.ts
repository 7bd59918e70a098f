import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteLogStore } from "../../src/log/sqlite/store";

let dir: string;
let store: SqliteLogStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "starboard-retention-"));
  store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", false, () => {});
  store.ensureTopic({ name: "history", partitions: 2, retentionMs: 1_000 });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const record = (partition: number, key: string) => ({
  topic: "history",
  partition,
  key,
  value: "{}",
  headers: null,
});

/** One append (one stored batch) per entry: [partition, append time, records]. */
function appendBatches(batches: readonly [number, number, number][]): void {
  batches.forEach(([partition, at, count], i) => {
    store.append(
      Array.from({ length: count }, (_, r) => record(partition, `k-${i}-${r}`)),
      at,
    );
  });
}

const offsets = (partition: number) => store.read("history", partition, 0, 1_000).map((r) => r.offset);

describe("log retention", () => {
  it.each([
    { now: 1_500, deleted: 0, left: [0, 1, 2, 3, 4, 5] },
    { now: 2_001, deleted: 2, left: [2, 3, 4, 5] },
    { now: 3_001, deleted: 5, left: [5] },
    { now: 9_000, deleted: 6, left: [] },
  ])("at $now deletes the batches appended before now - 1 s ($deleted records)", ({ now, deleted, left }) => {
    appendBatches([
      [0, 1_000, 2],
      [0, 2_000, 3],
      [0, 3_000, 1],
    ]);
    expect(store.applyRetention(now)).toBe(deleted);
    expect(offsets(0)).toEqual(left);
  });

  it("trims each partition by its own batches' times", () => {
    appendBatches([
      [0, 1_000, 1],
      [1, 5_000, 1],
      [0, 5_000, 1],
    ]);
    expect(store.applyRetention(3_000)).toBe(1);
    expect(offsets(0)).toEqual([1]);
    expect(offsets(1)).toEqual([0]);
  });

  it("keeps a batch appended out of time order until the newer batch before it expires", () => {
    // Another process's clock behind this one's: offset order and time order disagree once.
    appendBatches([
      [0, 1_000, 1],
      [0, 5_000, 1],
      [0, 2_000, 1],
    ]);
    expect(store.applyRetention(4_000)).toBe(1);
    expect(offsets(0)).toEqual([1, 2]);
    expect(store.applyRetention(7_000)).toBe(2);
    expect(offsets(0)).toEqual([]);
  });

  it("never trims a compacted topic", () => {
    store.ensureTopic({ name: "table", partitions: 1, retentionMs: 1_000, compact: true });
    store.append([{ ...record(0, "c-1"), topic: "table" }], 0);
    expect(store.applyRetention(365 * 24 * 3600 * 1000)).toBe(0);
    expect(store.read("table", 0, 0, 10)).toHaveLength(1);
  });

  it("does not serve from memory a batch a read stopped inside once it is deleted", () => {
    appendBatches([
      [0, 1_000, 3],
      [0, 3_000, 2],
    ]);
    expect(store.read("history", 0, 0, 2).map((r) => r.offset)).toEqual([0, 1]);
    expect(store.applyRetention(2_500)).toBe(3);
    expect(store.read("history", 0, 2, 10).map((r) => r.offset)).toEqual([3, 4]);
  });
});
