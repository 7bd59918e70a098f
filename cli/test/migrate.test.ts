import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWarehouseClient, listMigrations } from "@starboard/sql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture } from "./capture-io";

// chdb: one data directory per process. This file runs in its own fork (pool "forks") and opens
// exactly one warehouse, in a temp STARBOARD_DATA_DIR.

const dataDir = mkdtempSync(join(tmpdir(), "starboard-cli-migrate-"));
const saved = { dir: process.env.STARBOARD_DATA_DIR, url: process.env.STARBOARD_CLICKHOUSE_URL };

beforeAll(() => {
  process.env.STARBOARD_DATA_DIR = dataDir;
  delete process.env.STARBOARD_CLICKHOUSE_URL;
});
afterAll(() => {
  if (saved.dir === undefined) delete process.env.STARBOARD_DATA_DIR;
  else process.env.STARBOARD_DATA_DIR = saved.dir;
  if (saved.url !== undefined) process.env.STARBOARD_CLICKHOUSE_URL = saved.url;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("starboard migrate", () => {
  const total = listMigrations().length;

  it("applies every migration to the embedded warehouse under STARBOARD_DATA_DIR", async () => {
    const io = capture();
    expect(await main(["migrate"], io)).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain(`applied ${total} of ${total} migrations`);
    expect(text).toContain(`chdb ${dataDir}`);
    for (const m of listMigrations()) expect(text).toContain(m.name);
  });

  it("applies nothing on a second run", async () => {
    const io = capture();
    expect(await main(["migrate"], io)).toBe(0);
    expect(io.stdout).toEqual([
      `nothing pending: ${total} migrations already applied (chdb ${dataDir}, database starboard)`,
    ]);
  });

  it("--json prints what it applied", async () => {
    const io = capture();
    expect(await main(["migrate", "--json"], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    expect(JSON.parse(io.stdout[0] ?? "")).toEqual({
      warehouse: `chdb ${dataDir}`,
      applied: [],
      alreadyApplied: total,
      total,
    });
  });

  it("sets the raw event retention with --ttl-days and refuses a bad one", async () => {
    expect(await main(["migrate", "--ttl-days", "30", "--json"], capture())).toBe(0);
    const warehouse = await createWarehouseClient({ dataDir, url: "" });
    const rows = await warehouse.query<{ ddl: string }>(
      "SELECT create_table_query AS ddl FROM system.tables WHERE name = 'raw_events' AND database = 'starboard'",
    );
    await warehouse.close();
    expect(rows[0]?.ddl).toContain("toIntervalDay(30)");
    const io = capture();
    expect(await main(["migrate", "--ttl-days", "0"], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain("--ttl-days must be a whole number >= 1");
  });

  it("says which server it could not reach, and exits 1", async () => {
    process.env.STARBOARD_CLICKHOUSE_URL = "http://127.0.0.1:9";
    try {
      const io = capture();
      expect(await main(["migrate"], io)).toBe(1);
      expect(io.stderr.join("\n")).toContain("starboard migrate: http://127.0.0.1:9:");
    } finally {
      delete process.env.STARBOARD_CLICKHOUSE_URL;
    }
  });

  it("--help describes the warehouse it uses", async () => {
    const io = capture();
    expect(await main(["migrate", "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("STARBOARD_CLICKHOUSE_URL");
  });
});
