import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeRecords, type EncodableRecord, encodeRecords } from "../../src/log/sqlite/record-codec";
import { maxBatchBytes, SqliteLogStore } from "../../src/log/sqlite/store";

const fingerprint = JSON.stringify({ "event-checked": "catalog-a" });
const other = JSON.stringify({ "event-checked": "catalog-b" });

/** Headers that repeat, change, vanish and come back, with a key and value per record that name its place. */
const records: EncodableRecord[] = [
  { key: "k0", value: "v0", headers: fingerprint },
  { key: "k1", value: "v1", headers: fingerprint },
  { key: "k2", value: "v2", headers: null },
  { key: "k3", value: "v3", headers: fingerprint },
  { key: "k4", value: "v4", headers: other },
  { key: "客户-5", value: "值5", headers: other },
  { key: "k6", value: "v6", headers: fingerprint },
];

function decoded(fromOffset?: number) {
  const { body } = encodeRecords(records);
  return decodeRecords(body, "t", 3, 100, 1_000, fromOffset).map((r) => ({
    offset: r.offset,
    key: r.key,
    value: r.value.toString("utf8"),
    headers: r.headers,
  }));
}

describe("the log's record batches", () => {
  it.each([
    ["the whole batch", undefined, 100],
    ["from its first record", 100, 100],
    ["from the middle", 104, 104],
    ["from its last record", 106, 106],
  ])("decodes %s with each record's own key, value and headers", (_, from, first) => {
    const expected = records.slice(first - 100).map((r, i) => ({
      offset: first + i,
      key: r.key,
      value: r.value,
      headers: r.headers === null ? {} : JSON.parse(r.headers),
    }));
    expect(decoded(from)).toEqual(expected);
  });

  it("decodes nothing from past its end", () => {
    expect(decoded(107)).toEqual([]);
  });
});

describe("reading a partition from the store", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "starboard-read-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts inside a batch, spans the following ones, and finds nothing at the end", async () => {
    const store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", false, () => {});
    try {
      store.ensureTopic({ name: "t", partitions: 1 });
      const append = (values: string[]) =>
        store.appendOffThread(
          values.map((value) => ({ topic: "t", partition: 0, key: value, value, headers: fingerprint })),
          1_000,
        );
      await append(["a0", "a1", "a2"]);
      await append(["b3", "b4"]);
      await append(["c5", "c6", "c7"]);
      const values = (from: number, limit = 100) =>
        store.read("t", 0, from, limit).map((r) => `${r.offset}:${r.value.toString()}`);
      expect(values(1)).toEqual(["1:a1", "2:a2", "3:b3", "4:b4", "5:c5", "6:c6", "7:c7"]);
      expect(values(4)).toEqual(["4:b4", "5:c5", "6:c6", "7:c7"]);
      expect(values(2, 2)).toEqual(["2:a2", "3:b3"]);
      expect(values(7)).toEqual(["7:c7"]);
      expect(values(8)).toEqual([]);
      expect(store.read("t", 0, 5, 100)[0]?.headers).toEqual({ "event-checked": "catalog-a" });
    } finally {
      await store.close();
    }
  });

  it("stops at the limit inside a batch and goes on from there, for one reader or several", async () => {
    const store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", false, () => {});
    try {
      store.ensureTopic({ name: "t", partitions: 1 });
      const values = Array.from({ length: 10 }, (_, i) => `v${i}`);
      await store.appendOffThread(
        values.map((value) => ({ topic: "t", partition: 0, key: value, value, headers: null })),
        1_000,
      );
      await store.appendOffThread(
        [{ topic: "t", partition: 0, key: "w", value: "w10", headers: null }],
        1_000,
      );
      const read = (from: number, limit: number) =>
        store.read("t", 0, from, limit).map((r) => `${r.offset}:${r.value.toString()}`);
      // One reader in steps of 4 through a batch of 10 and into the next.
      expect(read(0, 4)).toEqual(["0:v0", "1:v1", "2:v2", "3:v3"]);
      expect(read(4, 4)).toEqual(["4:v4", "5:v5", "6:v6", "7:v7"]);
      // Another reader behind the first, and one ahead of it, in the same batch.
      expect(read(1, 2)).toEqual(["1:v1", "2:v2"]);
      expect(read(6, 1)).toEqual(["6:v6"]);
      expect(read(8, 4)).toEqual(["8:v8", "9:v9", "10:w10"]);
      expect(read(3, 3)).toEqual(["3:v3", "4:v4", "5:v5"]);
      expect(read(11, 4)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("stores a large append as batches of at most about 1 MiB, read back in order", async () => {
    const path = join(dir, "log.sqlite");
    const store = new SqliteLogStore(path, "normal", false, () => {});
    try {
      store.ensureTopic({ name: "t", partitions: 1 });
      // 40 records of ~100 KB: ~4 MB in one append, then one record larger than a batch's bound.
      const values = Array.from({ length: 40 }, (_, i) =>
        `${i}:`.padEnd(100_000, String.fromCharCode(97 + (i % 26))),
      );
      await store.appendOffThread(
        values.map((value, i) => ({ topic: "t", partition: 0, key: `k${i}`, value, headers: fingerprint })),
        1_000,
      );
      const large = "L".repeat(maxBatchBytes + 1);
      await store.appendOffThread(
        [{ topic: "t", partition: 0, key: "large", value: large, headers: null }],
        1_000,
      );
      const db = new Database(path, { readonly: true });
      const batches = db
        .prepare(
          "SELECT base_offset AS base, record_count AS count, length(body) AS bytes FROM batches_1_0 ORDER BY base_offset",
        )
        .all() as { base: number; count: number; bytes: number }[];
      db.close();
      // 10 records of ~100 KB fit under 1 MiB: 4 batches, then the large record alone.
      expect(batches.map((b) => [b.base, b.count])).toEqual([
        [0, 10],
        [10, 10],
        [20, 10],
        [30, 10],
        [40, 1],
      ]);
      for (const batch of batches.slice(0, 4)) expect(batch.bytes).toBeLessThanOrEqual(maxBatchBytes);
      const read = store.read("t", 0, 5, 100);
      expect(read.map((r) => r.offset)).toEqual(Array.from({ length: 36 }, (_, i) => i + 5));
      expect(read.slice(0, 35).map((r) => r.value.toString())).toEqual(values.slice(5));
      expect(read[35]?.value.length).toBe(large.length);
    } finally {
      await store.close();
    }
  });
});
