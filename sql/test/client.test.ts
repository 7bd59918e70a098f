import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { freshWarehouse } from "./warehouse";

let warehouse: Warehouse;
let dataDir: string;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dataDir, dispose } = await freshWarehouse({ migrated: false }));
});
afterAll(() => dispose());

describe("createWarehouseClient on chdb", () => {
  it("answers typed parameterised queries, 64-bit counts cast in SQL", async () => {
    const rows = await warehouse.query<{ n: number; at: string; db: string }>(
      "SELECT toUInt32(count()) AS n, {at:DateTime64(3)} AS at, currentDatabase() AS db FROM numbers(5)",
      { at: "2026-11-30 09:15:02.123" },
    );
    expect(rows).toEqual([{ n: 5, at: "2026-11-30 09:15:02.123", db: "test" }]);
  });

  it("shares the one engine with a second client on the same path", async () => {
    const again = await createWarehouseClient({ dataDir, url: "", database: "test" });
    expect(await again.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    await again.close();
    expect(await warehouse.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("refuses a second data directory in the same process with a clear error", async () => {
    const other = mkdtempSync(join(tmpdir(), "starboard-sql-other-"));
    try {
      await expect(createWarehouseClient({ dataDir: other, url: "" })).rejects.toThrow(
        /one embedded warehouse/,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("inserts JSONCompactEachRow lines with per-insert settings that do not leak", async () => {
    await warehouse.command(
      "CREATE TABLE t (k String, v UInt32) ENGINE = MergeTree ORDER BY k SETTINGS non_replicated_deduplication_window = 100",
    );
    const insert = { table: "t", columns: ["k", "v"], body: '["a",1]\n["b",2]\n' };
    await warehouse.insertRows({ ...insert, settings: { insert_deduplication_token: "batch-1" } });
    await warehouse.insertRows({ ...insert, settings: { insert_deduplication_token: "batch-1" } });
    await warehouse.insertRows(insert);
    const rows = await warehouse.query<{ n: number }>("SELECT toUInt32(count()) AS n FROM t");
    expect(rows).toEqual([{ n: 4 }]);
  });

  it("reads each insert's rows from a file it removes whether the insert succeeded or was refused", async () => {
    await warehouse.command("CREATE TABLE objects (k String, v UInt32) ENGINE = MergeTree ORDER BY k");
    const insert = { table: "objects", columns: ["k", "v"], format: "JSONEachRow" as const };
    await warehouse.insertRows({ ...insert, body: Buffer.from('{"k":"a","v":1}\n{"k":"b","v":2}\n') });
    // A key given twice: JSON.parse keeps the last, ClickHouse refuses the row with code 117 (the sink's retry relies on it).
    await expect(
      warehouse.insertRows({ ...insert, body: '{"k":"c","k":"d","v":3}\n' }),
    ).rejects.toMatchObject({
      code: "117",
      message: expect.stringMatching(/Duplicate field/),
    });
    const rows = await warehouse.query<{ k: string; v: number }>("SELECT k, v FROM objects ORDER BY k");
    expect(rows).toEqual([
      { k: "a", v: 1 },
      { k: "b", v: 2 },
    ]);
    expect(readdirSync(join(dataDir, "warehouse", "starboard-inserts"))).toEqual([]);
  });
});
