import type { StarboardEvent } from "../events/index";

/** Headers travel with a record unchanged; values are strings so both adapters store them alike. */
export type RecordHeaders = Record<string, string>;

/** The headers of every record that has none: one frozen object instead of an allocation per record. */
export const noHeaders: Readonly<RecordHeaders> = Object.freeze({});

export interface OutgoingRecord {
  /** Partition key: records with the same key keep their order. */
  key: string;
  value: Uint8Array | string;
  headers?: RecordHeaders;
  /**
   * The checked event `value` serializes, set by publishEvents when the checks made every value in
   * it (own-copy.ts). The in-process log hands it to its consumers' decodeEventRecord in place of a
   * parse when it stands for those bytes; Kafka's consumers read other buffers, and its publish
   * ignores it.
   */
  checkedEvent?: StarboardEvent;
}

export interface LogRecord {
  topic: string;
  partition: number;
  /** Position in the partition; the committed offset of a group is the next offset it will read. */
  offset: number;
  key: string;
  value: Buffer;
  /** Read-only: records without headers share one frozen empty object. */
  headers: Readonly<RecordHeaders>;
  /** Append time in epoch milliseconds (never earlier than the record before it in the partition). */
  timestamp: number;
}

export interface PublishAck {
  topic: string;
  partition: number;
  offset: number;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Records older than this may be deleted; undefined keeps the adapter's default (7 days). */
  retentionMs?: number;
  /**
   * A table rather than a history (Kafka's cleanup.policy=compact): the latest record per key must
   * survive, so time retention never applies. The embedded log keeps every record and readers fold
   * by key; Kafka drops superseded ones in the background.
   */
  compact?: boolean;
}

/** One partition's records, in offset order. */
export interface RecordBatch {
  topic: string;
  partition: number;
  records: readonly LogRecord[];
}

export interface DeadLetterReason {
  /** What was wrong, for a person: "data.waitSeconds: must be >= 0". */
  reason: string;
  /** Which step refused it: "parse", "sink.convert", "router.apply"... */
  step: string;
}

export interface BatchContext {
  /** Puts the record on the dead-letter topic (durably) with the reason; the batch may then commit past it. */
  deadLetter(record: LogRecord, why: DeadLetterReason): Promise<void>;
  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** False once the subscription is stopping: finish or throw quickly, nothing will be committed past you. */
  isRunning(): boolean;
}

export type BatchHandler = (batch: RecordBatch, context: BatchContext) => Promise<void>;

/**
 * Where a group starts reading a partition. "committed" resumes from the group's committed offset and
 * falls back to the earliest record; "earliest" and { timestamp } replay whatever was committed.
 */
export type StartPosition = "committed" | "earliest" | "latest" | { timestamp: number };

export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Attempts of a failing batch before its records are retried one by one and poison goes to the dead-letter topic. */
  attemptsBeforeIsolation: number;
}

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  handler: BatchHandler;
  startAt?: StartPosition;
  /** Largest batch handed to the handler. */
  maxBatchSize?: number;
  retry?: Partial<RetryPolicy>;
}

export interface Subscription {
  readonly groupId: string;
  /** Finishes the batch in flight, commits what succeeded, leaves the group. */
  stop(): Promise<void>;
}

export interface EventLog {
  readonly kind: "in-process" | "kafka";
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** Resolves once every record is durable (SQLite transaction committed, or Kafka acks=all). */
  publish(topic: string, records: readonly OutgoingRecord[]): Promise<PublishAck[]>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Committed offsets of a group per partition of a topic (next offset to read), for lag and tests. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, number>>;
  /** End offsets (next offset to be written) per partition. */
  endOffsets(topic: string): Promise<Map<number, number>>;
  close(): Promise<void>;
}
