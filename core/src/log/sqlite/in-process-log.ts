import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { setImmediate as afterPendingWork } from "node:timers/promises";
import { Topics } from "../../events/topics";
import { forgetConsumerLag, trackConsumerLag } from "../../ops/lag";
import { eventsOut } from "../../ops/metrics";
import { retryPolicy, runBatch } from "../batch-runner";
import { countDurableDeadLetters, deadLetterRecord } from "../dead-letter";
import { checkRecords, toBuffer } from "../limits";
import { partitionForKey } from "../partitioner";
import { rememberChecked } from "../typed";
import {
  type BatchContext,
  type EventLog,
  type LogRecord,
  noHeaders,
  type OutgoingRecord,
  type PublishAck,
  type RetryPolicy,
  type StartPosition,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from "../types";
import { assignPartitions } from "./group";
import { OffsetCommits } from "./offset-commits";
import { PublishQueue } from "./publish-queue";
import { ReadTurns } from "./read-turns";
import { type AppendedBatch, type AppendRow, SqliteLogStore } from "./store";
import { TailCache } from "./tail-cache";

export interface InProcessLogOptions {
  /** Data directory; the log lives in `<dataDir>/log.sqlite`. */
  dataDir: string;
  /** How often idle partitions look for records written by another process. */
  pollIntervalMs?: number;
  /** Bytes queued for the next transaction before publishers wait. */
  maxPendingBytes?: number;
  /**
   * Bytes of recently appended records kept in memory for consumers that keep up (default 16 MB:
   * 8-16 s of a 2,000 events/s soak, far more than consumers trail by). 64 MB held ~50 MB more live
   * heap, and the longer major GCs took the soak's worst event-loop p99 from 53 to 74 ms, with the
   * log benchmark unchanged (177k-181k/s either way).
   */
  tailCacheBytes?: number;
  /** How long a consumer's offset commit may wait to share a transaction with others (default 50 ms). */
  commitDelayMs?: number;
  synchronous?: "normal" | "full";
  retentionCheckMs?: number;
  /** Where the log reports trouble it survives or contains (default: standard error). */
  onFault?: (fault: LogFault) => void;
}

/** Trouble the embedded log reports instead of throwing at a caller. */
export type LogFault =
  | { type: "consumer-stopped"; groupId: string; topic: string; partition: number; error: unknown }
  | { type: "checkpoint-inline"; reason: string }
  | { type: "writer-failed"; reason: string }
  | { type: "commit-failed"; error: unknown };

function reportToStderr(fault: LogFault): void {
  if (fault.type === "consumer-stopped")
    console.error(
      `in-process log: consumer ${fault.groupId} ${fault.topic}/${fault.partition} stopped:`,
      fault.error,
    );
  else if (fault.type === "commit-failed")
    console.error("in-process log: consumer offsets not written (retrying):", fault.error);
  else if (fault.type === "checkpoint-inline")
    console.error(`in-process log: WAL checkpoint worker failed (${fault.reason}); checkpointing inline`);
  else console.error(`in-process log: writer thread failed (${fault.reason}); its appends in flight failed`);
}

interface Member {
  id: string;
  topics: readonly string[];
  options: SubscribeOptions;
  policy: RetryPolicy;
  workers: Worker[];
}

interface Worker {
  topic: string;
  partition: number;
  active: boolean;
  wake: () => void;
  done: Promise<void>;
}

interface Group {
  members: Member[];
  /** Partitions that already applied an explicit start position, so a rebalance resumes from commits. */
  positioned: Set<string>;
  rebalancing: Promise<void>;
}

const defaultBatchSize = 1_000;
/** Records per store read: a consumer's larger batch is read in several, a turn of the event loop apart. */
const storeReadStep = 10_000;

/**
 * The embedded event log: Kafka's model (topics, keyed partitions, consumer groups, committed
 * offsets) over one SQLite file, so a single machine needs no broker and loses nothing on kill -9.
 * A group's members live in one process; other processes may publish to the same file (a capture
 * replayed from a second shell) and are seen by polling.
 */
/**
 * What the tail cache holds per record beyond its key and value: the record object and its Buffer
 * view in the JS heap (~280 B) and the body's framing (12 B). Measured: 100,000 cached 300-byte
 * records took 279 B of heap and 324 B of array buffers each. The old 64 let a "16 MB" cache hold
 * ~140 MB at --simulator load (records then also pinned the 8 KB pool slabs their bodies came from).
 */
const cachedRecordOverhead = 292;

export class InProcessEventLog implements EventLog {
  readonly kind = "in-process";
  private readonly store: SqliteLogStore;
  private readonly queue: PublishQueue;
  private readonly tail: TailCache;
  /** Appends on their way to the writer thread, by "topic/partition". */
  private readonly appending = new Map<string, number>();
  private readonly commits: OffsetCommits;
  private readonly groups = new Map<string, Group>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly pollIntervalMs: number;
  private readonly onFault: (fault: LogFault) => void;
  private readonly retentionTimer: NodeJS.Timeout;
  /** Store reads behind the tail, one per turn of the event loop (read-turns.ts). */
  private readonly readTurns = new ReadTurns();
  private readonly storedEnds = new Map<string, { readAt: number; ends: number[] }>();
  private readonly leaseTimer: NodeJS.Timeout;
  private memberSequence = 0;
  private closed = false;
  /** Set once close() has stopped the consumers: publishes from then on are refused, not lost. */
  private closing = false;
  private closeDone: Promise<void> | undefined;

  constructor(options: InProcessLogOptions) {
    const path = join(options.dataDir, "log.sqlite");
    mkdirSync(dirname(path), { recursive: true });
    this.onFault = options.onFault ?? reportToStderr;
    this.store = new SqliteLogStore(
      path,
      options.synchronous ?? "normal",
      true,
      (reason) => this.onFault({ type: "checkpoint-inline", reason }),
      (reason) => this.onFault({ type: "writer-failed", reason }),
    );
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.tail = new TailCache(options.tailCacheBytes ?? 16 << 20);
    this.commits = new OffsetCommits(this.store, options.commitDelayMs ?? 50, (error) =>
      this.onFault({ type: "commit-failed", error }),
    );
    this.queue = new PublishQueue((rows) => this.appendAndNotify(rows), options.maxPendingBytes ?? 64 << 20);
    this.retentionTimer = setInterval(
      () => this.store.applyRetention(Date.now()),
      options.retentionCheckMs ?? 60_000,
    );
    this.retentionTimer.unref();
    this.leaseTimer = setInterval(() => {
      for (const groupId of this.groups.keys()) this.store.leases.acquire(groupId, Date.now());
    }, 5_000);
    this.leaseTimer.unref();
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs) this.store.ensureTopic(spec);
  }

  async publish(topic: string, records: readonly OutgoingRecord[]): Promise<PublishAck[]> {
    if (this.closed || this.closing) throw new Error("event log is closed");
    const partitions = this.store.requireTopic(topic).partitions;
    checkRecords(records);
    // Backpressure counts UTF-16 units for strings: exact for ASCII, close enough for a bound.
    let bytes = 0;
    const rows: AppendRow[] = records.map((record) => {
      bytes +=
        (typeof record.value === "string" ? record.value.length : record.value.byteLength) +
        record.key.length;
      return {
        topic,
        partition: partitionForKey(record.key, partitions),
        key: record.key,
        value:
          typeof record.value === "string" || Buffer.isBuffer(record.value)
            ? record.value
            : toBuffer(record.value),
        headers: record.headers === undefined ? null : JSON.stringify(record.headers),
        headerMap: record.headers,
        checkedEvent: record.checkedEvent,
      };
    });
    const offsets = await this.queue.enqueue(rows, bytes);
    countDurableDeadLetters(topic, records);
    return rows.map((row, i) => ({ topic, partition: row.partition, offset: offsets[i] as number }));
  }

  private async appendAndNotify(rows: AppendRow[]): Promise<number[]> {
    const partitions = new Set(rows.map((row) => `${row.topic}/${row.partition}`));
    for (const key of partitions) this.appending.set(key, (this.appending.get(key) ?? 0) + 1);
    try {
      return this.notify(rows, await this.store.appendOffThread(rows, Date.now()));
    } finally {
      for (const key of partitions) {
        const left = (this.appending.get(key) ?? 1) - 1;
        if (left === 0) this.appending.delete(key);
        else this.appending.set(key, left);
      }
    }
  }

  /** The appended records into the tail, and their partitions' workers woken. */
  private notify(rows: AppendRow[], appended: AppendedBatch[]): number[] {
    const offsets: number[] = new Array(rows.length);
    for (const batch of appended) {
      let bytes = 0;
      // Remembered only while a group reads the topic: a backfill nobody consumes yet would churn the
      // cache for nothing (it holds the last 16,384 decodes; a later reader starts further back).
      const read = this.isRead(batch.topic);
      const records: LogRecord[] = batch.rows.map((rowIndex, k) => {
        const row = rows[rowIndex] as AppendRow;
        const start = batch.valueStarts[k] as number;
        const length = batch.valueLengths[k] as number;
        offsets[rowIndex] = batch.baseOffset + k;
        bytes += length + row.key.length + cachedRecordOverhead;
        const value = batch.body.subarray(start, start + length);
        // Before any consumer can read it: this buffer's decode is the event publishEvents checked.
        if (read && row.checkedEvent !== undefined) rememberChecked(value, row.checkedEvent);
        return {
          topic: batch.topic,
          partition: batch.partition,
          offset: batch.baseOffset + k,
          key: row.key,
          value,
          // A copy: consumers must not see a publisher's later changes to its headers object.
          headers: row.headerMap === undefined ? noHeaders : { ...row.headerMap },
          timestamp: batch.timestamp,
        };
      });
      this.tail.add(batch.topic, batch.partition, batch.baseOffset, records, bytes);
      for (const wake of this.listeners.get(`${batch.topic}/${batch.partition}`) ?? []) wake();
    }
    return offsets;
  }

  private isRead(topic: string): boolean {
    for (const group of this.groups.values()) {
      for (const member of group.members) if (member.topics.includes(topic)) return true;
    }
    return false;
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error("event log is closed");
    for (const topic of options.topics) this.store.requireTopic(topic);
    this.store.ensureTopic({ name: Topics.deadLetter, partitions: 4 });
    let group = this.groups.get(options.groupId);
    if (group === undefined) {
      const holder = this.store.leases.acquire(options.groupId, Date.now());
      if (holder !== undefined) {
        throw new Error(
          `consumer group "${options.groupId}" is already consuming in process ${holder.pid} on ${holder.host} ` +
            "(the in-process log shares a group's partitions within one process; stop that process or use Kafka)",
        );
      }
      group = { members: [], positioned: new Set(), rebalancing: Promise.resolve() };
      this.groups.set(options.groupId, group);
    }
    const member: Member = {
      id: `member-${++this.memberSequence}`,
      topics: [...options.topics],
      options,
      policy: retryPolicy(options.retry),
      workers: [],
    };
    group.members.push(member);
    await this.rebalance(options.groupId, group);
    const untrack = trackConsumerLag(this, options.groupId, options.topics);
    let stopped = false;
    return {
      groupId: options.groupId,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        untrack();
        const current = this.groups.get(options.groupId);
        if (current === undefined) return;
        current.members = current.members.filter((m) => m !== member);
        for (const worker of member.workers) {
          worker.active = false;
          worker.wake();
        }
        await Promise.all(member.workers.map((w) => w.done));
        await this.rebalance(options.groupId, current);
        if (current.members.length === 0 && this.groups.get(options.groupId) === current) {
          this.groups.delete(options.groupId);
          // Its commits are written before another process can take the group over.
          if (!this.closed && this.commits.flush()) this.store.leases.release(options.groupId);
        }
      },
    };
  }

  /** Stops every worker of the group (each finishes its batch), then hands partitions out again. */
  private rebalance(groupId: string, group: Group): Promise<void> {
    group.rebalancing = group.rebalancing.then(async () => {
      const all = group.members.flatMap((m) => m.workers);
      for (const worker of all) {
        worker.active = false;
        worker.wake();
      }
      await Promise.all(all.map((w) => w.done));
      const assignment = assignPartitions(group.members, (t) => this.store.requireTopic(t).partitions);
      for (const member of group.members) {
        member.workers = (assignment.get(member.id) ?? []).map(({ topic, partition }) =>
          this.startWorker(groupId, group, member, topic, partition),
        );
      }
    });
    return group.rebalancing;
  }

  private startPosition(groupId: string, group: Group, topic: string, partition: number, at: StartPosition) {
    const key = `${topic}/${partition}`;
    const committed = this.commits.committed(groupId, topic, partition);
    if (at === "committed" || group.positioned.has(key)) {
      return committed ?? this.store.earliestOffset(topic, partition);
    }
    group.positioned.add(key);
    if (at === "earliest") return this.store.earliestOffset(topic, partition);
    if (at === "latest") return this.store.endOffset(topic, partition);
    return this.store.offsetForTime(topic, partition, at.timestamp);
  }

  private startWorker(
    groupId: string,
    group: Group,
    member: Member,
    topic: string,
    partition: number,
  ): Worker {
    const worker: Worker = { topic, partition, active: true, wake: () => {}, done: Promise.resolve() };
    worker.done = this.runWorker(groupId, group, member, worker).catch((error: unknown) => {
      // A store failure (disk full, file removed) stops this partition loudly rather than skipping records.
      this.onFault({ type: "consumer-stopped", groupId, topic, partition, error });
    });
    return worker;
  }

  private async runWorker(groupId: string, group: Group, member: Member, worker: Worker): Promise<void> {
    const { topic, partition } = worker;
    const maxBatch = member.options.maxBatchSize ?? defaultBatchSize;
    let position = this.startPosition(
      groupId,
      group,
      topic,
      partition,
      member.options.startAt ?? "committed",
    );
    const context: BatchContext = {
      deadLetter: async (record: LogRecord, why) => {
        await this.publish(Topics.deadLetter, [deadLetterRecord(record, why, groupId)]);
      },
      heartbeat: async () => {},
      isRunning: () => worker.active && !this.closed,
    };
    const step = `consumer:${groupId}`;
    const handled = eventsOut.labels(groupId);
    // The store returns whole stored batches; what is past maxBatch waits here for the next round.
    let fetched: LogRecord[] = [];
    let next = 0;
    let lastStoreRead = 0;
    // The workers of a rebalance start in one synchronous loop: without this turn of the event loop
    // each would read its first batch, and its handler start on it, before any handler's promised
    // work could begin (the warehouse sink's first write waited for all 8 partitions of its bench,
    // ~200,000 records read and converted, 1.5-1.8 s, instead of starting after the first half).
    await afterPendingWork();
    while (context.isRunning()) {
      if (next >= fetched.length || fetched[next]?.offset !== position) {
        // Caught up with what this process appended: the store is asked at most once per poll
        // interval, and its batches are read only when the partition's end offset is past this
        // position (another process appended, or the writer committed a batch whose answer is still
        // on its way here). The end offset is one row by primary key; reading batches to find
        // nothing cost hundreds of blob reads a second in the soak.
        const cached = this.tail.read(topic, partition, position, maxBatch);
        const now = Date.now();
        if (cached !== undefined && (cached.length > 0 || now - lastStoreRead < this.pollIntervalMs)) {
          fetched = cached;
        } else if (
          // Caught up with the tail (or none yet) while this process's append to the partition is on
          // its way: its records come through the tail when the writer's answer arrives, as the
          // buffers the publisher's checked events were remembered for (rememberChecked). Read from
          // the store meanwhile, they were parsed again. A reader behind the tail reads the store.
          ((cached !== undefined || !this.tail.holds(topic, partition)) &&
            this.appending.has(`${topic}/${partition}`)) ||
          (cached !== undefined && this.storedEndOffset(topic, partition, now) <= position)
        ) {
          fetched = cached ?? [];
          lastStoreRead = now;
        } else {
          fetched = [];
          // In steps, each its own turn: one read of a 100,000-record batch held the thread for
          // 0.3-0.9 s, and every I/O step of the warehouse sink's first write (its pending file's
          // stage, sync and rename) waited for a whole partition's read, the first insert ~5 s in.
          while (fetched.length < maxBatch) {
            await this.readTurns.take(fetched.length > 0);
            if (!context.isRunning()) return;
            const step = Math.min(storeReadStep, maxBatch - fetched.length);
            // From after the last record read: the first step may have started past `position`
            // (retention deleted the records there).
            const last = fetched[fetched.length - 1];
            const from = last === undefined ? position : last.offset + 1;
            const more = this.store.read(topic, partition, from, step);
            for (const record of more) fetched.push(record);
            if (more.length < step) break;
          }
          lastStoreRead = Date.now();
        }
        next = 0;
      }
      if (fetched.length === 0) {
        await this.waitForRecords(worker);
        continue;
      }
      const records = fetched.slice(next, next + maxBatch);
      next += records.length;
      const outcome = await runBatch(
        { topic, partition, records },
        member.options.handler,
        context,
        member.policy,
        step,
      );
      if (outcome.type === "stopped") return;
      handled.inc(records.length);
      const last = records[records.length - 1] as LogRecord;
      position = last.offset + 1;
      this.commits.commit(groupId, topic, partition, position);
    }
  }

  /**
   * A partition's end offset as the store last said, read again once it is a quarter of a poll
   * interval old: every caught-up worker of every group asks once per poll interval, and a query
   * each was ~1.7% of the platform's main thread (a 40 s profile). One query now answers a topic's
   * partitions for all of them. Staler by at most that quarter: only another process's appends are
   * seen through it; this process's come through the tail.
   */
  private storedEndOffset(topic: string, partition: number, now: number): number {
    let seen = this.storedEnds.get(topic);
    if (seen === undefined || now - seen.readAt >= this.pollIntervalMs / 4) {
      seen = { readAt: now, ends: this.store.endOffsets(topic) };
      this.storedEnds.set(topic, seen);
    }
    return seen.ends[partition] ?? 0;
  }

  private waitForRecords(worker: Worker): Promise<void> {
    const key = `${worker.topic}/${worker.partition}`;
    return new Promise<void>((resolve) => {
      let set = this.listeners.get(key);
      if (set === undefined) {
        set = new Set();
        this.listeners.set(key, set);
      }
      const listeners = set;
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, this.pollIntervalMs);
      listeners.add(finish);
      worker.wake = finish;
    });
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
    return this.commits.committedAll(groupId, topic);
  }

  async endOffsets(topic: string): Promise<Map<number, number>> {
    const partitions = this.store.requireTopic(topic).partitions;
    const result = new Map<number, number>();
    const ends = this.store.endOffsets(topic);
    for (let p = 0; p < partitions; p++) result.set(p, ends[p] ?? 0);
    return result;
  }

  close(): Promise<void> {
    this.closeDone ??= this.shutDown();
    return this.closeDone;
  }

  private async shutDown(): Promise<void> {
    forgetConsumerLag(this);
    const workers = [...this.groups.values()].flatMap((g) => g.members.flatMap((m) => m.workers));
    for (const worker of workers) {
      worker.active = false;
      worker.wake();
    }
    await Promise.all(workers.map((w) => w.done));
    this.closing = true;
    await this.queue.drain();
    this.commits.flush();
    for (const groupId of this.groups.keys()) this.store.leases.release(groupId);
    this.closed = true;
    clearInterval(this.retentionTimer);
    clearInterval(this.leaseTimer);
    await this.store.close();
  }
}
