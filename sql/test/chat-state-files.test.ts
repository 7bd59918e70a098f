import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { engineConfigXml } from "../src/engine-config";
import { freshWarehouse } from "./warehouse";

// Migration 0023: the chat first-response state takes the sink's frequent small inserts through
// RocksDB's write path, not one file per insert (each file stayed open with its index in memory).
// engine-config.ts: that write path holds at most a 4 MB in-memory table before it writes a file.

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
});
afterAll(() => dispose());

async function stateFiles(): Promise<number> {
  const [table] = await warehouse.query<{ data_paths: string[] }>(
    "SELECT data_paths FROM system.tables WHERE database = currentDatabase() AND name = 'chat_contact_state'",
  );
  const path = table?.data_paths[0];
  if (path === undefined) throw new Error("chat_contact_state has no data path");
  return readdirSync(path).filter((file) => file.endsWith(".sst")).length;
}

describe("chat_contact_state", () => {
  it("keeps 200 small inserts out of files of their own", async () => {
    const before = await stateFiles();
    for (let i = 0; i < 200; i++) {
      await warehouse.command(
        "INSERT INTO chat_contact_state (key, tenant, contact_id, channel, first_customer_message_at, agent_message_times) VALUES ({key:String}, 'default', {id:String}, 'webchat', now64(3), [])",
        { key: `default\u0000chat-${i}`, id: `chat-${i}` },
      );
    }
    // One file per insert (the engine's bulk path) would be 200 more.
    expect((await stateFiles()) - before).toBeLessThan(5);
    const [rows] = await warehouse.query<{ n: number }>(
      "SELECT toUInt32(count()) AS n FROM chat_contact_state WHERE contact_id LIKE 'chat-%'",
    );
    expect(rows?.n).toBe(200);
  });

  it("writes its in-memory table to a file after ~4 MB, not RocksDB's default 64 MB", async () => {
    const before = await stateFiles();
    // ~12 MB of states in 40 inserts: three flushes at 4 MB, none at 64 MB.
    const times = Array.from({ length: 20 }, (_, i) => `2026-11-30 10:00:${String(i).padStart(2, "0")}.000`);
    for (let i = 0; i < 40; i++) {
      await warehouse.command(
        `INSERT INTO chat_contact_state (key, tenant, contact_id, channel, first_customer_message_at, agent_message_times)
         SELECT concat('default', char(0), 'bulk-', toString(number)), 'default', concat('bulk-', toString(number)),
           'webchat', now64(3), {times:Array(DateTime64(3, 'UTC'))}
         FROM numbers({from:UInt64}, 2000)`,
        { from: i * 2_000, times },
      );
    }
    expect((await stateFiles()) - before).toBeGreaterThanOrEqual(1);
  });

  it("has the same configuration for a ClickHouse server (docker-compose.yml mounts the file)", () => {
    const serverFile = new URL("../../infra/clickhouse/starboard-rocksdb.xml", import.meta.url);
    expect(readFileSync(serverFile, "utf8")).toBe(engineConfigXml());
  });
});
