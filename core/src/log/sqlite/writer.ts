import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// Plain JavaScript run with `eval`, so the thread needs no TypeScript loader in any host (tsx,
// vitest, a bundled build). It owns the log's write path: appends, offset commits, checkpoints.
const writerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = " + workerData.synchronous);
db.pragma("busy_timeout = 10000");
db.pragma("wal_autocheckpoint = 0");
const selectState = db.prepare("SELECT next_offset, last_ts FROM partitions WHERE topic_id = ? AND partition = ?");
const updateState = db.prepare("UPDATE partitions SET next_offset = ?, last_ts = ? WHERE topic_id = ? AND partition = ?");
const commitOffset = db.prepare(
  "INSERT INTO group_offsets (group_id, topic, partition, next_offset, committed_at) VALUES (?, ?, ?, ?, ?) " +
  "ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset, committed_at = excluded.committed_at");
const inserts = new Map();
function insertInto(table) {
  let statement = inserts.get(table);
  if (statement === undefined) {
    statement = db.prepare("INSERT INTO " + table + " (base_offset, record_count, ts, body) VALUES (?, ?, ?, ?)");
    inserts.set(table, statement);
  }
  return statement;
}
const append = db.transaction((groups, now) => groups.map((group) => {
  const state = selectState.get(group.topicId, group.partition);
  const ts = Math.max(now, state.last_ts);
  const body = Buffer.from(group.body.buffer, group.body.byteOffset, group.body.byteLength);
  insertInto(group.table).run(state.next_offset, group.count, ts, body);
  updateState.run(state.next_offset + group.count, ts, group.topicId, group.partition);
  return { baseOffset: state.next_offset, timestamp: ts, body: group.body };
}));
let appendedSinceCheckpoint = false;
let lastCheckpoint = Date.now();
function checkpoint(mode) {
  db.pragma("wal_checkpoint(" + mode + ")");
  appendedSinceCheckpoint = false;
  lastCheckpoint = Date.now();
}
function checkpointIfDue() {
  if (appendedSinceCheckpoint && Date.now() - lastCheckpoint >= workerData.checkpointMs) checkpoint("PASSIVE");
}
const timer = setInterval(checkpointIfDue, workerData.checkpointMs);
parentPort.on("message", (message) => {
  try {
    if (message.type === "append") {
      const results = append.immediate(message.groups, message.now);
      appendedSinceCheckpoint = true;
      // The batch bodies go back to the main thread (transferred, not copied) for its tail cache.
      const transfer = results.filter((r) => r.body.byteOffset === 0 && r.body.buffer.byteLength === r.body.byteLength).map((r) => r.body.buffer);
      parentPort.postMessage({ id: message.id, results }, transfer);
    } else if (message.type === "commit") {
      commitOffset.run(message.groupId, message.topic, message.partition, message.nextOffset, message.now);
      parentPort.postMessage({ id: message.id });
    } else if (message.type === "stop") {
      clearInterval(timer);
      checkpoint("TRUNCATE");
      db.close();
      parentPort.postMessage({ id: message.id });
      parentPort.close();
      return;
    }
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message ? error.message : error) });
  }
  checkpointIfDue();
});
`;

export interface WriterGroup {
  table: string;
  topicId: number;
  partition: number;
  count: number;
  body: Buffer;
}

export interface WrittenBatch {
  baseOffset: number;
  timestamp: number;
  /** The body as sent, handed back by the writer thread. */
  body: Buffer;
}

/** Only a buffer that owns its whole ArrayBuffer can move between threads without a copy. */
function ownsMemory(body: Uint8Array): boolean {
  return body.byteOffset === 0 && body.buffer.byteLength === body.byteLength;
}

type Request =
  | { type: "append"; groups: WriterGroup[]; now: number }
  | { type: "commit"; groupId: string; topic: string; partition: number; nextOffset: number; now: number }
  | { type: "stop" };

interface Reply {
  id: number;
  results?: { baseOffset: number; timestamp: number; body: Uint8Array }[];
  error?: string;
}

/**
 * The in-process log's write path on its own thread with its own SQLite connection. Publishers
 * encode on the main thread; the SQLite transaction and the WAL checkpoints (which, inline,
 * measured here cost more than half of an append) run beside it on the second core. Requests are
 * answered in order, so offsets and commits keep the order they were asked in.
 */
export class LogWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (reply: Reply) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(path: string, synchronous: "normal" | "full", checkpointMs = 200) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(writerSource, {
      eval: true,
      workerData: { path, driver, synchronous, checkpointMs },
    });
    this.worker.on("message", (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (waiter === undefined) return;
      if (reply.error !== undefined) waiter.reject(new Error(`in-process log write failed: ${reply.error}`));
      else waiter.resolve(reply);
      if (this.pending.size === 0) this.worker.unref();
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => {
      if (this.pending.size > 0) fail(new Error(`in-process log writer exited (${code})`));
    });
    // A log whose owner exits without close() must not keep the process alive while idle.
    this.worker.unref();
  }

  private request(message: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Referenced while a request is outstanding, so a publisher awaiting its ack keeps the process up.
      this.worker.ref();
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Moves the bodies to the writer thread and back (the caller must not touch them meanwhile). */
  async append(groups: WriterGroup[], now: number): Promise<WrittenBatch[]> {
    const transfer = groups.filter((g) => ownsMemory(g.body)).map((g) => g.body.buffer as ArrayBuffer);
    const reply = await this.request({ type: "append", groups, now }, transfer);
    return (reply.results ?? []).map((r) => ({
      baseOffset: r.baseOffset,
      timestamp: r.timestamp,
      body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength),
    }));
  }

  async commit(
    groupId: string,
    topic: string,
    partition: number,
    nextOffset: number,
    now: number,
  ): Promise<void> {
    await this.request({ type: "commit", groupId, topic, partition, nextOffset, now });
  }

  /** Waits for every request sent before it, checkpoints the WAL into the database file, exits. */
  async stop(): Promise<void> {
    if (this.failure === undefined) await this.request({ type: "stop" }).catch(() => undefined);
    await this.worker.terminate();
  }
}
