// What the sink may spend beside the insert, on this machine: the bench day through the raw Native
// insert, the sink, and the log read alone, each with its wall time and the process's CPU (every
// thread, chdb's included) and the main thread's. Not a bench row: a measurement for the sink's
// README. Run: npx tsx sql/bench/cpu-budget.ts [events] [rounds]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publishEvents, standardTopics, Topics } from "@starboard/core";
import { mainThreadCpuSeconds, processCpuSeconds } from "@starboard/core/bench";
import { createWarehouseClient } from "../src/client";
import { migrate } from "../src/migrate";
import { benchDay } from "./events";
import {
  engineBatches,
  openLog,
  rawLines,
  readRecords,
  timeRawInsert,
  timeSink,
  truncateAll,
} from "./insert";

const count = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 3);

interface Cost {
  wallSeconds: number;
  processCpuSeconds: number;
  mainCpuSeconds: number;
}

async function measured(work: () => Promise<unknown>): Promise<Cost> {
  const cpu = processCpuSeconds();
  const main = mainThreadCpuSeconds();
  const started = performance.now();
  await work();
  return {
    wallSeconds: (performance.now() - started) / 1000,
    processCpuSeconds: processCpuSeconds() - cpu,
    mainCpuSeconds: mainThreadCpuSeconds() - main,
  };
}

function line(label: string, cost: Cost): string {
  const us = (seconds: number) => ((seconds / count) * 1e6).toFixed(1).padStart(6);
  return `${label.padEnd(22)} ${(count / cost.wallSeconds / 1000).toFixed(1).padStart(6)}k/s  process ${us(cost.processCpuSeconds)} us/event (${(cost.processCpuSeconds / cost.wallSeconds).toFixed(2)} cores)  main ${us(cost.mainCpuSeconds)} us/event`;
}

const dir = mkdtempSync(join(tmpdir(), "starboard-cpu-budget-"));
try {
  const warehouse = await createWarehouseClient({ dataDir: dir, url: "", database: "bench" });
  await migrate(warehouse);
  const log = await openLog(join(dir, "log"));
  await log.ensureTopics(standardTopics(8));
  await publishEvents(log, benchDay(count));
  const lines = await rawLines(log, Topics.events, count);
  const native = (await engineBatches(warehouse, lines, 100_000, dir)).map((b) => ({
    ...b,
    format: "Native" as const,
  }));
  for (let round = 0; round < rounds; round++) {
    const raw = await measured(() => timeRawInsert(warehouse, native));
    await truncateAll(warehouse);
    const read = await measured(() => readRecords(log, Topics.events, count, `budget-read-${round}`));
    const sink = await measured(() => timeSink(log, warehouse, count, 100_000, `budget-sink-${round}`));
    const [stored] = await warehouse.query<{ n: string }>("SELECT count() AS n FROM raw_events");
    if (Number(stored?.n) !== count) throw new Error(`the sink stored ${stored?.n} of ${count} rows`);
    await truncateAll(warehouse);
    console.log(`round ${round + 1}`);
    console.log(line("raw Native insert", raw));
    console.log(line("log read alone", read));
    console.log(line("sink", sink));
    console.log(`  sink/raw ${(raw.wallSeconds / sink.wallSeconds).toFixed(2)}x`);
  }
  await log.close();
  await warehouse.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
