import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { publishEvents, standardTopics, Topics } from "@starboard/core";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { listMigrations } from "../src/migrations";
import { rawEventColumns, rawEventInsertSettings } from "../src/sink/index";
import { benchDay } from "./events";
import { openLog, rawLines } from "./insert";

// What the materialized views on raw_events cost the insert, in process CPU ms. Profiling aid for
// the sink target, not a benchmark row:
//   npx tsx sql/bench/view-costs.ts [events] [batch] [runs] [--totals] [--fixed [inserts]] [--upto N]
//     [--against N]
// - per row: the bench day's rows into raw_events in `batch`-row inserts with every view, with none,
//   and (unless --totals) with each view alone (views fed by another view come along with theirs);
// - --fixed: the cost every insert pays whatever its size, as the median CPU of `inserts` 1-row
//   inserts with every view and with none (the sink inserts about once a second, so this is paid
//   even when traffic is light);
// - --upto N: the schema of migrations 0001..N only, to compare a view change with what it replaced;
// - --against N: that comparison in one process, interleaved: the schema up to N and the full one in
//   two databases, each sample taken on one then the other (order alternating), so the other
//   engineers' load falls on both alike; prints both medians and the median of the paired ratios.
// Each figure is the median of `runs` (the machine is shared: other engineers' load moves the wall
// clock by 2x between runs, the CPU spent on the insert far less, but not nothing).

interface View {
  name: string;
  create: string;
}

interface Options {
  events: number;
  batch: number;
  runs: number;
  totals: boolean;
  fixedInserts: number | undefined;
  upto: number | undefined;
  against: number | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const positional: number[] = [];
  const options: Options = {
    events: 100_000,
    batch: 20_000,
    runs: 3,
    totals: false,
    fixedInserts: undefined,
    upto: undefined,
    against: undefined,
  };
  const count = (flag: string, text: string | undefined, fallback?: number): number => {
    const value = text === undefined || text.startsWith("--") ? fallback : Number(text);
    if (value === undefined || !Number.isInteger(value) || value < 1)
      throw new Error(`view-costs: ${flag} needs a whole number >= 1, got ${text ?? "nothing"}`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--totals") options.totals = true;
    else if (arg === "--fixed") {
      const next = argv[i + 1];
      options.fixedInserts = count("--fixed", next, 60);
      if (next !== undefined && !next.startsWith("--")) i++;
    } else if (arg === "--upto") options.upto = count("--upto", argv[++i]);
    else if (arg === "--against") options.against = count("--against", argv[++i]);
    else positional.push(count(`argument ${i + 1}`, arg));
  }
  const [events, batch, runs] = positional;
  return {
    ...options,
    events: events ?? options.events,
    batch: batch ?? options.batch,
    runs: runs ?? options.runs,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** CPU ms of the whole process (chdb runs in it, on its own threads) spent on `fn`. */
async function cpuMs(fn: () => Promise<void>): Promise<number> {
  const started = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function insert(warehouse: Warehouse, lines: readonly string[]): Promise<void> {
  await warehouse.insertRows({
    table: "raw_events",
    columns: rawEventColumns,
    body: `${lines.join("\n")}\n`,
    // As the sink writes (views in parallel), without the dedup the repeated bench rows would hit.
    settings: { ...rawEventInsertSettings, parallel_view_processing: 1, insert_deduplicate: 0 },
  });
}

/** CPU ms of inserting all lines in `batch`-row inserts into an emptied raw_events. */
async function onePass(warehouse: Warehouse, lines: readonly string[], batch: number): Promise<number> {
  await warehouse.command("TRUNCATE TABLE raw_events");
  return cpuMs(async () => {
    for (let at = 0; at < lines.length; at += batch) await insert(warehouse, lines.slice(at, at + batch));
  });
}

/** Median CPU ms of inserting all lines in `batch`-row inserts. */
async function perRowCost(warehouse: Warehouse, lines: readonly string[], o: Options): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < o.runs; r++) samples.push(await onePass(warehouse, lines, o.batch));
  return median(samples);
}

/** CPU ms of one 1-row insert; the i-th picks rows of every type in turn. */
function oneRowInsert(warehouse: Warehouse, lines: readonly string[], i: number): Promise<number> {
  const line = lines[(i * 7919) % lines.length] ?? "";
  return cpuMs(() => insert(warehouse, [line]));
}

/** Median CPU ms of one 1-row insert, and the spread of the samples. */
async function fixedCost(warehouse: Warehouse, lines: readonly string[], inserts: number) {
  const samples: number[] = [];
  for (let i = 0; i < inserts; i++) samples.push(await oneRowInsert(warehouse, lines, i));
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
  return { median: median(samples), p10: at(0.1), p90: at(0.9) };
}

/**
 * --against: the schema up to `against` (database costs_before) beside the full one (costs), each
 * sample taken on both, in alternating order, so load that comes and goes lands on both alike.
 */
async function compare(warehouse: Warehouse, lines: readonly string[], o: Options, against: number) {
  const databases = ["costs_before", "costs"];
  const use = (database: string | undefined) => warehouse.command(`USE ${database ?? "costs"}`);
  await warehouse.command("CREATE DATABASE IF NOT EXISTS costs_before");
  await use("costs_before");
  await migrate(warehouse, { migrations: listMigrations().filter((m) => m.version <= against) });
  const views: number[] = [];
  for (const database of databases) {
    await use(database);
    views.push((await viewsOnRawEvents(warehouse)).length);
  }
  const paired = async (n: number, sample: (i: number) => Promise<number>) => {
    const taken: [number[], number[]] = [[], []];
    for (let i = 0; i < n; i++) {
      for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
        await use(databases[k]);
        taken[k === 0 ? 0 : 1].push(await sample(i));
      }
    }
    const [before, after] = taken;
    const ratios = after.map((ms, i) => ms / (before[i] ?? ms));
    return `median ${median(before).toFixed(1)} -> ${median(after).toFixed(1)} CPU ms, paired ratio ${median(ratios).toFixed(2)}`;
  };
  console.log(`views on raw_events: up to ${against} ${views[0]}, all migrations ${views[1]}`);
  console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
  const rows = await paired(o.runs, () => onePass(warehouse, lines, o.batch));
  console.log(`${o.events} rows in ${o.batch}-row batches, ${o.runs} pairs: ${rows}`);
  const inserts = o.fixedInserts ?? 60;
  const fixed = await paired(inserts, (i) => oneRowInsert(warehouse, lines, i));
  console.log(`1-row inserts, ${inserts} pairs: ${fixed} per insert`);
  console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
}

async function viewsOnRawEvents(warehouse: Warehouse): Promise<View[]> {
  const [source] = await warehouse.query<{ views: string[] }>(
    "SELECT dependencies_table AS views FROM system.tables WHERE database = currentDatabase() AND name = 'raw_events'",
  );
  const views: View[] = [];
  for (const name of source?.views ?? []) {
    const [row] = await warehouse.query<{ create: string }>(
      "SELECT create_table_query AS create FROM system.tables WHERE database = currentDatabase() AND name = {name:String}",
      { name },
    );
    if (row !== undefined) views.push({ name, create: row.create });
  }
  return views;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), "starboard-view-costs-"));
  const warehouse = await createWarehouseClient({ dataDir: dir, url: "", database: "costs" });
  const log = await openLog(join(dir, "log"));
  try {
    const upto = o.against === undefined ? o.upto : undefined;
    const migrations = listMigrations().filter((m) => upto === undefined || m.version <= upto);
    await migrate(warehouse, { migrations });
    await log.ensureTopics(standardTopics(8));
    await publishEvents(log, benchDay(o.events));
    const lines = await rawLines(log, Topics.events, o.events);
    if (o.against !== undefined) return await compare(warehouse, lines, o, o.against);
    const views = await viewsOnRawEvents(warehouse);
    const schema = migrations.at(-1)?.name ?? "none";
    console.log(
      `schema up to ${schema}; ${views.length} views on raw_events; load average ${loadavg()[0]?.toFixed(1)}`,
    );
    const perRow = (ms: number) => ((ms * 1000) / o.events).toFixed(2);
    const report = (label: string, ms: number) =>
      console.log(`${label}: ${ms.toFixed(0)} CPU ms (${perRow(ms)} us/row)`);
    const fixed = async (label: string) => {
      if (o.fixedInserts === undefined) return;
      const f = await fixedCost(warehouse, lines, o.fixedInserts);
      console.log(
        `${label}, 1-row inserts: median ${f.median.toFixed(1)} CPU ms per insert (p10 ${f.p10.toFixed(1)}, p90 ${f.p90.toFixed(1)}, ${o.fixedInserts} inserts)`,
      );
    };
    console.log(`${o.events} rows in ${o.batch}-row batches, median of ${o.runs}`);
    report(`all ${views.length} views`, await perRowCost(warehouse, lines, o));
    await fixed(`all ${views.length} views`);
    for (const view of views) await warehouse.command(`DROP VIEW ${view.name}`);
    const none = await perRowCost(warehouse, lines, o);
    report("no view", none);
    await fixed("no view");
    if (o.totals) return;
    // With --fixed, each view's share of a 1-row insert too (its median against no view's).
    const noneFixed =
      o.fixedInserts === undefined ? 0 : (await fixedCost(warehouse, lines, o.fixedInserts)).median;
    const costs: { name: string; ms: number; fixedMs: number }[] = [];
    for (const view of views) {
      await warehouse.command(view.create);
      const ms = (await perRowCost(warehouse, lines, o)) - none;
      const fixedMs =
        o.fixedInserts === undefined
          ? 0
          : (await fixedCost(warehouse, lines, o.fixedInserts)).median - noneFixed;
      costs.push({ name: view.name, ms, fixedMs });
      await warehouse.command(`DROP VIEW ${view.name}`);
    }
    costs.sort((a, b) => b.ms - a.ms);
    for (const c of costs) {
      const fixedText = o.fixedInserts === undefined ? "" : `\t+${c.fixedMs.toFixed(1)} ms per 1-row insert`;
      console.log(`${c.name}\t+${c.ms.toFixed(0)} ms\t${perRow(c.ms)} us/row${fixedText}`);
    }
    const sum = (pick: (c: { ms: number; fixedMs: number }) => number) =>
      costs.reduce((total, c) => total + pick(c), 0).toFixed(0);
    console.log(
      `sum of single-view costs: ${sum((c) => c.ms)} ms, per 1-row insert ${sum((c) => c.fixedMs)} ms`,
    );
  } finally {
    await log.close();
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
