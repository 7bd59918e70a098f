import { createHash } from "node:crypto";
import {
  type BatchContext,
  type EventLog,
  errorMessage,
  type RecordBatch,
  type Subscription,
  sinkBatchRows,
  sinkWriteSeconds,
  Topics,
  TransientError,
} from "@starboard/core";
import type { Warehouse } from "../client";
import { Batcher } from "./batcher";
import { withoutStored } from "./dedup";
import { eventInputBody, eventInputColumns, eventInputSettings, eventInputTable } from "./input";
import { clickhouseTime, convertRecord, type RawEventRow, reserialized } from "./rows";

export interface SinkOptions {
  log: EventLog;
  warehouse: Warehouse;
  groupId?: string;
  /** Rows per write (default 20,000) ... */
  maxRows?: number;
  /** ... or this long after the first pending row (default 1,000 ms; after a slow write, three times that write's duration, see batcher.ts). */
  maxDelayMs?: number;
}

export interface SinkStats {
  /** Events written to raw_events (and through the views, everywhere). */
  written: number;
  /** Events dropped because the warehouse already had them (redelivery, duplicate publish). */
  duplicates: number;
  deadLettered: number;
  writes: number;
}

export interface Sink {
  readonly stats: SinkStats;
  stop(): Promise<void>;
}

/** One partition batch's convertible records, with the offsets of the first and last of them. */
interface Chunk {
  topic: string;
  partition: number;
  first: number;
  last: number;
  rows: RawEventRow[];
}

/*
 * Exactly-once totals, and why two mechanisms:
 *
 * 1. Every write first drops events whose id is already in raw_events (dedup.ts), then inserts into
 *    raw_event_input, a Null table whose one view writes raw_events; every other table is a
 *    materialized view of raw_events, so one INSERT puts an event
 *    everywhere or nowhere, and "id present in raw_events" means "counted everywhere". This covers a
 *    duplicate published at another offset and a batch redelivered with different boundaries (the log
 *    re-reads from the committed offset, so a crash between write and commit can redeliver more or
 *    fewer records than were written). A partition's batches are written one at a time, and a
 *    duplicate shares its original's partition key, so the check never races its own original.
 * 2. The INSERT carries insert_deduplication_token = sha256 of the batch's (topic, partition,
 *    first offset, last offset) list, with deduplicate_blocks_in_dependent_materialized_views = 1 and
 *    non_replicated_deduplication_window on every table: a retry of a write whose acknowledgement was
 *    lost (server path timeout) is dropped by ClickHouse itself, views included. The token is always
 *    sent: without one, ClickHouse would dedupe view blocks by content, and two different batches
 *    that each add "1 offered to queue q in 09:15" produce identical view blocks.
 *
 * A ReplacingMergeTree keyed by event id was not chosen: it collapses raw rows at merge time but the
 * rollups are summed at insert time, so they would still double count; FINAL-free queries over
 * rollups need duplicates stopped before the insert.
 */
export async function startSink(options: SinkOptions): Promise<Sink> {
  const { log, warehouse } = options;
  const stats: SinkStats = { written: 0, duplicates: 0, deadLettered: 0, writes: 0 };
  const batcher = new Batcher<Chunk>(
    (chunks) => write(warehouse, chunks, stats),
    options.maxRows ?? 20_000,
    options.maxDelayMs ?? 1_000,
    (chunk) => chunk.rows.length,
  );
  // A batch whose write fails is delivered again; its bad records were dead-lettered on the first
  // try. The highest offset dead-lettered per partition keeps them off the dead-letter topic the
  // second time (a restart can still repeat the one batch in flight: at least once, like the log).
  const deadLetteredThrough = new Map<string, number>();
  const handler = async (batch: RecordBatch, context: BatchContext) => {
    const chunk: Chunk = { topic: batch.topic, partition: batch.partition, first: -1, last: -1, rows: [] };
    const partition = `${batch.topic}/${batch.partition}`;
    for (const record of batch.records) {
      const converted = convertRecord(record);
      if (converted.ok) {
        chunk.rows.push(converted.row);
        if (chunk.first < 0) chunk.first = record.offset;
        chunk.last = record.offset;
      } else if (record.offset > (deadLetteredThrough.get(partition) ?? -1)) {
        await context.deadLetter(record, { reason: converted.reason, step: "sink.convert" });
        deadLetteredThrough.set(partition, record.offset);
        stats.deadLettered++;
      }
    }
    if (chunk.rows.length > 0) await batcher.add([chunk]);
  };
  const subscription: Subscription = await log.subscribe({
    groupId: options.groupId ?? "sql-sink",
    topics: [Topics.events],
    handler,
    maxBatchSize: options.maxRows ?? 20_000,
  });
  return { stats, stop: () => subscription.stop() };
}

async function write(warehouse: Warehouse, chunks: readonly Chunk[], stats: SinkStats): Promise<void> {
  // Timed whether it succeeds or not: a warehouse that is slow to refuse shows up too.
  const endTimer = sinkWriteSeconds.startTimer();
  let outcome: "ok" | "failed" = "ok";
  try {
    const rows = chunks.length === 1 ? (chunks[0] as Chunk).rows : chunks.flatMap((c) => c.rows);
    const fresh = await withoutStored(warehouse, rows);
    stats.duplicates += rows.length - fresh.length;
    if (fresh.length === 0) return;
    const token = batchToken(chunks);
    try {
      await insertEvents(warehouse, fresh, token);
    } catch (error) {
      if (!refusedTheRows(error)) throw error;
      // Same table and token: had the refused insert written any block, this one's copy is dropped.
      await insertEvents(warehouse, fresh.map(reserialized), token);
    }
    stats.written += fresh.length;
    stats.writes++;
    sinkBatchRows.observe(fresh.length);
  } catch (error) {
    outcome = "failed";
    // The warehouse is away or refused the write: the whole batch is retried, never dead-lettered.
    throw new TransientError(`warehouse write failed: ${errorMessage(error)}`);
  } finally {
    endTimer({ outcome });
  }
}

/**
 * One INSERT into raw_event_input (0021), whose view writes raw_events and, through raw_events' views,
 * every other table. Dedup settings: see the comment above startSink.
 */
async function insertEvents(
  warehouse: Warehouse,
  rows: readonly RawEventRow[],
  token: string,
): Promise<void> {
  await warehouse.insertRows({
    table: eventInputTable,
    columns: eventInputColumns,
    format: "JSONEachRow",
    body: eventInputBody(rows, clickhouseTime(new Date().toISOString())),
    settings: {
      ...eventInputSettings,
      // The views run in parallel (measured ~20% faster on 2 cores); the raw-insert benchmark uses it too.
      parallel_view_processing: 1,
      insert_deduplicate: 1,
      insert_deduplication_token: token,
      deduplicate_blocks_in_dependent_materialized_views: 1,
    },
  });
}

/**
 * ClickHouse could not parse the rows (as opposed to being away or failing): error codes of the
 * parse family, as chdb puts them in the message ("Code: 117. DB::Exception: ...") and the server
 * client in `code`. 117 INCORRECT_DATA is a repeated key; the others would be a checked event
 * ClickHouse reads differently, which the re-serialized rows then settle.
 */
const parseErrorCodes = new Set([6, 26, 27, 38, 41, 72, 117]);

function refusedTheRows(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // The server client's ClickHouseError has code "117"; chdb's errors carry their own code names.
  const code = Number((error as { code?: unknown }).code);
  const inMessage = Number(/\bCode: (\d+)\./.exec(error.message)?.[1]);
  return parseErrorCodes.has(code) || parseErrorCodes.has(inMessage);
}

/** sha256 of each partition's offset range in the write. */
function batchToken(chunks: readonly Chunk[]): string {
  const ranges = new Map<string, { first: number; last: number }>();
  for (const chunk of chunks) {
    const partition = `${chunk.topic}/${chunk.partition}`;
    const range = ranges.get(partition);
    if (range === undefined) ranges.set(partition, { first: chunk.first, last: chunk.last });
    else {
      range.first = Math.min(range.first, chunk.first);
      range.last = Math.max(range.last, chunk.last);
    }
  }
  const text = [...ranges.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, r]) => `${p}:${r.first}-${r.last}`)
    .join(",");
  return createHash("sha256").update(text).digest("hex");
}
