import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { errorMessage, sinkBatchRows, sinkWriteSeconds, TransientError } from "@starboard/core";
import type { Warehouse } from "../client";
import { sinkBody } from "./body";
import { withoutRepeats, withoutStored } from "./dedup";
import { eventInputBody, eventInputColumns, eventInputSettings, eventInputTable } from "./input";
import type { PendingInsert, PendingWrites } from "./pending";
import { clickhouseTime, type RawEventRow, rawEventColumns, reserialized } from "./rows";

/** One partition batch's convertible records, with the offsets of the first and last of them. */
export interface Chunk {
  topic: string;
  partition: number;
  first: number;
  last: number;
  rows: RawEventRow[];
}

export interface WriteStats {
  written: number;
  duplicates: number;
  writes: number;
  /** Warehouse calls that failed and were tried again (the duplicate check or the insert). */
  failedAttempts: number;
}

/** What a sink tells its operator about (the CLI logs it). */
export type SinkProblem =
  /** A warehouse call (or keeping the pending file) failed; it is tried again after a backoff. */
  | { type: "retry"; error: unknown; attempt: number }
  /** An acknowledged write's pending file stayed: the next start replays it, which its token drops. */
  | { type: "pending-file-kept"; error: unknown };

export interface WriteOptions {
  /** Aborted when the sink stops: a write still failing then gives up (its batches are redelivered). */
  signal: AbortSignal;
  onProblem?: ((problem: SinkProblem) => void) | undefined;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Where an unfinished write is kept across a restart (see pending.ts); none in tests and benchmarks. */
  pending?: PendingWrites | undefined;
}

/** A write ready to insert: the events not stored yet and the INSERT that carries them. */
interface PreparedWrite {
  fresh: readonly RawEventRow[];
  insert: PendingInsert;
  /** Every id the write's chunks hold: each is stored or about to be. */
  ids: ReadonlySet<string>;
}

/** What the next write needs of the one before it. */
interface WriteInFlight {
  /** Its ids once its duplicate check is done (none if its preparation failed). */
  ids: Promise<ReadonlySet<string>>;
  done: Promise<void>;
}

const noIds: ReadonlySet<string> = new Set();

/**
 * Writes the chunks' events once: drops those already stored, then inserts the rest, each step
 * retried with backoff until it succeeds or the sink stops.
 *
 * A write is prepared (the duplicate check, the INSERT's body, its pending file) while the write
 * before it inserts, and inserts only once that one succeeded: inserts run one at a time, in the
 * order the writes were given, and a write whose predecessor gave up gives up too. In the warehouse
 * bench the gap between its two 100,000-row inserts went from 1.0-1.7 s to 0.02-0.7 s, ~11% off the
 * run (src/sink/README.md); the cost is a second body in memory while the first inserts. Its
 * duplicate check counts the write in flight as stored: the lookup cannot see rows whose INSERT has
 * not finished, so an event whose copy that write holds is dropped here by id. At most two writes
 * may be given at once (the batcher's limit); a third waits for the first to finish, which also
 * frees its pending file's slot.
 *
 * The insert is retried here, with the same rows and token, rather than by the log redelivering
 * the batches: an INSERT that fails can have written some tables and not others (measured on chdb:
 * a view that threw left raw_events with the rows and every other view without them). Only the
 * same token makes ClickHouse drop the blocks that were written and write the ones that were not.
 * A redelivery would be grouped anew (other partitions' batches, records published since), get
 * another token, and the duplicate check would then drop the events raw_events already holds, so
 * the views would never count them.
 */
export function chunkWriter(
  warehouse: Warehouse,
  stats: WriteStats,
  options: WriteOptions,
  /** The first write's sequence number: after those of the pending writes a restart found. */
  firstSequence = 0,
): (chunks: readonly Chunk[]) => Promise<void> {
  let sequence = firstSequence;
  let previous: WriteInFlight | undefined;
  // Only its end is needed: holding the whole WriteInFlight would keep its id set alive a write longer.
  let beforePreviousDone: Promise<void> | undefined;
  return (chunks) => {
    const ahead = previous;
    const twoAheadDone = beforePreviousDone;
    const number = sequence++;
    const prepared = (async () => {
      // Its pending file's slot is the one the write two before used.
      await twoAheadDone?.catch(() => {});
      const inFlight = await ahead?.ids;
      return prepareWrite(warehouse, chunks, inFlight, number, stats, options);
    })();
    const done = (async () => {
      const write = await prepared;
      await ahead?.done;
      if (write !== undefined) await insertPrepared(warehouse, write, stats, options);
    })();
    previous = {
      ids: prepared.then(
        (w) => w?.ids ?? noIds,
        () => noIds,
      ),
      done,
    };
    beforePreviousDone = ahead?.done;
    return done;
  };
}

async function prepareWrite(
  warehouse: Warehouse,
  chunks: readonly Chunk[],
  inFlight: ReadonlySet<string> | undefined,
  sequence: number,
  stats: WriteStats,
  options: WriteOptions,
): Promise<PreparedWrite | undefined> {
  const rows = chunks.length === 1 ? (chunks[0] as Chunk).rows : chunks.flatMap((c) => c.rows);
  const { unique, ids } = withoutRepeats(rows, inFlight);
  // The body is built before the lookup, from every candidate: chdb runs one statement at a time, so
  // this write's lookup waits for the insert in flight, and building the body after it put ~0.2-0.5 s
  // per 100,000 events between two inserts. It is built again only when the lookup drops stored events.
  const speculative = unique.length === 0 ? undefined : sinkBody(unique);
  const token = batchToken(chunks);
  // Its pending file is written and synced meanwhile too (~0.1-0.2 s per 100,000 events that sat
  // between the lookup and the insert), under a temporary name: it is put in place only if the
  // lookup kept every row (pending.ts says why). A failed staging is left to the keep below.
  const staging =
    speculative === undefined || options.pending === undefined
      ? undefined
      : options.pending.stage({ token, ...speculative, sequence }).catch(() => undefined);
  // Checked once: after a partial insert the retry must send the same rows, not "what is missing".
  let fresh: readonly RawEventRow[];
  try {
    fresh = await untilDone(() => withoutStored(warehouse, unique), stats, options);
  } catch (error) {
    // Stopped during the lookup: no temporary file is left behind (a restart never reads one).
    await (await staging)?.discard();
    throw error;
  }
  // Awaited either way: a keep below writes the same temporary file.
  let staged = await staging;
  stats.duplicates += rows.length - fresh.length;
  if (fresh.length === 0) {
    await staged?.discard();
    return undefined;
  }
  const keptAll = speculative !== undefined && fresh.length === unique.length;
  const body = keptAll ? speculative : sinkBody(fresh);
  if (!keptAll) staged = undefined;
  const insert: PendingInsert = { token, ...body, sequence };
  // Kept before the first try (a disk that refuses is retried like the warehouse, as a whole keep).
  await untilDone(
    async () => {
      const ready = staged;
      staged = undefined;
      await (ready === undefined ? options.pending?.keep(insert) : ready.commit());
    },
    stats,
    options,
  );
  return { fresh, insert, ids };
}

async function insertPrepared(
  warehouse: Warehouse,
  write: PreparedWrite,
  stats: WriteStats,
  options: WriteOptions,
): Promise<void> {
  let insert = write.insert;
  let kept = true;
  await untilDone(
    async () => {
      if (!kept) await options.pending?.keep(insert);
      kept = true;
      try {
        await insertBody(warehouse, insert);
      } catch (error) {
        if (!refusedTheRows(error)) throw error;
        // Rows ClickHouse cannot parse as they are go re-serialized, under the same token: had the
        // refused insert written any block, this one's copy is dropped.
        const rows = write.fresh.map(reserialized);
        insert = { ...insert, format: "JSONEachRow", body: eventInputBody(rows, now()) };
        kept = false;
        await options.pending?.keep(insert);
        kept = true;
        await insertBody(warehouse, insert);
      }
    },
    stats,
    options,
  );
  await forget(insert, options);
  stats.written += write.fresh.length;
  stats.writes++;
  sinkBatchRows.observe(write.fresh.length);
}

/**
 * Finishes a write a previous run left unfinished, before the sink reads the log: the same bytes
 * under the same token, so ClickHouse drops what it already wrote and writes the rest; the log's
 * redelivery of those events is then dropped as stored.
 */
export async function finishPending(
  warehouse: Warehouse,
  pending: PendingInsert,
  stats: WriteStats,
  options: WriteOptions,
): Promise<void> {
  let insert = pending;
  await untilDone(
    async () => {
      try {
        await insertBody(warehouse, insert);
      } catch (error) {
        // A Native block is cut from checked events only; a refusal of one is not mended by a retry.
        if (!refusedTheRows(error) || pending.format !== "JSONEachRow") throw error;
        // Kept before its re-serialized retry was: the same re-serialization, from its own lines.
        insert = { ...pending, body: reserializedLines(pending.body) };
        await options.pending?.keep(insert);
        await insertBody(warehouse, insert);
      }
    },
    stats,
    options,
  );
  await forget(insert, options);
}

/**
 * The pending file of an acknowledged write. Not removing it costs a replay at the next start,
 * which the token turns into nothing, so a failure here does not fail the write.
 */
async function forget(insert: PendingInsert, options: WriteOptions): Promise<void> {
  try {
    await options.pending?.done(insert);
  } catch (error) {
    options.onProblem?.({ type: "pending-file-kept", error });
  }
}

const now = () => clickhouseTime(new Date().toISOString());

async function untilDone<T>(attempt: () => Promise<T>, stats: WriteStats, options: WriteOptions): Promise<T> {
  let delay = options.firstRetryMs ?? 100;
  for (let failures = 1; ; failures++) {
    // Timed whether it succeeds or not: a warehouse that is slow to refuse shows up too.
    const endTimer = sinkWriteSeconds.startTimer();
    try {
      const result = await attempt();
      endTimer({ outcome: "ok" });
      return result;
    } catch (error) {
      endTimer({ outcome: "failed" });
      stats.failedAttempts++;
      const stopped = () => new TransientError(`warehouse write failed: ${errorMessage(error)}`);
      if (options.signal.aborted) throw stopped();
      options.onProblem?.({ type: "retry", error, attempt: failures });
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch {
        throw stopped();
      }
      delay = Math.min(delay * 2, options.maxRetryMs ?? 5_000);
    }
  }
}

/**
 * One INSERT: a Native block straight into raw_events, or JSON objects into raw_event_input (0021),
 * whose view writes raw_events; raw_events' views then write every other table. Dedup settings: see
 * the comment above startSink.
 */
async function insertBody(warehouse: Warehouse, insert: PendingInsert): Promise<void> {
  const target =
    insert.format === "Native"
      ? { table: "raw_events", columns: rawEventColumns, settings: {} }
      : { table: eventInputTable, columns: eventInputColumns, settings: eventInputSettings };
  await warehouse.insertRows({
    table: target.table,
    columns: target.columns,
    format: insert.format,
    body: insert.body,
    settings: {
      ...target.settings,
      // The views run in parallel (measured ~20% faster on 2 cores); the raw-insert benchmark uses it too.
      parallel_view_processing: 1,
      insert_deduplicate: 1,
      insert_deduplication_token: insert.token,
      deduplicate_blocks_in_dependent_materialized_views: 1,
    },
  });
}

/** Each line parsed and serialized again: one key once, with the value JSON.parse (and the checks) kept. */
function reserializedLines(body: Buffer): Buffer {
  const lines = body
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
  return Buffer.from(`${lines.map((line) => JSON.stringify(JSON.parse(line))).join("\n")}\n`);
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

/**
 * sha256 of each partition's offset range in the write, with the ids of the events at both ends. The
 * offsets alone name a place in one log: a log that starts again from offset 0 (an in-process log
 * whose directory was removed while a ClickHouse server kept its tables, a Kafka topic deleted and
 * created again) would give its first writes the tokens of writes the warehouse still remembers
 * (non_replicated_deduplication_window, the last 1,000 inserts), and ClickHouse would drop them as
 * repeats without an error. The end ids make such a write's token its own; a retry of the same
 * write keeps its token (it is computed once and kept in the pending file with the bytes).
 */
function batchToken(chunks: readonly Chunk[]): string {
  const ranges = new Map<string, { first: number; last: number; firstId: string; lastId: string }>();
  for (const chunk of chunks) {
    const partition = `${chunk.topic}/${chunk.partition}`;
    const firstId = chunk.rows[0]?.id ?? "";
    const lastId = chunk.rows.at(-1)?.id ?? "";
    const range = ranges.get(partition);
    if (range === undefined) ranges.set(partition, { first: chunk.first, last: chunk.last, firstId, lastId });
    else {
      if (chunk.first < range.first) Object.assign(range, { first: chunk.first, firstId });
      if (chunk.last > range.last) Object.assign(range, { last: chunk.last, lastId });
    }
  }
  const text = [...ranges.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([p, r]) => `${p}:${r.first}-${r.last}:${JSON.stringify([r.firstId, r.lastId])}`)
    .join(",");
  return createHash("sha256").update(text).digest("hex");
}
