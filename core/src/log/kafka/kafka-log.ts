import {
  type Admin,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  logLevel,
  Partitioners,
  type Producer,
} from "kafkajs";
import { Topics } from "../../events/topics";
import { forgetConsumerLag, trackConsumerLag } from "../../ops/lag";
import { eventsOut } from "../../ops/metrics";
import { retryPolicy, runBatch } from "../batch-runner";
import { countDurableDeadLetters, deadLetterRecord } from "../dead-letter";
import { checkRecords, toBuffer } from "../limits";
import { partitionForKey } from "../partitioner";
import type {
  BatchContext,
  EventLog,
  LogRecord,
  OutgoingRecord,
  PublishAck,
  RecordHeaders,
  SubscribeOptions,
  Subscription,
  TopicSpec,
} from "../types";

export interface KafkaLogOptions {
  brokers: readonly string[];
  clientId?: string;
  /** Partitions of the dead-letter topic when this log has to create it. */
  deadLetterPartitions?: number;
  /** Partitions of one subscription processed at once (caps in-flight work). */
  partitionsConsumedConcurrently?: number;
}

function headersOf(message: KafkaMessage): RecordHeaders {
  const headers: RecordHeaders = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return headers;
}

function toLogRecord(topic: string, partition: number, message: KafkaMessage): LogRecord {
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key?.toString() ?? "",
    value: message.value ?? Buffer.alloc(0),
    headers: headersOf(message),
    timestamp: Number(message.timestamp),
  };
}

/**
 * The event log on Apache Kafka through kafkajs. Same contract as the in-process log: an
 * idempotent producer with acks from all in-sync replicas, batched consumption whose offsets are
 * resolved and committed only after the handler succeeded, poison records to the dead-letter topic.
 */
/** A compacted topic keeps the latest record per key forever; others keep time-based retention. */
function topicConfig(spec: TopicSpec): { name: string; value: string }[] {
  if (spec.compact === true) return [{ name: "cleanup.policy", value: "compact" }];
  return spec.retentionMs === undefined ? [] : [{ name: "retention.ms", value: String(spec.retentionMs) }];
}

export class KafkaEventLog implements EventLog {
  readonly kind = "kafka";
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly partitionCounts = new Map<string, number>();
  private readonly subscriptions = new Set<Subscription>();
  private connected: Promise<void> | undefined;

  constructor(private readonly options: KafkaLogOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? "starboard",
      brokers: [...options.brokers],
      logLevel: logLevel.ERROR,
      retry: { retries: 8, initialRetryTime: 200 },
    });
    this.admin = this.kafka.admin();
    // The default partitioner is murmur2 like ours; we still set partitions explicitly so both agree.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private connect(): Promise<void> {
    this.connected ??= Promise.all([this.admin.connect(), this.producer.connect()]).then(() => undefined);
    return this.connected;
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.name));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.name,
          numPartitions: spec.partitions,
          replicationFactor: -1,
          configEntries: topicConfig(spec),
        })),
      });
    }
    for (const spec of specs) this.partitionCounts.delete(spec.name);
  }

  private async partitionsOf(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const count = metadata.topics[0]?.partitions.length ?? 0;
    if (count === 0) throw new Error(`unknown topic "${topic}": create it with ensureTopics first`);
    this.partitionCounts.set(topic, count);
    return count;
  }

  async publish(topic: string, records: readonly OutgoingRecord[]): Promise<PublishAck[]> {
    await this.connect();
    checkRecords(records);
    const partitions = await this.partitionsOf(topic);
    const partitionOf = records.map((r) => partitionForKey(r.key, partitions));
    const metadata = await this.producer.send({
      topic,
      acks: -1,
      messages: records.map((record, i) => ({
        key: record.key,
        value: typeof record.value === "string" ? record.value : toBuffer(record.value),
        partition: partitionOf[i] as number,
        headers: record.headers as IHeaders | undefined,
      })),
    });
    countDurableDeadLetters(topic, records);
    // Kafka answers with one base offset per partition; records of a partition follow it in send order.
    const next = new Map<number, number>();
    for (const m of metadata) next.set(m.partition, Number(m.baseOffset ?? 0));
    return partitionOf.map((partition) => {
      const offset = next.get(partition) ?? 0;
      next.set(partition, offset + 1);
      return { topic, partition, offset };
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.connect();
    await this.ensureTopics([
      { name: Topics.deadLetter, partitions: this.options.deadLetterPartitions ?? 4 },
    ]);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      rebalanceTimeout: 30_000,
      maxBytesPerPartition: 4 << 20,
      retry: { retries: 8, initialRetryTime: 200 },
    });
    await consumer.connect();
    const startAt = options.startAt ?? "committed";
    for (const topic of options.topics) {
      await consumer.subscribe({ topic, fromBeginning: startAt !== "latest" });
    }
    if (startAt !== "committed") await this.seekGroup(options.groupId, options.topics, startAt);
    let running = true;
    const policy = retryPolicy(options.retry);
    const maxBatch = options.maxBatchSize ?? 1_000;
    const step = `consumer:${options.groupId}`;
    const handled = eventsOut.labels(options.groupId);
    // Resolve once the consumer is in its group with partitions assigned, as the in-process log's
    // subscribe does: a caller timing silence (the router's replay treats 5 s without records as a
    // partition emptied by retention) must not count the join. Right after a broker restart the
    // coordinator can take longer than that to load, and a replay then rebuilt nothing.
    let joined!: () => void;
    const inGroup = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const removeJoinListener = consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      // Commit whatever was resolved each time we ask; we only resolve after the handler succeeded.
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        isRunning,
        isStale,
      }) => {
        const context: BatchContext = {
          deadLetter: async (record, why) => {
            await this.publish(Topics.deadLetter, [deadLetterRecord(record, why, options.groupId)]);
          },
          heartbeat,
          isRunning: () => running && isRunning() && !isStale(),
        };
        const records = batch.messages.map((m) => toLogRecord(batch.topic, batch.partition, m));
        for (let at = 0; at < records.length; at += maxBatch) {
          const chunk = records.slice(at, at + maxBatch);
          const outcome = await runBatch(
            { topic: batch.topic, partition: batch.partition, records: chunk },
            options.handler,
            context,
            policy,
            step,
          );
          if (outcome.type === "stopped") return;
          handled.inc(chunk.length);
          const last = chunk[chunk.length - 1] as LogRecord;
          resolveOffset(String(last.offset));
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
    // Bounded: a group that cannot join keeps retrying inside kafkajs; the caller goes on after 60 s.
    let joinTimer: NodeJS.Timeout | undefined;
    await Promise.race([
      inGroup,
      new Promise<void>((resolve) => {
        joinTimer = setTimeout(resolve, 60_000);
      }),
    ]);
    clearTimeout(joinTimer);
    removeJoinListener();
    const untrack = trackConsumerLag(this, options.groupId, options.topics);
    const subscription: Subscription = {
      groupId: options.groupId,
      stop: async () => {
        running = false;
        untrack();
        this.subscriptions.delete(subscription);
        await consumer.disconnect();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Replays move the group's committed offsets before it joins, the way kafka-consumer-groups --reset-offsets does. */
  private async seekGroup(
    groupId: string,
    topics: readonly string[],
    startAt: "earliest" | "latest" | { timestamp: number },
  ): Promise<void> {
    for (const topic of topics) {
      if (startAt === "earliest" || startAt === "latest") {
        await this.admin.resetOffsets({ groupId, topic, earliest: startAt === "earliest" });
        continue;
      }
      const offsets = await this.admin.fetchTopicOffsetsByTimestamp(topic, startAt.timestamp);
      await this.admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map((o) => ({ partition: o.partition, offset: o.offset })),
      });
    }
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
    await this.connect();
    const [result] = await retryWhileSettling(() => this.admin.fetchOffsets({ groupId, topics: [topic] }));
    const offsets = new Map<number, number>();
    for (const p of result?.partitions ?? []) {
      if (Number(p.offset) >= 0) offsets.set(p.partition, Number(p.offset));
    }
    return offsets;
  }

  async endOffsets(topic: string): Promise<Map<number, number>> {
    await this.connect();
    const offsets = await retryWhileSettling(() => this.admin.fetchTopicOffsets(topic));
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  }

  async close(): Promise<void> {
    forgetConsumerLag(this);
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.connected !== undefined) {
      await this.connected.catch(() => undefined);
      await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
    }
  }
}

/**
 * Right after a topic is created (or a broker restarts) its partitions may have no leader yet and
 * the admin calls answer NOT_LEADER_FOR_PARTITION / LEADER_NOT_AVAILABLE, which Kafka marks
 * retriable but kafkajs' admin does not retry for offsets; with metadata that lists no leader yet,
 * kafkajs 2.2.4's fetchTopicOffsets even throws a TypeError (it pops an empty result). Retry both
 * for up to ~10 s.
 */
async function retryWhileSettling<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retriable = (error as { retriable?: unknown }).retriable === true || error instanceof TypeError;
      if (!retriable || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** attempt)));
    }
  }
}
