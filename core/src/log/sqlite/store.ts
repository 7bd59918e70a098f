import Database from "better-sqlite3";
import type { StarboardEvent } from "../../events/index";
import type { LogRecord, RecordHeaders, TopicSpec } from "../types";
import {
  type Appender,
  AppendWriter,
  createAppender,
  type EncodedAppend,
  type Placement,
} from "./append-writer";
import { Checkpointer } from "./checkpointer";
import { GroupLeases } from "./group-lease";
import { type BatchPlace, decodeSome, type EncodableRecord, encodeRecords, stepTo } from "./record-codec";

export const defaultRetentionMs = 7 * 24 * 3600 * 1000;

/**
 * A stored batch's body stops growing past this (Kafka's default batch size is of the same order).
 * One publish of 1,000,000 events made batches of ~50 MB, one per partition, and SQLite gave such a
 * blob back at ~130 MB/s (its overflow pages one by one; ~1 GB/s and more for 10 MB): ~0.4 s of the
 * reader's thread per batch, for records a reader asking for 100,000 of 124,000 did not all want.
 */
export const maxBatchBytes = 1 << 20;

/** The rows' indexes cut where their keys, headers and values pass maxBatchBytes (strings by length). */
function bySize(rows: readonly AppendRow[], indexes: readonly number[]): number[][] {
  const parts: number[][] = [];
  let part: number[] = [];
  let bytes = 0;
  for (const i of indexes) {
    const row = rows[i] as AppendRow;
    const size =
      12 +
      row.key.length +
      (row.headers?.length ?? 0) +
      (typeof row.value === "string" ? row.value.length : row.value.byteLength);
    if (part.length > 0 && bytes + size > maxBatchBytes) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(i);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** How long a write on the store's own connection waits for another connection's write lock. */
const busyTimeoutMs = 10_000;

/** A compacted topic is never trimmed by age here: readers fold it by key, so every key's latest stays. */
function retentionOf(spec: TopicSpec): number {
  return spec.compact === true ? Number.MAX_SAFE_INTEGER : (spec.retentionMs ?? defaultRetentionMs);
}

export interface TopicRow {
  id: number;
  name: string;
  partitions: number;
  retention_ms: number;
}

interface BatchRow {
  base_offset: number;
  record_count: number;
  ts: number;
  body: Buffer;
}

/** A stored batch a read stopped inside, and where the next record starts in its body. */
interface OpenBatch extends BatchRow {
  next: BatchPlace;
}

export interface CommitRow {
  groupId: string;
  topic: string;
  partition: number;
  nextOffset: number;
}

interface EncodedGroup {
  topic: string;
  rows: number[];
  valueStarts: number[];
  valueLengths: number[];
  append: EncodedAppend;
}

export interface AppendRow extends EncodableRecord {
  topic: string;
  partition: number;
  /** The headers as given, for the in-memory tail; the store writes the JSON. */
  headerMap?: RecordHeaders | undefined;
  /** What publishEvents checked, for the consumers' decode (OutgoingRecord.checkedEvent); never stored. */
  checkedEvent?: StarboardEvent | undefined;
}

/** Where one partition's share of an append landed. */
export interface AppendedBatch {
  topic: string;
  partition: number;
  baseOffset: number;
  timestamp: number;
  /** Indexes into the appended rows, in offset order. */
  rows: number[];
  /** The stored batch, and where each row's value starts in it. */
  body: Buffer;
  valueStarts: number[];
  valueLengths: number[];
}

/**
 * The durable half of the in-process log: one SQLite database in WAL mode.
 *
 * Each topic partition is a table of record batches keyed by the offset of their first record, so
 * a read is a primary-key range scan and an append is one row per partition per transaction. The
 * next offset of each partition lives in `partitions`, updated in the same transaction (a second
 * process appending takes SQLite's write lock, so offsets never collide) and kept when retention
 * deletes old batches, so offsets are never reused.
 *
 * synchronous=NORMAL in WAL mode: a committed transaction survives the process being killed (the
 * WAL is written before COMMIT returns); only an OS crash or power loss can lose the last
 * transactions, which `synchronous: "full"` closes at a throughput cost. 16 KB pages suit rows
 * that are mostly large blobs (measured here: twice the insert rate of 4 KB pages).
 */
export class SqliteLogStore {
  private readonly db: Database.Database;
  private readonly topics = new Map<string, TopicRow>();
  private readonly statements = new Map<string, Database.Statement>();
  /** Per partition table, the batch a read stopped inside (see read). */
  private readonly openBatches = new Map<string, OpenBatch>();
  private readonly checkpointer: Checkpointer | undefined;
  private readonly writer: AppendWriter;
  private appender: Appender | undefined;
  readonly leases: GroupLeases;

  constructor(
    path: string,
    synchronous: "normal" | "full",
    offloadCheckpoints: boolean,
    /** Told when the checkpoint worker fails and checkpoints fall back to the appending thread. */
    onInlineCheckpoints: (reason: string) => void,
    /** Told when the writer thread fails (its appends in flight fail; the next append starts another). */
    onWriterFailure: (reason: string) => void = () => {},
  ) {
    this.writer = new AppendWriter(path, synchronous, offloadCheckpoints, onWriterFailure);
    this.db = new Database(path);
    this.db.pragma("page_size = 16384");
    this.db.pragma("journal_mode = WAL");
    if (offloadCheckpoints) {
      this.db.pragma("wal_autocheckpoint = 0");
      this.checkpointer = new Checkpointer(path, 200, (reason) => {
        onInlineCheckpoints(reason);
        if (this.db.open) this.db.pragma("wal_autocheckpoint = 1000");
      });
    }
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    this.db.pragma("cache_size = -65536");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS topics (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        partitions INTEGER NOT NULL,
        retention_ms INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS partitions (
        topic_id INTEGER NOT NULL,
        partition INTEGER NOT NULL,
        next_offset INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        PRIMARY KEY (topic_id, partition)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS group_offsets (
        group_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        partition INTEGER NOT NULL,
        next_offset INTEGER NOT NULL,
        committed_at INTEGER NOT NULL,
        PRIMARY KEY (group_id, topic, partition)
      ) WITHOUT ROWID;
    `);
    this.leases = new GroupLeases(this.db, 15_000);
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private table(topic: TopicRow, partition: number): string {
    return `batches_${topic.id}_${partition}`;
  }

  ensureTopic(spec: TopicSpec): TopicRow {
    const existing = this.topic(spec.name);
    if (existing !== undefined) return existing;
    const create = this.db.transaction(() => {
      this.db
        .prepare("INSERT OR IGNORE INTO topics (name, partitions, retention_ms) VALUES (?, ?, ?)")
        .run(spec.name, spec.partitions, retentionOf(spec));
      const row = this.db
        .prepare("SELECT id, name, partitions, retention_ms FROM topics WHERE name = ?")
        .get(spec.name) as TopicRow;
      for (let p = 0; p < row.partitions; p++) {
        this.db.exec(
          `CREATE TABLE IF NOT EXISTS ${this.table(row, p)} (
            base_offset INTEGER PRIMARY KEY,
            record_count INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            body BLOB NOT NULL
          )`,
        );
        this.db
          .prepare(
            "INSERT OR IGNORE INTO partitions (topic_id, partition, next_offset, last_ts) VALUES (?, ?, 0, 0)",
          )
          .run(row.id, p);
      }
      return row;
    });
    const row = create.immediate();
    this.topics.set(row.name, row);
    return row;
  }

  /** Topics created by another process (a second shell publishing a capture) are picked up on demand. */
  topic(name: string): TopicRow | undefined {
    const known = this.topics.get(name);
    if (known !== undefined) return known;
    const row = this.statement("SELECT id, name, partitions, retention_ms FROM topics WHERE name = ?").get(
      name,
    ) as TopicRow | undefined;
    if (row !== undefined) this.topics.set(name, row);
    return row;
  }

  requireTopic(name: string): TopicRow {
    const topic = this.topic(name);
    if (topic === undefined) throw new Error(`unknown topic "${name}": create it with ensureTopics first`);
    return topic;
  }

  /**
   * Appends all rows in one transaction on this thread, one batch row per partition (see
   * append-batches.cjs), and returns where each partition's share landed.
   */
  append(rows: readonly AppendRow[], now: number): AppendedBatch[] {
    const groups = this.encode(rows);
    this.appender ??= createAppender(this.db);
    return this.placed(
      groups,
      this.appender(
        groups.map((g) => g.append),
        now,
      ),
    );
  }

  /** The same append on the writer thread, so this thread encodes the next one meanwhile. */
  async appendOffThread(rows: readonly AppendRow[], now: number): Promise<AppendedBatch[]> {
    const groups = this.encode(rows);
    const placed = await this.writer.append(
      groups.map((g) => g.append),
      now,
    );
    return this.placed(groups, placed);
  }

  /**
   * Rows grouped by topic, then partition, each group encoded into bodies of about `maxBatchBytes`
   * at most (one row of its table each; a record larger than that is a batch alone).
   */
  private encode(rows: readonly AppendRow[]): EncodedGroup[] {
    // Rows of a flush are mostly one topic: group by topic, then by partition number.
    const byTopic = new Map<string, { topic: TopicRow; partitions: number[][] }>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as AppendRow;
      let entry = byTopic.get(row.topic);
      if (entry === undefined) {
        entry = { topic: this.requireTopic(row.topic), partitions: [] };
        byTopic.set(row.topic, entry);
      }
      let indexes = entry.partitions[row.partition];
      if (indexes === undefined) {
        indexes = [];
        entry.partitions[row.partition] = indexes;
      }
      indexes.push(i);
    }
    const groups: EncodedGroup[] = [];
    for (const { topic, partitions } of byTopic.values()) {
      partitions.forEach((all, partition) => {
        for (const indexes of bySize(rows, all)) {
          const { body, valueStarts, valueLengths } = encodeRecords(indexes.map((i) => rows[i] as AppendRow));
          groups.push({
            topic: topic.name,
            rows: indexes,
            valueStarts,
            valueLengths,
            append: {
              topicId: topic.id,
              partition,
              table: this.table(topic, partition),
              count: indexes.length,
              body,
            },
          });
        }
      });
    }
    return groups;
  }

  private placed(groups: readonly EncodedGroup[], placed: readonly Placement[]): AppendedBatch[] {
    return groups.map((g, i) => {
      const at = placed[i] as Placement;
      return {
        topic: g.topic,
        partition: g.append.partition,
        baseOffset: at.baseOffset,
        timestamp: at.timestamp,
        rows: g.rows,
        body: g.append.body,
        valueStarts: g.valueStarts,
        valueLengths: g.valueLengths,
      };
    });
  }

  /**
   * At most `limit` records from `fromOffset` on. A batch a read stopped inside (a reader asking for
   * fewer records than it holds) stays open, one per partition, and the next read from where that
   * one stopped goes on without reading its blob again or stepping through it. Before, the batch
   * holding the limit was decoded to its end: 124,000 records for a read of 100,000 in the warehouse
   * sink's backlog of 1,000,000 events (one stored batch per partition then).
   */
  read(topicName: string, partition: number, fromOffset: number, limit: number): LogRecord[] {
    const topic = this.requireTopic(topicName);
    const table = this.table(topic, partition);
    const records: LogRecord[] = [];
    let position = fromOffset;
    const open = this.openBatches.get(table);
    if (
      open !== undefined &&
      open.base_offset <= position &&
      position < open.base_offset + open.record_count
    ) {
      const resumeAt = open.next.offset <= position ? open.next : undefined;
      position = this.readBatch(table, topicName, partition, open, resumeAt, position, limit, records);
    } else {
      // The batch holding fromOffset is found by its offsets alone, and its body read only when it
      // still has records at or past fromOffset: a consumer at the end of a partition polls here, and
      // reading and decoding the last batch's blob to find nothing cost 4-50 ms a poll in the
      // warehouse bench (batches of ~25,000 records; 76 such polls took ~1.2 s of its main thread).
      const containing = this.statement(
        `SELECT base_offset, record_count FROM ${table} WHERE base_offset <= ? ORDER BY base_offset DESC LIMIT 1`,
      ).get(fromOffset) as Omit<BatchRow, "ts" | "body"> | undefined;
      if (containing !== undefined && containing.base_offset + containing.record_count > fromOffset) {
        // Undefined only if another process's retention deleted it in between: then nothing precedes.
        const batch = this.statement(
          `SELECT base_offset, record_count, ts, body FROM ${table} WHERE base_offset = ?`,
        ).get(containing.base_offset) as BatchRow | undefined;
        if (batch !== undefined)
          position = this.readBatch(table, topicName, partition, batch, undefined, position, limit, records);
      }
    }
    // Offsets run on without gaps from batch to batch, so the next batch starts where this one ended
    // (or, before the first batch retention kept, is the first one after fromOffset).
    const following = this.statement(
      `SELECT base_offset, record_count, ts, body FROM ${table} WHERE base_offset >= ? ORDER BY base_offset LIMIT 1`,
    );
    while (records.length < limit) {
      const batch = following.get(position) as BatchRow | undefined;
      if (batch === undefined) break;
      position = this.readBatch(
        table,
        topicName,
        partition,
        batch,
        undefined,
        batch.base_offset,
        limit,
        records,
      );
    }
    return records;
  }

  /**
   * Records of one batch from `position` until `records` holds `limit`, stepped to from `resumeAt`
   * (a known place at or before it) or from the batch's start; the batch stays open if some are left.
   */
  private readBatch(
    table: string,
    topic: string,
    partition: number,
    batch: BatchRow,
    resumeAt: BatchPlace | undefined,
    position: number,
    limit: number,
    records: LogRecord[],
  ): number {
    const from = stepTo(batch.body, resumeAt ?? { offset: batch.base_offset, at: 0 }, position);
    const next = decodeSome(batch.body, topic, partition, batch.ts, from, limit, records);
    if (next.offset < batch.base_offset + batch.record_count) this.openBatches.set(table, { ...batch, next });
    else this.openBatches.delete(table);
    return next.offset;
  }

  /** Next offset to be written (Kafka's high watermark). */
  endOffset(topicName: string, partition: number): number {
    const topic = this.requireTopic(topicName);
    const state = this.statement(
      "SELECT next_offset FROM partitions WHERE topic_id = ? AND partition = ?",
    ).get(topic.id, partition) as { next_offset: number };
    return state.next_offset;
  }

  /** Every partition's end offset of a topic in one query, indexed by partition. */
  endOffsets(topicName: string): number[] {
    const topic = this.requireTopic(topicName);
    const rows = this.statement("SELECT partition, next_offset FROM partitions WHERE topic_id = ?").all(
      topic.id,
    ) as { partition: number; next_offset: number }[];
    const ends = new Array<number>(topic.partitions).fill(0);
    for (const row of rows) ends[row.partition] = row.next_offset;
    return ends;
  }

  earliestOffset(topicName: string, partition: number): number {
    const topic = this.requireTopic(topicName);
    const row = this.statement(`SELECT min(base_offset) AS o FROM ${this.table(topic, partition)}`).get() as {
      o: number | null;
    };
    return row.o ?? this.endOffset(topicName, partition);
  }

  /** First offset of the first batch appended at or after `timestamp` (end offset when none was). */
  offsetForTime(topicName: string, partition: number, timestamp: number): number {
    const topic = this.requireTopic(topicName);
    const row = this.statement(
      `SELECT min(base_offset) AS o FROM ${this.table(topic, partition)} WHERE ts >= ?`,
    ).get(timestamp) as { o: number | null };
    return row.o ?? this.endOffset(topicName, partition);
  }

  committed(groupId: string, topic: string, partition: number): number | undefined {
    const row = this.statement(
      "SELECT next_offset FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?",
    ).get(groupId, topic, partition) as { next_offset: number } | undefined;
    return row?.next_offset;
  }

  committedAll(groupId: string, topic: string): Map<number, number> {
    const rows = this.statement(
      "SELECT partition, next_offset FROM group_offsets WHERE group_id = ? AND topic = ?",
    ).all(groupId, topic) as { partition: number; next_offset: number }[];
    return new Map(rows.map((row) => [row.partition, row.next_offset]));
  }

  /**
   * commitMany if SQLite's write lock is free now; false (nothing written) when another connection
   * holds it. The log's writer thread holds it for most of a busy second, and waiting for it here
   * slept the publishing thread in SQLite's busy handler: 8, 18 and 33 ms at a time, 6-10% of the
   * log benchmark's wall time.
   */
  tryCommitMany(rows: readonly CommitRow[], now: number): boolean {
    this.db.pragma("busy_timeout = 0");
    try {
      this.commitMany(rows, now);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === "SQLITE_BUSY") return false;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    }
  }

  /** Several groups' offsets in one transaction. */
  commitMany(rows: readonly CommitRow[], now: number): void {
    const upsert = this.statement(
      `INSERT INTO group_offsets (group_id, topic, partition, next_offset, committed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset,
         committed_at = excluded.committed_at`,
    );
    this.db
      .transaction(() => {
        for (const row of rows) upsert.run(row.groupId, row.topic, row.partition, row.nextOffset, now);
      })
      .immediate();
  }

  /**
   * Deletes batches older than each topic's retention; returns how many records went.
   *
   * Batches are appended with the time of their append, so a partition's expired batches are its
   * oldest: the pass reads forward by offset from the first batch and stops at the first one still
   * kept. A `ts < ?` scan instead read every row of every partition table, whose pages are mostly
   * the batches' bodies, i.e. the whole log once a minute: ~260 ms on the main thread for 100,000
   * events in the platform's small appends (cold pages), ~1.2% of its thread in a 40 s profile, and
   * growing with the log. A batch appended out of time order (another process's clock) waits
   * behind a newer one until that one expires too: retention is "kept at least this long" either
   * way. A compacted topic is never trimmed, so it is not read at all.
   */
  applyRetention(now: number): number {
    let deleted = 0;
    for (const topic of this.topics.values()) {
      if (topic.retention_ms >= Number.MAX_SAFE_INTEGER) continue;
      const cutoff = now - topic.retention_ms;
      for (let p = 0; p < topic.partitions; p++) {
        const table = this.table(topic, p);
        const oldest = this.statement(`SELECT ts FROM ${table} ORDER BY base_offset LIMIT 1`).get() as
          | { ts: number }
          | undefined;
        if (oldest === undefined || oldest.ts >= cutoff) continue;
        const kept = this.statement(
          `SELECT base_offset FROM ${table} WHERE ts >= ? ORDER BY base_offset LIMIT 1`,
        ).get(cutoff) as { base_offset: number } | undefined;
        const below = kept?.base_offset ?? Number.MAX_SAFE_INTEGER;
        const gone = this.statement(
          `SELECT coalesce(sum(record_count), 0) AS n FROM ${table} WHERE base_offset < ?`,
        ).get(below) as { n: number };
        this.statement(`DELETE FROM ${table} WHERE base_offset < ?`).run(below);
        // A batch a reader stopped inside is not served from memory once this process deleted it
        // (another process's retention is not seen here: its records are then served a while longer).
        if ((this.openBatches.get(table)?.base_offset ?? Number.MAX_SAFE_INTEGER) < below)
          this.openBatches.delete(table);
        deleted += gone.n;
      }
    }
    return deleted;
  }

  /** Stops the writer (after its appends in flight) and the checkpoint worker, folds the WAL into the database file and closes. */
  async close(): Promise<void> {
    await this.writer.stop();
    await this.checkpointer?.stop();
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    this.db.close();
  }
}
