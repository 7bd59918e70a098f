import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  InProcessEventLog,
  publishEvents,
  type StarboardEvent,
  standardTopics,
  validateEvent,
} from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { listMigrations } from "../src/migrations";
import { startSink } from "../src/sink/index";
import { botDayEvents } from "./bot-day";
import { dayOfEvents } from "./day";
import { parityDay } from "./parity-day";
import { qaDayEvents } from "./qa-day";
import { viewMergeDay } from "./view-merge-day";
import { foldedTables, foldQuery, rowsMissing, viewTargets } from "./view-merge-fold";
import { everyReport } from "./view-merge-reports";

// 0020 replaced the several views feeding each rollup by one view per rollup. Its promise: the same
// final state of every table and the same reports. Checked here by feeding every test day through the
// real sink into two databases of one chdb, one migrated up to 0019 (the separate views) and one fully
// migrated, and comparing every table folded by its engine and every report over the days.

const before = "merge_before";
const after = "merge_after";
const dataDir = mkdtempSync(join(tmpdir(), "starboard-view-merge-"));
const logDir = mkdtempSync(join(tmpdir(), "starboard-view-merge-log-"));
let warehouse: Warehouse;

const events: StarboardEvent[] = [
  ...dayOfEvents(),
  ...parityDay().events,
  ...botDayEvents(),
  ...qaDayEvents(),
  ...viewMergeDay(),
];
const lastBefore = 19;
const sinkInput = 21;
/** 0024's queue_stay_events, which the report by queued interval reads; in both databases alike. */
const queueStayEvents = 24;
const mergedTables = [
  "queue_intervals",
  "channel_days",
  "agent_days",
  "demand_days",
  "contact_terms",
  "ticket_department_days",
  "self_service_sessions",
  "tickets",
];

/** The values a rollup column holds where no event of its kind was counted. */
function neutral(value: unknown): boolean {
  if (value === null || value === 0 || value === "" || value === "0") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/**
 * Numbers to 12 significant digits: a report's float sum over rollup rows depends on how many rows
 * hold the parts (several views' partial rows before, one after), in its last bits only.
 */
function roundFloats(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(roundFloats);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, roundFloats(v)]));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundFloats(v)]));
  return value;
}

/** Sessions share chdb's one engine; `USE` picks the database unqualified SQL (sink, reports) reads. */
async function use(database: string): Promise<void> {
  await warehouse.command(`CREATE DATABASE IF NOT EXISTS ${database}`);
  await warehouse.command(`USE ${database}`);
}

/** Every event through the sink in writes of at most 100 rows, so rollup rows fold across inserts. */
async function load(log: InProcessEventLog, groupId: string): Promise<void> {
  const sink = await startSink({ log, warehouse, groupId, maxRows: 100, maxDelayMs: 20 });
  for (let i = 0; i < 2400 && sink.stats.written < events.length; i++)
    await new Promise((r) => setTimeout(r, 25));
  await sink.stop();
  expect(sink.stats).toMatchObject({ written: events.length, deadLettered: 0, duplicates: 0 });
  expect(sink.stats.writes).toBeGreaterThan(5);
}

beforeAll(async () => {
  for (const e of events) expect(validateEvent(e), e.id).toMatchObject({ ok: true });
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  warehouse = await createWarehouseClient({ dataDir, url: "", database: before });
  const log = new InProcessEventLog({ dataDir: logDir });
  await log.ensureTopics(standardTopics(4));
  await publishEvents(log, events);
  await use(before);
  // 0021 too: the sink writes through its raw_event_input, which feeds raw_events the same rows;
  // and 0024, a table the reports read that is not a rollup of 0020.
  const upTo = listMigrations().filter(
    (m) => m.version <= lastBefore || m.version === sinkInput || m.version === queueStayEvents,
  );
  expect((await migrate(warehouse, { migrations: upTo })).applied.slice(-3)).toEqual([
    expect.stringMatching(/^0019_/),
    expect.stringMatching(/^0021_/),
    expect.stringMatching(/^0024_/),
  ]);
  await load(log, "before");
  await use(after);
  await migrate(warehouse);
  await load(log, "after");
  await log.close();
}, 240_000);
afterAll(async () => {
  await warehouse.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(logDir, { recursive: true, force: true });
});

describe("0020: one view per rollup", () => {
  it("feeds each merged table from one view", async () => {
    const old = await viewTargets(warehouse, before);
    const merged = await viewTargets(warehouse, after);
    for (const table of mergedTables) {
      expect(old.get(table)?.length, table).toBeGreaterThan(1);
      expect(merged.get(table), table).toHaveLength(1);
    }
    expect([...merged.keys()].sort()).toEqual([...old.keys()].sort());
    const count = (m: Map<string, string[]>) => [...m.values()].reduce((n, v) => n + v.length, 0);
    // 47 -> 21, plus raw_event_input's view (0021) into raw_events and 0024's view in both.
    expect([count(old), count(merged)]).toEqual([49, 23]);
  });

  it("leaves every table in the same final state", async () => {
    const old = await foldedTables(warehouse, before);
    const merged = await foldedTables(warehouse, after);
    expect([...merged.keys()]).toEqual([...old.keys()]);
    for (const [table, rows] of old) {
      const now = merged.get(table) ?? [];
      const diff = { table, onlyBefore: rowsMissing(rows, now), onlyAfter: rowsMissing(now, rows) };
      expect(diff).toEqual({ table, onlyBefore: [], onlyAfter: [] });
      expect(now, table).toEqual(rows);
    }
    // Not a vacuous comparison: every table holds rows, and every column of a merged table holds a
    // value that is not its neutral one somewhere.
    for (const [table, rows] of old) expect(rows.length, table).toBeGreaterThan(0);
    for (const table of mergedTables) {
      const rows = old.get(table) ?? [];
      for (const column of Object.keys(rows[0] ?? {}))
        expect(
          rows.some((r) => !neutral(r[column])),
          `${table}.${column}`,
        ).toBe(true);
    }
  });

  it("gives the same reports", async () => {
    await use(before);
    const old = roundFloats(await everyReport(warehouse));
    await use(after);
    const merged = roundFloats(await everyReport(warehouse));
    expect(merged).toEqual(old);
  });

  it("would see one dropped or changed rollup row", async () => {
    // The comparison's own check: a single extra partial row (one more handled contact in one
    // interval) or one changed ticket field must change the folded state.
    await use(after);
    const intervals = await foldQuery(warehouse, after, "queue_intervals");
    const tickets = await foldQuery(warehouse, after, "tickets");
    if (intervals === undefined || tickets === undefined) throw new Error("no fold for the rollups");
    const cleanIntervals = await warehouse.query(intervals);
    const cleanTickets = await warehouse.query(tickets);
    await warehouse.command(
      "INSERT INTO queue_intervals (tenant, queue_id, channel, interval_start, handled) " +
        "SELECT tenant, queue_id, channel, interval_start, 1 FROM queue_intervals LIMIT 1",
    );
    await warehouse.command(
      "INSERT INTO tickets (tenant, ticket_number, close_reason) SELECT tenant, ticket_number, 'zz' FROM tickets LIMIT 1",
    );
    expect(await warehouse.query(intervals)).not.toEqual(cleanIntervals);
    expect(await warehouse.query(tickets)).not.toEqual(cleanTickets);
  });
});
