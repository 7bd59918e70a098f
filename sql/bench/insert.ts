import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessEventLog, type LogRecord } from "@starboard/core";
import type { Warehouse } from "../src/client";
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

/**
 * The log's records as raw_events JSONCompactEachRow lines (not timed): the fastest form of these rows
 * measured for a raw insert (src/sink/README.md). The sink sends the events' own JSON to
 * raw_event_input instead, which costs ClickHouse more and JavaScript much less.
 */
export async function rawLines(log: InProcessEventLog, topic: string, count: number): Promise<string[]> {
  const records: LogRecord[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const subscription = await log.subscribe({
    groupId: "bench-raw-reader",
    topics: [topic],
    maxBatchSize: 20_000,
    handler: async (batch) => {
      records.push(...batch.records);
      if (records.length >= count) done();
    },
  });
  await all;
  await subscription.stop();
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

/**
 * The floor: the same lines straight into raw_events (every view fires) through the fastest insert
 * path measured (chdb's zero-copy Buffer insert of JSONCompactEachRow, see src/sink/README.md), in
 * batches of `batch`, no dedup lookup. insert_deduplicate = 0: a repeated run must not be "fast"
 * because ClickHouse dropped blocks it had already seen. Rows per second.
 */
export async function timeRawInsert(
  warehouse: Warehouse,
  lines: readonly string[],
  batch: number,
): Promise<number> {
  const started = performance.now();
  for (let at = 0; at < lines.length; at += batch) {
    await warehouse.insertRows({
      table: "raw_events",
      columns: rawEventColumns,
      body: `${lines.slice(at, at + batch).join("\n")}\n`,
      settings: { ...rawEventInsertSettings, parallel_view_processing: 1, insert_deduplicate: 0 },
    });
  }
  return lines.length / ((performance.now() - started) / 1000);
}

/** The real sink from the log's first offset until every event is written; events per second. */
export async function timeSink(
  log: InProcessEventLog,
  warehouse: Warehouse,
  count: number,
  maxRows: number,
): Promise<number> {
  const started = performance.now();
  // With its pending-write file, as `starboard start` runs it: one file write and fsync per insert.
  const pendingDir = mkdtempSync(join(tmpdir(), "starboard-bench-sink-pending-"));
  const sink = await startSink({
    log,
    warehouse,
    groupId: "bench-sink",
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
