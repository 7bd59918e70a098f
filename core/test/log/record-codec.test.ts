import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeRecords, type EncodableRecord, encodeRecords } from "../../src/log/sqlite/record-codec";
import { SqliteLogStore } from "../../src/log/sqlite/store";

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
      // Whole batches: the one holding the limit is read to its end.
      expect(values(2, 2)).toEqual(["2:a2", "3:b3", "4:b4"]);
      expect(values(7)).toEqual(["7:c7"]);
      expect(values(8)).toEqual([]);
      expect(store.read("t", 0, 5, 100)[0]?.headers).toEqual({ "event-checked": "catalog-a" });
    } finally {
      await store.close();
    }
  });
});
