import { setImmediate as afterPendingWork } from "node:timers/promises";
import {
  type BatchContext,
  type EventLog,
  errorMessage,
  type RecordBatch,
  type Subscription,
  Topics,
  TransientError,
} from "@starboard/core";
import type { Warehouse } from "../client";
import { Batcher } from "./batcher";
import { PendingWrites } from "./pending";
import { convertRecord } from "./rows";
import { type Chunk, chunkWriter, finishPending, type SinkProblem, type WriteStats } from "./write";

export interface SinkOptions {
  log: EventLog;
  warehouse: Warehouse;
  groupId?: string;
  /** Rows per write (default 20,000) ... */
  maxRows?: number;
  /** ... or this long after the first pending row (default 1,000 ms; after a slow write, three times that write's duration, see batcher.ts). */
  maxDelayMs?: number;
  /** Told of each failed warehouse call before it is tried again, and of a pending file left (write.ts). */
  onProblem?: (problem: SinkProblem) => void;
  /** First retry delay, doubling up to 5 s (default 100 ms). */
  firstRetryMs?: number;
  /**
   * A directory where the write in progress is kept until ClickHouse acknowledged it, so that a
   * restart finishes it first (pending.ts; `starboard start` gives `<data dir>/sink`). Without one,
   * a process killed during a write that failed partway can leave some views short.
   */
  pendingDir?: string;
}

export interface SinkStats extends WriteStats {
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

/*
 * Exactly-once totals, and why two mechanisms:
 *
 * 1. Every write first drops events whose id is already in raw_events (dedup.ts), then inserts into
 *    raw_event_input, a Null table whose one view writes raw_events; every other table is a
 *    materialized view of raw_events, so one INSERT puts an event everywhere, and once it succeeded
 *    "id present in raw_events" means "counted everywhere" (an INSERT that fails can leave some
 *    tables written and not others; 2. completes it). This covers a
 *    duplicate published at another offset and a batch redelivered with different boundaries (the log
 *    re-reads from the committed offset, so a crash between write and commit can redeliver more or
 *    fewer records than were written). A partition's batches are written one at a time, and a
 *    duplicate shares its original's partition key, so the check never races its own original
 *    unless a batch was cut between two writes (splitChunk); that, and a copy on another partition
 *    sitting in the next write while its original's INSERT runs, is why the ids of the write in
 *    flight count as stored (write.ts).
 * 2. The INSERT carries insert_deduplication_token = sha256 of the batch's (topic, partition,
 *    first offset, last offset, the ids at both ends) list (the ids keep a log that starts again from
 *    offset 0 from reusing a remembered token), with deduplicate_blocks_in_dependent_materialized_views = 1 and
 *    non_replicated_deduplication_window on every table: a retry of a write whose acknowledgement was
 *    lost (server path timeout) is dropped by ClickHouse itself, views included. The token is always
 *    sent: without one, ClickHouse would dedupe view blocks by content, and two different batches
 *    that each add "1 offered to queue q in 09:15" produce identical view blocks. The same token
 *    completes a failed insert: the sink retries it with the same rows until it succeeds (write.ts
 *    says why not through the log's redelivery). A process killed meanwhile finishes it when it
 *    starts again, from the bytes and token kept in `pendingDir` (pending.ts).
 *
 * A ReplacingMergeTree keyed by event id was not chosen: it collapses raw rows at merge time but the
 * rollups are summed at insert time, so they would still double count; FINAL-free queries over
 * rollups need duplicates stopped before the insert.
 */
export async function startSink(options: SinkOptions): Promise<Sink> {
  const { log, warehouse } = options;
  const stats: SinkStats = { written: 0, duplicates: 0, deadLettered: 0, writes: 0, failedAttempts: 0 };
  const stopping = new AbortController();
  const groupId = options.groupId ?? "sql-sink";
  const writeOptions = {
    signal: stopping.signal,
    onProblem: options.onProblem,
    ...(options.firstRetryMs === undefined ? {} : { firstRetryMs: options.firstRetryMs }),
    pending: options.pendingDir === undefined ? undefined : new PendingWrites(options.pendingDir, groupId),
  };
  // Read now, so a damaged file stops the start with its reason; finished in the background, and
  // no batch is written before it (stop() aborts it like any retry).
  const leftovers = (await writeOptions.pending?.read()) ?? [];
  const finished = (async () => {
    for (const leftover of leftovers) await finishPending(warehouse, leftover, stats, writeOptions);
  })();
  finished.catch(() => {});
  const write = chunkWriter(warehouse, stats, writeOptions, (leftovers.at(-1)?.sequence ?? -1) + 1);
  const batcher = new Batcher<Chunk>(
    // Whatever fails in a write retries its batches, never dead-letters them: the events are good.
    (chunks) =>
      write(chunks).catch((error: unknown) => {
        throw error instanceof TransientError
          ? error
          : new TransientError(`warehouse write failed: ${errorMessage(error)}`);
      }),
    options.maxRows ?? 20_000,
    options.maxDelayMs ?? 1_000,
    (chunk) => chunk.rows.length,
    // Two writes at once: one inserting, the next preparing (write.ts). A partition's batch may be
    // cut between two writes, each of maxRows: whole batches left a backlog's writes short of it,
    // and the 200,000-event bench went as three inserts instead of two.
    { maxWrites: 2, split: splitChunk },
  );
  // A batch whose write fails is delivered again; its bad records were dead-lettered on the first
  // try. The highest offset dead-lettered per partition keeps them off the dead-letter topic the
  // second time (a restart can still repeat the one batch in flight: at least once, like the log).
  const deadLetteredThrough = new Map<string, number>();
  const handler = async (batch: RecordBatch, context: BatchContext) => {
    await whileBeating(finished, context).catch((error: unknown) => {
      throw new TransientError(`unfinished warehouse write: ${errorMessage(error)}`);
    });
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
    if (chunk.rows.length > 0) await whileBeating(batcher.add([chunk]), context);
    // Returning lets the log read this partition's next batch at once, on this thread, before the
    // next write's insert (waiting on the same write) has started; one turn of the event loop first
    // lets that insert start, and the read then overlaps it.
    await afterPendingWork();
  };
  const subscription: Subscription = await log.subscribe({
    groupId,
    topics: [Topics.events],
    handler,
    maxBatchSize: options.maxRows ?? 20_000,
  });
  return {
    stats,
    stop: async () => {
      // A write retrying against an absent warehouse gives up; its batches stay uncommitted.
      stopping.abort();
      await subscription.stop();
    },
  };
}

/**
 * A partition batch's first `rows` rows and the rest, each with its own offset range (the write's
 * token is made of them). The rest may go in the next write while the first part inserts: a copy
 * of one of its events in the first part is dropped by id there (the ids in flight count as stored).
 */
export function splitChunk(chunk: Chunk, rows: number): [Chunk, Chunk] {
  const head = chunk.rows.slice(0, rows);
  const tail = chunk.rows.slice(rows);
  const lastOfHead = head[head.length - 1];
  const firstOfTail = tail[0];
  if (lastOfHead === undefined || firstOfTail === undefined) {
    throw new Error(`a batch of ${chunk.rows.length} rows cannot be cut after ${rows}`);
  }
  return [
    { ...chunk, last: lastOfHead.record.offset, rows: head },
    { ...chunk, first: firstOfTail.record.offset, rows: tail },
  ];
}

/** Waits for the write holding a batch, keeping the group membership alive meanwhile (Kafka). */
async function whileBeating(written: Promise<void>, context: BatchContext): Promise<void> {
  const beat = setInterval(() => {
    context.heartbeat().catch(() => {});
  }, 3_000);
  try {
    await written;
  } finally {
    clearInterval(beat);
  }
}
