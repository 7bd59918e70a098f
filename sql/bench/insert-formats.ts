import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { publishEvents, standardTopics, Topics } from "@starboard/core";
import { type RawInsertFormat, Session } from "chdb";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import {
  convertRecord,
  eventInputBody,
  eventInputColumns,
  eventInputSettings,
  eventInputTable,
  type RawEventRow,
  rawEventColumns,
  rawEventInsertSettings,
} from "../src/sink/index";
import { benchDay } from "./events";
import { compactLines, engineBatches, openLog, readRecords } from "./insert";
import { encodeRowBinary } from "./row-binary";

// The insert paths issue 5 asks about, on the bench day's rows into raw_events with every view (and,
// with --bare, into a raw_events without views: the parse alone). Profiling aid, not a benchmark row:
//   npx tsx sql/bench/insert-formats.ts [events] [batch] [rounds] [--bare] [--only=name,name]
// (--only: the first path, the reference, and those whose name holds one of the given strings)
// Each round takes every path once, in a rotating order, so the machine's load lands on all alike;
// each figure is the median over rounds of the wall time and the process CPU (chdb's threads included)
// for all rows, and, for the paths that need it, the JavaScript that makes the payload from the
// events (timed apart). chdb's raw insert takes text formats only (JSONEachRow, JSONCompactEachRow,
// TSV, CSV); the binary ones (RowBinary, Native, Arrow, Parquet) go through a file and
// `INSERT ... FROM INFILE`, which a server mirrors as the same bytes in the HTTP body. Since
// 2026-12-01 the warehouse client's inserts on chdb go through a file too (src/client.ts).

interface InsertPath {
  name: string;
  /** The payloads, one per batch (not timed here). */
  payloads: Buffer[];
  /** One batch's insert. */
  insert(payload: Buffer, batch: number): Promise<void>;
}

const settings = { parallel_view_processing: 1, insert_deduplicate: 0 } as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function settingsSql(extra: Record<string, string | number>): string {
  return Object.entries({ ...settings, ...extra })
    .map(([k, v]) => `${k} = ${typeof v === "number" ? v : `'${v}'`}`)
    .join(", ");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const bare = args.includes("--bare");
  const [events = 200_000, batch = 100_000, rounds = 5] = args.filter((a) => !a.startsWith("--")).map(Number);
  const dir = mkdtempSync(join(tmpdir(), "starboard-insert-formats-"));
  const warehouse = await createWarehouseClient({ dataDir: dir, url: "", database: "formats" });
  const session = new Session(join(dir, "warehouse"));
  const log = await openLog(join(dir, "log"));
  try {
    await migrate(warehouse, {});
    if (bare) {
      // Only raw_events and the input table's rename: no view of raw_events fires.
      for (const view of await warehouse.query<{ name: string }>(
        "SELECT name FROM system.tables WHERE database = 'formats' AND engine = 'MaterializedView' AND name != 'raw_event_input_to_raw_events'",
      ))
        await warehouse.command(`DROP VIEW ${view.name}`);
    }
    await log.ensureTopics(standardTopics(8));
    await publishEvents(log, benchDay(events));
    const records = await readRecords(log, Topics.events, events);
    const batches = Math.ceil(events / batch);
    const slices = <T>(all: readonly T[]) =>
      Array.from({ length: batches }, (_, b) => all.slice(b * batch, (b + 1) * batch));

    const jsStarted = process.cpuUsage();
    const lines = compactLines(records);
    const compactPayloads = slices(lines).map((part) => Buffer.from(`${part.join("\n")}\n`));
    const compactJs = process.cpuUsage(jsStarted);
    const objectsStarted = process.cpuUsage();
    const rows = records.map((record) => {
      const converted = convertRecord(record);
      if (!converted.ok) throw new Error(converted.reason);
      return converted.row;
    });
    const ingestedAt = new Date().toISOString().slice(0, 23).replace("T", " ");
    const objectPayloads = slices<RawEventRow>(rows).map((part) => eventInputBody(part, ingestedAt));
    const objectsJs = process.cpuUsage(objectsStarted);
    const binaryStarted = process.cpuUsage();
    const rowBinaryPayloads = slices(records).map((part) => encodeRowBinary(part, ingestedAt));
    const rowBinaryJs = process.cpuUsage(binaryStarted);
    const us = (used: NodeJS.CpuUsage) => ((used.user + used.system) / events).toFixed(2);
    console.log(
      `JavaScript per event to make the payload: compact lines ${us(compactJs)} us, the sink's objects ` +
        `${us(objectsJs)} us, RowBinary ${us(rowBinaryJs)} us`,
    );

    const fileDir = join(dir, "payloads");
    mkdirSync(fileDir);
    const fromFile =
      (
        format: string,
        table = "raw_events",
        columns: readonly string[] = rawEventColumns,
        extra = {},
      ): InsertPath["insert"] =>
      async (payload, b) => {
        const file = join(fileDir, `insert-${b}.${format}`);
        writeFileSync(file, payload);
        await warehouse.command(
          `INSERT INTO ${table} (${columns.join(", ")}) FROM INFILE '${file}' ` +
            `SETTINGS ${settingsSql(extra)} FORMAT ${format}`,
        );
      };
    // One format at a time: engineBatches stages the rows in one scratch table.
    const engineMade: InsertPath[] = [];
    for (const format of ["RowBinary", "Native", "Arrow", "Parquet"]) {
      const made = await engineBatches(warehouse, lines, batch, fileDir, format);
      engineMade.push({
        name: `${format} (made by the engine), from a file`,
        payloads: made.map((m) => m.body),
        insert: fromFile(format),
      });
    }
    /** chdb's raw insert: the Buffer handed over as it is. */
    const fromBuffer =
      (
        table: string,
        columns: readonly string[],
        format: RawInsertFormat,
        extra: Record<string, string | number>,
      ): InsertPath["insert"] =>
      async (payload) => {
        const target = { table: `formats.${table}`, columns: [...columns], format };
        await session.insert({ ...target, values: payload, settings: { ...extra, ...settings } });
      };
    const paths: InsertPath[] = [
      {
        name: "JSONCompactEachRow, chdb's raw insert of a Buffer (the bench's reference until 2026-12-01)",
        payloads: compactPayloads,
        insert: fromBuffer("raw_events", rawEventColumns, "JSONCompactEachRow", rawEventInsertSettings),
      },
      {
        name: "JSONEachRow objects into raw_event_input, chdb's raw insert of a Buffer (the sink until 2026-12-01)",
        payloads: objectPayloads,
        insert: fromBuffer(eventInputTable, eventInputColumns, "JSONEachRow", eventInputSettings),
      },
      {
        name: "JSONCompactEachRow, streaming insert (8 MiB chunks)",
        payloads: compactPayloads,
        insert: async (payload) => {
          await session.insert({
            table: "formats.raw_events",
            columns: [...rawEventColumns],
            format: "JSONCompactEachRow",
            values: (async function* () {
              yield payload;
            })(),
            settings: { ...rawEventInsertSettings, ...settings },
          });
        },
      },
      {
        name: "JSONCompactEachRow, from a file",
        payloads: compactPayloads,
        insert: fromFile("JSONCompactEachRow"),
      },
      {
        name: "JSONEachRow objects into raw_event_input, from a file (the sink)",
        payloads: objectPayloads,
        insert: fromFile("JSONEachRow", eventInputTable, eventInputColumns, eventInputSettings),
      },
      {
        name: "JSONEachRow objects into raw_event_input, from a file, no parallel parsing",
        payloads: objectPayloads,
        insert: fromFile("JSONEachRow", eventInputTable, eventInputColumns, {
          ...eventInputSettings,
          input_format_parallel_parsing: 0,
        }),
      },
      {
        name: "RowBinary (made in JavaScript), from a file",
        payloads: rowBinaryPayloads,
        insert: fromFile("RowBinary"),
      },
      ...engineMade,
    ];
    const only = args
      .find((a) => a.startsWith("--only="))
      ?.slice("--only=".length)
      .split(",");
    if (only !== undefined)
      paths.splice(1, paths.length, ...paths.slice(1).filter((p) => only.some((o) => p.name.includes(o))));
    for (const path of paths)
      console.log(
        `${path.name}: ${(path.payloads.reduce((n, p) => n + p.length, 0) / events).toFixed(0)} bytes per row`,
      );

    const wall = paths.map((): number[] => []);
    const cpu = paths.map((): number[] => []);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < paths.length; k++) {
        const index = (k + round) % paths.length;
        const path = paths[index] as InsertPath;
        await warehouse.command("TRUNCATE TABLE raw_events");
        const cpuStarted = process.cpuUsage();
        const started = performance.now();
        for (let b = 0; b < path.payloads.length; b++) await path.insert(path.payloads[b] as Buffer, b);
        wall[index]?.push(performance.now() - started);
        const used = process.cpuUsage(cpuStarted);
        cpu[index]?.push((used.user + used.system) / 1000);
        const [stored] = await warehouse.query<{ n: string }>("SELECT count() AS n FROM raw_events");
        if (Number(stored?.n) !== events) throw new Error(`${path.name}: ${stored?.n} rows of ${events}`);
      }
      console.error(`round ${round + 1} of ${rounds} done, load average ${loadavg()[0]?.toFixed(1)}`);
    }
    const reference = median(wall[0] ?? []);
    console.log(
      `\n${events} rows in ${batch}-row inserts, ${bare ? "raw_events without views" : "every view"}, medians of ${rounds}:`,
    );
    for (let i = 0; i < paths.length; i++) {
      const ms = median(wall[i] ?? []);
      console.log(
        `  ${paths[i]?.name}: ${ms.toFixed(0)} ms (${((events / ms) * 1000).toFixed(0)} rows/s, ` +
          `${(ms / reference).toFixed(2)}x the reference's time), CPU ${((median(cpu[i] ?? []) * 1000) / events).toFixed(1)} us per row`,
      );
    }
  } finally {
    await log.close();
    session.close();
    await warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
