import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publishEvents, standardTopics, Topics } from "@starboard/core";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { rawEventColumns, rawEventInsertSettings } from "../src/sink/index";
import { benchDay } from "./events";
import { openLog, rawLines } from "./insert";

// What each materialized view on raw_events costs the insert: the bench day's rows into raw_events
// with no view, with each view alone, and with all of them (views fed by another view come along
// with theirs), in CPU ms. Profiling aid for the sink target, not a benchmark row:
//   npx tsx sql/bench/view-costs.ts [events] [batch] [runs]

interface View {
  name: string;
  create: string;
}

async function timeInsert(warehouse: Warehouse, lines: readonly string[], batch: number): Promise<number> {
  await warehouse.command("TRUNCATE TABLE raw_events");
  // CPU time of the whole process (chdb runs in it, on its own threads): other engineers' load on the
  // shared cores moves the wall clock by 2x between runs, the CPU spent on this insert far less.
  const started = process.cpuUsage();
  for (let at = 0; at < lines.length; at += batch) {
    await warehouse.insertCompact({
      table: "raw_events",
      columns: rawEventColumns,
      body: `${lines.slice(at, at + batch).join("\n")}\n`,
      settings: { ...rawEventInsertSettings, parallel_view_processing: 1, insert_deduplicate: 0 },
    });
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Best of `runs` (the machine is shared: the minimum is the least disturbed). */
async function best(runs: number, fn: () => Promise<number>): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) min = Math.min(min, await fn());
  return min;
}

async function main(): Promise<void> {
  const [events = 100_000, batch = 20_000, runs = 2] = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(join(tmpdir(), "starboard-view-costs-"));
  const warehouse = await createWarehouseClient({ dataDir: dir, url: "", database: "costs" });
  const log = await openLog(join(dir, "log"));
  try {
    await migrate(warehouse);
    await log.ensureTopics(standardTopics(8));
    await publishEvents(log, benchDay(events));
    const lines = await rawLines(log, Topics.events, events);
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
    const all = await best(runs, () => timeInsert(warehouse, lines, batch));
    for (const view of views) await warehouse.command(`DROP VIEW ${view.name}`);
    const none = await best(runs, () => timeInsert(warehouse, lines, batch));
    const costs: { name: string; ms: number }[] = [];
    for (const view of views) {
      await warehouse.command(view.create);
      costs.push({
        name: view.name,
        ms: (await best(runs, () => timeInsert(warehouse, lines, batch))) - none,
      });
      await warehouse.command(`DROP VIEW ${view.name}`);
    }
    const perRow = (ms: number) => ((ms * 1000) / events).toFixed(2);
    console.log(`${events} rows in ${batch}-row batches, best of ${runs}`);
    console.log(`all ${views.length} views: ${all.toFixed(0)} CPU ms (${perRow(all)} us/row)`);
    console.log(`no view: ${none.toFixed(0)} CPU ms (${perRow(none)} us/row)`);
    costs.sort((a, b) => b.ms - a.ms);
    for (const c of costs) console.log(`${c.name}\t+${c.ms.toFixed(0)} ms\t${perRow(c.ms)} us/row`);
    console.log(`sum of single-view costs: ${costs.reduce((s, c) => s + c.ms, 0).toFixed(0)} ms`);
  } finally {
    await log.close();
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
