import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessEventLog, type LogRecord } from "@starboard/core";
import type { InsertFormat, Warehouse } from "../src/client";
import {
  checkedEvent,
  clickhouseTime,
  rawEventColumns,
  rawEventInsertSettings,
  startSink,
} from "../src/sink/index";

export async function openLog(dataDir: string): Promise<InProcessEventLog> {
  return new InProcessEventLog({ dataDir });
}

/** The log's first `count` records (not timed). */
export async function readRecords(
  log: InProcessEventLog,
  topic: string,
  count: number,
  groupId = "bench-raw-reader",
): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const subscription = await log.subscribe({
    groupId,
    topics: [topic],
    maxBatchSize: 20_000,
    handler: async (batch) => {
      records.push(...batch.records);
      if (records.length >= count) done();
    },
  });
  await all;
  await subscription.stop();
  return records;
}

/**
 * The log's records as raw_events JSONCompactEachRow lines (not timed): the raw reference's text rows,
 * from which engineBatches makes the fastest form measured (src/sink/README.md, "The insert path").
 */
export async function rawLines(log: InProcessEventLog, topic: string, count: number): Promise<string[]> {
  return compactLines(await readRecords(log, topic, count));
}

/** Records as raw_events JSONCompactEachRow lines, with one write time for all. */
export function compactLines(records: readonly LogRecord[]): string[] {
  const ingestedAt = clickhouseTime(new Date().toISOString());
  return records.map((record) => {
    const checked = checkedEvent(record);
    if (!checked.ok) throw new Error(`bench event did not convert: ${checked.reason}`);
    const event = checked.event;
    return JSON.stringify([
      event.id,
      event.type,
      event.version,
      clickhouseTime(event.time),
      event.tenant,
      event.source,
      event.channel ?? "",
      event.contactId ?? "",
      event.agentId ?? "",
      event.data,
      record.topic,
      record.partition,
      record.offset,
      ingestedAt,
    ]);
  });
}

/** One raw insert's rows, ready to go (not timed). */
export interface RawBatch {
  body: Buffer;
  format: InsertFormat;
  rows: number;
}

/** The lines as JSONCompactEachRow bodies of `batch` rows. */
export function compactBatches(lines: readonly string[], batch: number): RawBatch[] {
  const batches: RawBatch[] = [];
  for (let at = 0; at < lines.length; at += batch) {
    const part = lines.slice(at, at + batch);
    batches.push({
      body: Buffer.from(`${part.join("\n")}\n`),
      format: "JSONCompactEachRow",
      rows: part.length,
    });
  }
  return batches;
}

/**
 * The same rows in a format the engine writes (Native by default: the fastest raw insert measured,
 * sql/bench/insert-formats.ts, half the time of JSONCompactEachRow for the bench day), in bodies of
 * `batch` rows. Made by the engine from the lines, through a scratch table and files in `dir` (chdb only).
 */
export async function engineBatches(
  warehouse: Warehouse,
  lines: readonly string[],
  batch: number,
  dir: string,
  format = "Native",
): Promise<{ body: Buffer; rows: number }[]> {
  // raw_events' own column types (LowCardinality included), and each line's place in the log.
  await warehouse.command(
    "CREATE TABLE bench_engine_rows ENGINE = MergeTree ORDER BY seq AS SELECT toUInt64(0) AS seq, * FROM raw_events LIMIT 0",
  );
  try {
    await warehouse.insertRows({
      table: "bench_engine_rows",
      columns: ["seq", ...rawEventColumns],
      body: `${lines.map((line, i) => `[${i},${line.slice(1)}`).join("\n")}\n`,
      settings: rawEventInsertSettings,
    });
    const batches: { body: Buffer; rows: number }[] = [];
    for (let at = 0; at < lines.length; at += batch) {
      const file = join(dir, `bench-${format}-${at}.bin`);
      await warehouse.command(
        `INSERT INTO FUNCTION file({file:String}, ${format}) SELECT ${rawEventColumns.join(", ")} FROM bench_engine_rows ` +
          `WHERE seq >= ${at} AND seq < ${at + batch} ORDER BY seq SETTINGS engine_file_truncate_on_insert = 1`,
        { file },
      );
      batches.push({ body: readFileSync(file), rows: Math.min(batch, lines.length - at) });
      rmSync(file);
    }
    return batches;
  } finally {
    await warehouse.command("DROP TABLE bench_engine_rows");
  }
}

/**
 * The floor: the same rows straight into raw_events (every view fires), no dedup lookup, through the
 * warehouse's insert (on chdb, each body from a file: src/client.ts). insert_deduplicate = 0: a
 * repeated run must not be "fast" because ClickHouse dropped blocks it had already seen. Rows per second.
 */
export async function timeRawInsert(warehouse: Warehouse, batches: readonly RawBatch[]): Promise<number> {
  const started = performance.now();
  let rows = 0;
  for (const { body, format, rows: batchRows } of batches) {
    await warehouse.insertRows({
      table: "raw_events",
      columns: rawEventColumns,
      body,
      format,
      settings: { ...rawEventInsertSettings, parallel_view_processing: 1, insert_deduplicate: 0 },
    });
    rows += batchRows;
  }
  return rows / ((performance.now() - started) / 1000);
}

/** The real sink from the log's first offset until every event is written; events per second. */
export async function timeSink(
  log: InProcessEventLog,
  warehouse: Warehouse,
  count: number,
  maxRows: number,
  groupId = "bench-sink",
): Promise<number> {
  const started = performance.now();
  // With its pending-write file, as `starboard start` runs it: one file write and fsync per insert.
  const pendingDir = mkdtempSync(join(tmpdir(), "starboard-bench-sink-pending-"));
  const sink = await startSink({
    log,
    warehouse,
    groupId,
    maxRows,
    maxDelayMs: 200,
    pendingDir,
  });
  while (sink.stats.written + sink.stats.duplicates < count) await new Promise((r) => setTimeout(r, 2));
  const seconds = (performance.now() - started) / 1000;
  await sink.stop();
  rmSync(pendingDir, { recursive: true, force: true });
  if (sink.stats.written !== count) throw new Error(`sink wrote ${sink.stats.written} of ${count}`);
  return count / seconds;
}

/** Empties every table (views stay; a Null table holds nothing): each insert run starts from the same empty warehouse. */
export async function truncateAll(warehouse: Warehouse): Promise<void> {
  const tables = await warehouse.query<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT IN ('MaterializedView', 'Null') AND name != 'starboard_migrations'",
  );
  for (const { name } of tables)
    await warehouse.command("TRUNCATE TABLE {table:Identifier}", { table: name });
}
