// The event log across a MessagePort, for the load generator's worker thread: the worker publishes
// and subscribes through the platform's one log (the same SQLite file or Kafka client) instead of
// opening a second one. Only what the simulator uses crosses: publish and subscribe.
//
// A subscription names the event types it wants (the `event-type` header): the main thread drops
// the rest before they cross, so the simulator's watch on the busy events topic copies a few
// records per second instead of every one.

import type { MessagePort } from "node:worker_threads";
import type {
  BatchContext,
  EventLog,
  LogRecord,
  OutgoingRecord,
  PublishAck,
  RecordBatch,
  StartPosition,
  SubscribeOptions,
  Subscription,
} from "@starboard/core";

/** Worker -> main. */
export type LogRequest =
  | { op: "publish"; id: number; topic: string; records: readonly OutgoingRecord[] }
  | {
      op: "subscribe";
      id: number;
      groupId: string;
      topics: readonly string[];
      startAt: StartPosition | undefined;
      eventTypes: readonly string[];
    }
  | { op: "unsubscribe"; id: number; subscription: number };

/** Main -> worker. */
export type LogReply =
  | { op: "done"; id: number; acks?: PackedAcks; error?: string }
  | {
      op: "batch";
      subscription: number;
      batch: number;
      records: LogRecord[];
      topic: string;
      partition: number;
    };

/** Worker -> main, once the worker's handler has run a forwarded batch. */
export type BatchDone = { op: "batch-done"; subscription: number; batch: number; error?: string };

/**
 * Acks as two typed arrays and the topics: a structured clone of one object per record was 1.6% of
 * the platform's thread at load, typed arrays copy as one block.
 */
interface PackedAcks {
  topics: string[];
  topicIndex: Uint8Array;
  partitions: Int32Array;
  offsets: Float64Array;
}

function pack(acks: readonly PublishAck[]): PackedAcks {
  const topics: string[] = [];
  const topicIndex = new Uint8Array(acks.length);
  const partitions = new Int32Array(acks.length);
  const offsets = new Float64Array(acks.length);
  acks.forEach((a, i) => {
    let t = topics.indexOf(a.topic);
    if (t === -1) t = topics.push(a.topic) - 1;
    topicIndex[i] = t;
    partitions[i] = a.partition;
    offsets[i] = a.offset;
  });
  return { topics, topicIndex, partitions, offsets };
}

function unpack(p: PackedAcks): PublishAck[] {
  const out: PublishAck[] = [];
  for (let i = 0; i < p.offsets.length; i++)
    out.push({
      topic: p.topics[p.topicIndex[i] ?? 0] ?? "",
      partition: p.partitions[i] ?? 0,
      offset: p.offsets[i] ?? 0,
    });
  return out;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Main thread: answers a worker's log requests with the real log. Returns a stop for its subscriptions. */
export function serveLog(port: MessagePort, log: EventLog): () => Promise<void> {
  const subscriptions = new Map<number, Subscription>();
  const waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  let batches = 0;
  const reply = (r: LogReply) => port.postMessage(r);
  port.on("message", (m: LogRequest | BatchDone) => {
    if (m.op === "batch-done") {
      const key = `${m.subscription}:${m.batch}`;
      const w = waiting.get(key);
      waiting.delete(key);
      if (m.error === undefined) w?.resolve();
      else w?.reject(new Error(m.error));
      return;
    }
    if (m.op === "publish") {
      log.publish(m.topic, m.records).then(
        (acks) => reply({ op: "done", id: m.id, acks: pack(acks) }),
        (error: unknown) => reply({ op: "done", id: m.id, error: message(error) }),
      );
      return;
    }
    if (m.op === "unsubscribe") {
      const s = subscriptions.get(m.subscription);
      subscriptions.delete(m.subscription);
      (s?.stop() ?? Promise.resolve()).then(
        () => reply({ op: "done", id: m.id }),
        (error: unknown) => reply({ op: "done", id: m.id, error: message(error) }),
      );
      return;
    }
    const wanted = new Set(m.eventTypes);
    log
      .subscribe({
        groupId: m.groupId,
        topics: m.topics,
        ...(m.startAt === undefined ? {} : { startAt: m.startAt }),
        handler: (batch) => {
          const records = batch.records.filter((r) => wanted.has(r.headers["event-type"] ?? ""));
          if (records.length === 0) return Promise.resolve();
          const n = ++batches;
          // Committed only once the worker's handler is done with it, as for a handler in this thread.
          const done = new Promise<void>((resolve, reject) =>
            waiting.set(`${m.id}:${n}`, { resolve, reject }),
          );
          const { topic, partition } = batch;
          reply({ op: "batch", subscription: m.id, batch: n, records, topic, partition });
          return done;
        },
      })
      .then(
        (s) => {
          subscriptions.set(m.id, s);
          reply({ op: "done", id: m.id });
        },
        (error: unknown) => reply({ op: "done", id: m.id, error: message(error) }),
      );
  });
  return async () => {
    const all = [...subscriptions.values()];
    subscriptions.clear();
    // A batch in flight when the worker went away would wait forever: release it first.
    for (const w of waiting.values()) w.reject(new Error("load generator stopped"));
    waiting.clear();
    await Promise.all(all.map((s) => s.stop()));
  };
}

/**
 * Worker thread: an EventLog whose publish and subscribe go to the main thread's log. `eventTypes`
 * says, per consumer group, which event types its handler wants (others never reach it).
 */
export class PortLog implements EventLog {
  private n = 0;
  private readonly calls = new Map<
    number,
    { resolve: (acks: PublishAck[]) => void; reject: (e: Error) => void }
  >();
  private readonly handlers = new Map<number, SubscribeOptions["handler"]>();

  constructor(
    private readonly port: MessagePort,
    readonly kind: EventLog["kind"],
    private readonly eventTypes: Readonly<Record<string, readonly string[]>>,
  ) {
    port.on("message", (m: LogReply) => {
      if (m.op === "batch") {
        void this.runBatch(m);
        return;
      }
      const call = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.error === undefined) call?.resolve(m.acks === undefined ? [] : unpack(m.acks));
      else call?.reject(new Error(m.error));
    });
  }

  private call(request: LogRequest): Promise<PublishAck[]> {
    return new Promise((resolve, reject) => {
      this.calls.set(request.id, { resolve, reject });
      this.port.postMessage(request);
    });
  }

  publish(topic: string, records: readonly OutgoingRecord[]): Promise<PublishAck[]> {
    return this.call({ op: "publish", id: ++this.n, topic, records });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const eventTypes = this.eventTypes[options.groupId];
    if (eventTypes === undefined)
      throw new Error(`PortLog: no event types declared for consumer group ${options.groupId}`);
    const id = ++this.n;
    this.handlers.set(id, options.handler);
    const { groupId, topics, startAt } = options;
    await this.call({ op: "subscribe", id, groupId, topics, startAt, eventTypes });
    return {
      groupId,
      stop: async () => {
        await this.call({ op: "unsubscribe", id: ++this.n, subscription: id });
        this.handlers.delete(id);
      },
    };
  }

  private async runBatch(m: Extract<LogReply, { op: "batch" }>): Promise<void> {
    const handler = this.handlers.get(m.subscription);
    // A structured clone turns a Buffer into a plain Uint8Array: give handlers Buffers again.
    const records = m.records.map((r) => ({
      ...r,
      value: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength),
    }));
    const batch: RecordBatch = { topic: m.topic, partition: m.partition, records };
    let error: string | undefined;
    try {
      await handler?.(batch, context);
    } catch (e) {
      error = message(e);
    }
    const done: BatchDone = { op: "batch-done", subscription: m.subscription, batch: m.batch };
    this.port.postMessage(error === undefined ? done : { ...done, error });
  }

  ensureTopics(): Promise<void> {
    return Promise.reject(new Error("PortLog: topics are the main thread's (ensureTopics is not bridged)"));
  }

  committedOffsets(): Promise<Map<number, number>> {
    return Promise.reject(new Error("PortLog: committedOffsets is not bridged"));
  }

  endOffsets(): Promise<Map<number, number>> {
    return Promise.reject(new Error("PortLog: endOffsets is not bridged"));
  }

  async close(): Promise<void> {
    for (const call of this.calls.values()) call.reject(new Error("PortLog closed"));
    this.calls.clear();
    this.port.close();
  }
}

/** The simulator's handlers neither dead-letter nor need heartbeats. */
const context: BatchContext = {
  deadLetter: () => Promise.reject(new Error("PortLog: deadLetter is not bridged")),
  heartbeat: () => Promise.resolve(),
  isRunning: () => true,
};
