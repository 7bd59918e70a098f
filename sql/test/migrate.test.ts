import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { EditedMigrationError, migrate } from "../src/migrate";
import { listMigrations, migrationsDir, splitStatements } from "../src/migrations";
import { freshWarehouse } from "./warehouse";

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse({ migrated: false }));
});
afterAll(() => dispose());

describe("migration files", () => {
  it("are numbered uniquely and contiguously from 0001", () => {
    const files = readdirSync(migrationsDir).filter((f) => f.endsWith(".sql"));
    const numbers = files.map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(listMigrations().map((m) => m.name)).toEqual([...files].sort());
  });

  it("refuses a gap or a duplicate number", () => {
    const dir = mkdtempSync(join(tmpdir(), "starboard-migrations-"));
    try {
      writeFileSync(join(dir, "0001_a.sql"), "SELECT 1;");
      writeFileSync(join(dir, "0003_c.sql"), "SELECT 1;");
      expect(() => listMigrations(dir)).toThrow(/expected number 0002/);
      writeFileSync(join(dir, "0002_b.sql"), "SELECT 1;");
      writeFileSync(join(dir, "0002_bb.sql"), "SELECT 1;");
      expect(() => listMigrations(dir)).toThrow(/expected number 0003/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("split into statements at a line ending in ';' that is not a comment", () => {
    const sql =
      "-- a\nCREATE TABLE t (x UInt8) ENGINE = Memory;\n-- a comment ending in ;\nSELECT 1;\n-- trailing;\n";
    expect(splitStatements(sql)).toEqual([
      "-- a\nCREATE TABLE t (x UInt8) ENGINE = Memory",
      "-- a comment ending in ;\nSELECT 1",
    ]);
  });
});

describe("migrate on chdb", () => {
  it("applies every migration in order, then nothing on a second run", async () => {
    const first = await migrate(warehouse);
    expect(first.applied).toEqual(listMigrations().map((m) => m.name));
    const second = await migrate(warehouse);
    expect(second).toEqual({ applied: [], alreadyApplied: listMigrations().length });
    const rows = await warehouse.query<{ version: number }>(
      "SELECT toUInt32(version) AS version FROM starboard_migrations ORDER BY version",
    );
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it("creates the tables and views the reports read", async () => {
    const rows = await warehouse.query<{ name: string; engine: string }>(
      "SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name",
    );
    const engines = new Map(rows.map((r) => [r.name, r.engine]));
    expect(engines.get("raw_events")).toBe("MergeTree");
    expect(engines.get("contacts")).toBe("AggregatingMergeTree");
    expect(engines.get("queue_intervals")).toBe("AggregatingMergeTree");
    for (const table of [
      "agent_state_changes",
      "tickets",
      "qa_flags",
      "supervisor_actions",
      "channel_days",
      "agent_days",
      "demand_days",
      "ticket_department_days",
    ]) {
      expect(engines.has(table), table).toBe(true);
    }
    expect(rows.filter((r) => r.engine === "MaterializedView").length).toBeGreaterThan(20);
  });

  it("refuses an applied migration whose file was edited", async () => {
    const edited = listMigrations().map((m, i) => (i === 2 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(warehouse, { migrations: edited })).rejects.toThrow(EditedMigrationError);
    await expect(migrate(warehouse, { migrations: edited })).rejects.toThrow(
      /0003_agent_states.sql was edited/,
    );
  });

  it("sets the raw event retention, for the queue events extracted from them too", async () => {
    await migrate(warehouse, { rawEventTtlDays: 30 });
    const rows = await warehouse.query<{ name: string; ddl: string }>(
      "SELECT name, create_table_query AS ddl FROM system.tables WHERE name IN ('raw_events', 'queue_stay_events') AND database = currentDatabase() ORDER BY name",
    );
    expect(rows.map((r) => r.name)).toEqual(["queue_stay_events", "raw_events"]);
    for (const { name, ddl } of rows) expect(ddl, name).toContain("toIntervalDay(30)");
  });
});

describe("outdated parts", () => {
  it("are cleaned up on a bounded schedule in every table the migrations create", async () => {
    await migrate(warehouse);
    const tables = await warehouse.query<{ name: string; ddl: string }>(
      "SELECT name, create_table_query AS ddl FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree' AND name != 'starboard_migrations'",
    );
    expect(tables.length).toBeGreaterThan(15);
    for (const { name, ddl } of tables) expect(ddl, name).toContain("max_cleanup_delay_period = 30");
  });
});
