import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Topics } from "../../src/events/topics";
import {
  DeadLetterHeaders,
  type EventLog,
  type LogRecord,
  partitionForKey,
  RecordRejectedError,
  TransientError,
} from "../../src/log/index";
import { collect, type LogHarness, sleep, startChild, uniqueName, waitUntil } from "./harness";

const text = (r: LogRecord) => r.value.toString("utf8");

async function publishNumbered(log: EventLog, topic: string, count: number, keys: number, prefix = "v") {
  const records = Array.from({ length: count }, (_, i) => ({
    key: `key-${i % keys}`,
    value: `${prefix}-${i}`,
  }));
  return log.publish(topic, records);
}

/** One suite, run unchanged against every adapter. */
export function eventLogContract(adapter: string, makeHarness: () => Promise<LogHarness>): void {
  describe(`event log contract: ${adapter}`, () => {
    let harness: LogHarness;
    let log: EventLog;
    let topic: string;

    beforeEach(async () => {
      harness = await makeHarness();
      log = await harness.open();
      topic = uniqueName("contract");
      await log.ensureTopics([{ name: topic, partitions: 4 }]);
    });

    afterEach(async () => {
      await log.close();
      await harness.cleanup();
    });

    it("keeps the order of each key and puts a key on the same partition on every adapter", async () => {
      const acks = await publishNumbered(log, topic, 400, 20);
      expect(acks.map((ack) => ack.partition)).toEqual(
        Array.from({ length: 400 }, (_, i) => partitionForKey(`key-${i % 20}`, 4)),
      );
      const consumer = await collect(log, { groupId: uniqueName("order"), topics: [topic] });
      await consumer.waitFor(400);
      await consumer.subscription.stop();
      expect(consumer.records).toHaveLength(400);
      const lastSeen = new Map<string, number>();
      for (const record of consumer.records) {
        const sequence = Number(text(record).split("-")[1]);
        expect(sequence).toBeGreaterThan(lastSeen.get(record.key) ?? -1);
        lastSeen.set(record.key, sequence);
        expect(record.partition).toBe(partitionForKey(record.key, 4));
      }
    });

    it("hands the handler batches no larger than asked, with headers intact", async () => {
      await log.publish(
        topic,
        Array.from({ length: 500 }, (_, i) => ({
          key: "one-key",
          value: `v-${i}`,
          headers: { "event-type": "t" },
        })),
      );
      const consumer = await collect(log, {
        groupId: uniqueName("batch"),
        topics: [topic],
        maxBatchSize: 50,
      });
      await consumer.waitFor(500);
      await consumer.subscription.stop();
      expect(Math.max(...consumer.batches)).toBeLessThanOrEqual(50);
      expect(Math.max(...consumer.batches)).toBeGreaterThan(1);
      expect(consumer.records.every((r) => r.headers["event-type"] === "t")).toBe(true);
    });

    it("retries a batch that failed transiently and commits only after it succeeded", async () => {
      await publishNumbered(log, topic, 100, 5);
      const groupId = uniqueName("transient");
      let failuresLeft = 2;
      const seen: string[] = [];
      const subscription = await log.subscribe({
        groupId,
        topics: [topic],
        retry: { initialDelayMs: 5 },
        handler: async (batch) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new TransientError("warehouse away");
          }
          for (const r of batch.records) seen.push(text(r));
        },
      });
      await waitUntil(() => seen.length >= 100, 30_000, "all records after transient failures");
      const end = await log.endOffsets(topic);
      await subscription.stop();
      expect(new Set(seen).size).toBe(100);
      expect(seen).toHaveLength(100);
      expect(await log.committedOffsets(groupId, topic)).toEqual(end);
    });

    it("puts a poison record on the dead-letter topic with its reason and keeps consuming", async () => {
      const records = Array.from({ length: 10 }, (_, i) => ({
        key: i === 4 ? "poison-key" : `key-${i}`,
        value: i === 4 ? "not json {" : `ok-${i}`,
        headers: { origin: "test" },
      }));
      const acks = await log.publish(topic, records);
      const poisonAck = acks[4];
      const groupId = uniqueName("poison");
      const handled: string[] = [];
      const subscription = await log.subscribe({
        groupId,
        topics: [topic],
        retry: { initialDelayMs: 2, attemptsBeforeIsolation: 2 },
        handler: async (batch) => {
          for (const r of batch.records) {
            if (text(r).startsWith("not json")) throw new Error(`cannot parse record at offset ${r.offset}`);
          }
          for (const r of batch.records) handled.push(text(r));
        },
      });
      const dead = await collect(log, { groupId: uniqueName("dlq-reader"), topics: [Topics.deadLetter] });
      await waitUntil(
        () => handled.length >= 9 && dead.records.some((r) => r.key === "poison-key"),
        30_000,
        "nine good records and one dead letter",
      );
      await subscription.stop();
      await dead.subscription.stop();
      expect(new Set(handled).size).toBe(9);
      const letter = dead.records.find((r) => r.key === "poison-key");
      expect(letter).toBeDefined();
      expect(text(letter as LogRecord)).toBe("not json {");
      expect(letter?.headers).toMatchObject({
        origin: "test",
        [DeadLetterHeaders.reason]: `cannot parse record at offset ${poisonAck?.offset}`,
        [DeadLetterHeaders.step]: `consumer:${groupId}`,
        [DeadLetterHeaders.topic]: topic,
        [DeadLetterHeaders.partition]: String(poisonAck?.partition),
        [DeadLetterHeaders.offset]: String(poisonAck?.offset),
        [DeadLetterHeaders.group]: groupId,
      });
      expect(Number.isNaN(Date.parse(letter?.headers[DeadLetterHeaders.time] ?? ""))).toBe(false);
      expect(await log.committedOffsets(groupId, topic)).toEqual(await log.endOffsets(topic));
    });

    it("replays from the beginning and from a point in time", async () => {
      await publishNumbered(log, topic, 50, 7, "early");
      await sleep(50);
      const cut = Date.now();
      await sleep(50);
      await publishNumbered(log, topic, 50, 7, "late");
      const groupId = uniqueName("replay");
      const first = await collect(log, { groupId, topics: [topic] });
      await first.waitFor(100);
      await first.subscription.stop();

      const again = await collect(log, { groupId, topics: [topic], startAt: "earliest" });
      await again.waitFor(100);
      await sleep(harness.settleMs);
      await again.subscription.stop();
      expect(again.records).toHaveLength(100);

      const fromTime = await collect(log, {
        groupId: uniqueName("from-time"),
        topics: [topic],
        startAt: { timestamp: cut },
      });
      await fromTime.waitFor(50);
      await sleep(harness.settleMs);
      await fromTime.subscription.stop();
      expect(fromTime.records.map(text).sort()).toEqual(
        Array.from({ length: 50 }, (_, i) => `late-${i}`).sort(),
      );
    });

    it("shares partitions inside a group and hands them over when a member leaves", async () => {
      const groupId = uniqueName("shared");
      const a = await collect(log, { groupId, topics: [topic] });
      const b = await collect(log, { groupId, topics: [topic] });
      await sleep(harness.settleMs);
      await publishNumbered(log, topic, 200, 40, "round1");
      await waitUntil(
        () => a.records.length + b.records.length >= 200,
        60_000,
        "200 records over two members",
      );
      const partitionsA = new Set(a.records.map((r) => r.partition));
      const partitionsB = new Set(b.records.map((r) => r.partition));
      expect(partitionsA.size).toBeGreaterThan(0);
      expect(partitionsB.size).toBeGreaterThan(0);
      expect([...partitionsA].filter((p) => partitionsB.has(p))).toEqual([]);
      expect(a.records.length + b.records.length).toBe(200);

      await a.subscription.stop();
      await sleep(harness.settleMs);
      const before = b.records.length;
      await publishNumbered(log, topic, 200, 40, "round2");
      await waitUntil(
        () => b.records.length - before >= 200,
        60_000,
        "the remaining member to take every partition",
      );
      await b.subscription.stop();
      expect(new Set(b.records.slice(before).map((r) => r.partition)).size).toBe(4);
    });

    it("resumes from committed offsets after the log is reopened", async () => {
      await publishNumbered(log, topic, 60, 6, "before");
      const groupId = uniqueName("resume");
      const first = await collect(log, { groupId, topics: [topic] });
      await first.waitFor(60);
      await first.subscription.stop();
      await log.close();

      log = await harness.open();
      await publishNumbered(log, topic, 30, 6, "after");
      const second = await collect(log, { groupId, topics: [topic] });
      await second.waitFor(30);
      await sleep(harness.settleMs);
      await second.subscription.stop();
      expect(second.records.map(text).sort()).toEqual(
        Array.from({ length: 30 }, (_, i) => `after-${i}`).sort(),
      );
    });

    it("redelivers exactly what was uncommitted when a consumer process is killed mid-batch", async () => {
      await publishNumbered(log, topic, 200, 13);
      const groupId = uniqueName("killed-consumer");
      const child = startChild(harness.childEnv(), ["consume", topic, groupId, "6"]);
      const hung = await child.waitForLine((l) => l.startsWith("hung"));
      await sleep(300);
      await child.kill();
      const [, hungPartition, hungOffset] = hung.split(" ");
      const committed = await log.committedOffsets(groupId, topic);
      expect(committed.get(Number(hungPartition)) ?? 0).toBeLessThanOrEqual(Number(hungOffset));

      const end = await log.endOffsets(topic);
      let remaining = 0;
      for (const [partition, high] of end) remaining += high - (committed.get(partition) ?? 0);
      const after = await collect(log, { groupId, topics: [topic] });
      await after.waitFor(remaining, 60_000);
      await sleep(harness.settleMs);
      await after.subscription.stop();
      expect(after.records).toHaveLength(remaining);
      for (const [partition] of end) {
        const offsets = after.records.filter((r) => r.partition === partition).map((r) => r.offset);
        if (offsets.length > 0) expect(Math.min(...offsets)).toBe(committed.get(partition) ?? 0);
      }
      expect(
        after.records.some((r) => r.partition === Number(hungPartition) && r.offset === Number(hungOffset)),
      ).toBe(true);
      const delivered = new Set([
        ...child.lines.filter((l) => l.startsWith("got")).map((l) => l.slice(4)),
        ...after.records.map((r) => `${r.partition} ${r.offset}`),
      ]);
      expect(delivered.size).toBe(200);
    });

    it("keeps every acknowledged record when the publishing process is killed", async () => {
      const child = startChild(harness.childEnv(), ["publish", topic, "100000"]);
      await child.waitForLine((l) => l.startsWith("acked"));
      await waitUntil(() => child.lines.length > 2_000, 60_000, "two thousand acknowledgements");
      await child.kill();
      const acked = child.lines.filter((l) => l.startsWith("acked")).map((l) => l.split(" "));
      await log.close();
      log = await harness.open();
      const end = await log.endOffsets(topic);
      let total = 0;
      for (const high of end.values()) total += high;
      const all = await collect(log, {
        groupId: uniqueName("after-kill"),
        topics: [topic],
        startAt: "earliest",
      });
      await all.waitFor(total, 60_000);
      await all.subscription.stop();
      const stored = new Map(all.records.map((r) => [`${r.partition} ${r.offset}`, r]));
      for (const [, key, partition, offset, value] of acked) {
        const record = stored.get(`${partition} ${offset}`);
        expect(record?.key).toBe(key);
        expect(record === undefined ? undefined : text(record)).toBe(value);
      }
      expect(acked.length).toBeGreaterThanOrEqual(2_000);
    });

    it("refuses an oversized record at publish with what, where and why", async () => {
      const huge = Buffer.alloc(1_100_000, 1);
      await expect(
        log.publish(topic, [
          { key: "k", value: "fine" },
          { key: "k", value: huge },
        ]),
      ).rejects.toThrow(
        new RecordRejectedError(1, "value", "1100000 bytes is over the 1000000-byte record limit"),
      );
    });
  });
}
