import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** One partition's share of an append, encoded (record-codec.ts), ready for its table. */
export interface EncodedAppend {
  topicId: number;
  partition: number;
  table: string;
  count: number;
  body: Buffer;
}

export interface Placement {
  baseOffset: number;
  timestamp: number;
}

export type Appender = (batches: readonly EncodedAppend[], now: number) => Placement[];

const require = createRequire(import.meta.url);
/** Resolved when first needed, not at import: importing the log must not depend on the file layout. */
const appenderModule = () => require.resolve("./append-batches.cjs");

/** The appender over a connection of this thread (the store's direct appends). */
export function createAppender(db: unknown): Appender {
  return (require(appenderModule()) as { createAppender: (db: unknown) => Appender }).createAppender(db);
}

// Plain JavaScript run with `eval`, so the worker needs no TypeScript loader in any host. Bodies are
// shared (record-codec.ts allocates them in SharedArrayBuffers), neither copied nor transferred:
// transferring them there and back left the caller's tail with new ArrayBuffers every append, and its
// GC time doubled (profiled here).
//
// A shared body is freed only once every thread that saw it has collected its handle, and this
// thread allocates so little that its collector hardly ever ran: the log bench's process kept every
// body it had published (RSS 0.9 -> 2.3 GB over 1.5M events of 1 KB). So the thread collects its
// young generation, where each message's handles die, after every 32 MB of bodies (a fraction of a
// millisecond on this small heap). The collector is V8's own gc(), exposed for this thread's
// context and hidden again, as Jest's leak detector does.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const v8 = require("node:v8");
const Database = require(workerData.driver);
const { createAppender } = require(workerData.appender);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 10000");
db.pragma("synchronous = " + workerData.synchronous);
if (workerData.offloadCheckpoints) db.pragma("wal_autocheckpoint = 0");
const append = createAppender(db);
v8.setFlagsFromString("--expose-gc");
const collect = require("node:vm").runInNewContext("gc");
v8.setFlagsFromString("--no-expose-gc");
const collectEveryBytes = 32 << 20;
let bodyBytes = 0;
parentPort.on("message", (message) => {
  if (message.type === "stop") {
    db.close();
    parentPort.postMessage({ type: "stopped" });
    parentPort.close();
    return;
  }
  let answer;
  try {
    answer = { id: message.id, placed: append(message.batches, message.now) };
  } catch (error) {
    answer = { id: message.id, error: String((error && error.message) || error) };
  }
  parentPort.postMessage(answer);
  for (const batch of message.batches) bodyBytes += batch.body.byteLength;
  if (bodyBytes >= collectEveryBytes) {
    bodyBytes = 0;
    collect({ type: "minor" });
  }
});
`;

interface Waiting {
  resolve: (placed: Placement[]) => void;
  reject: (error: Error) => void;
}

interface Answer {
  id?: number;
  type?: string;
  placed?: Placement[];
  error?: string;
}

/**
 * Appends on a thread of their own. Encoding records is the publishing thread's work; SQLite's
 * insert of the encoded bodies (about a third of the publishing thread's time for 1 KB events,
 * profiled here) runs here beside it, and so do appends of later publishes while earlier ones are
 * written. Appends are answered in the order they were sent (one connection, one message queue).
 * If the thread dies, every append in flight fails (its publishers see the error and may retry: at
 * least once, as with a lost acknowledgement) and the next append starts a new thread.
 */
export class AppendWriter {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private sequence = 0;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    private readonly synchronous: "normal" | "full",
    private readonly offloadCheckpoints: boolean,
    private readonly onFailure: (reason: string) => void,
  ) {}

  append(batches: EncodedAppend[], now: number): Promise<Placement[]> {
    if (this.stopping !== undefined) return Promise.reject(new Error("the log's writer is stopped"));
    const worker = this.worker ?? this.start();
    const id = ++this.sequence;
    return new Promise<Placement[]>((resolve, reject) => {
      // Referenced while an append is in flight, like a pending file write: a process awaiting its
      // publish must not exit under it. Idle, the thread keeps nothing alive.
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, now, batches });
    });
  }

  private start(): Worker {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        path: this.path,
        driver: require.resolve("better-sqlite3"),
        appender: appenderModule(),
        synchronous: this.synchronous,
        offloadCheckpoints: this.offloadCheckpoints,
      },
    });
    worker.on("message", (answer: Answer) => this.answer(answer));
    worker.on("error", (error) => this.fail(worker, error.message));
    worker.on("exit", (code) => this.fail(worker, `exited with code ${code}`));
    // A log whose owner exits without close() must not keep the process alive once idle.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer(answer: Answer): void {
    if (answer.id === undefined) return;
    const waiting = this.waiting.get(answer.id);
    if (waiting === undefined) return;
    this.waiting.delete(answer.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if (answer.error !== undefined) waiting.reject(new Error(answer.error));
    else waiting.resolve(answer.placed ?? []);
  }

  private fail(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.stopping !== undefined) return;
    const error = new Error(`the log's writer thread failed (${reason}); the append may not be durable`);
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.onFailure(reason);
  }

  /** Waits for the appends in flight, then closes the thread's connection (at most 5 s, then terminates it). */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const worker = this.worker;
      if (worker === undefined) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        worker.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        // Messages are handled in order: "stop" runs after every append sent before it.
        worker.postMessage({ type: "stop" });
      });
      this.worker = undefined;
      await worker.terminate();
    })();
    return this.stopping;
  }
}
