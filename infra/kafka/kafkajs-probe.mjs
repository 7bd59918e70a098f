#!/usr/bin/env node
// kafkajs <-> broker compatibility probe for infra/kafka.
//
//   bash infra/kafka/kafka.sh start
//   node infra/kafka/kafkajs-probe.mjs            # BROKERS=host:port,... to override
//
// Exercises every protocol path Starboard is expected to use with kafkajs
// (admin create/list/describe/delete topics, idempotent producer
// (InitProducerId), consumer groups (JoinGroup/SyncGroup/Heartbeat/
// OffsetCommit/OffsetFetch/LeaveGroup), committed-offset admin calls,
// transactions) and prints "N passed, M failed". Exit code 1 on any failure.
// kafkajs is resolved from the monorepo's node_modules (npm ci first).
// It creates and deletes its own uniquely named topics/groups.
// Not part of any test suite; re-run it when bumping Kafka or kafkajs.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";
const { default: kafkajs } = await import("kafkajs");
const { Kafka, logLevel, CompressionTypes } = kafkajs;

const brokers = (process.env.STARBOARD_KAFKA_BROKERS || "127.0.0.1:9092").split(",");
const kafka = new Kafka({ clientId: "probe", brokers, logLevel: logLevel.WARN, retry: { retries: 5 } });
const suffix = Date.now().toString(36);
const topic = `probe-${suffix}`;
const topic2 = `probe2-${suffix}`;
const groupId = `probe-group-${suffix}`;
const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    const r = await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`PASS ${name} (${Date.now() - t0} ms)${r !== undefined ? ` -> ${JSON.stringify(r)}` : ""}`);
    return r;
  } catch (e) {
    results.push({ name, ok: false, err: `${e.name}: ${e.message}` });
    console.log(`FAIL ${name}: ${e.name}: ${e.message}${e.type ? ` type=${e.type}` : ""}`);
  }
}

const admin = kafka.admin();
await step("admin.connect", () => admin.connect());
await step("admin.describeCluster", async () => {
  const c = await admin.describeCluster();
  return { brokers: c.brokers.length, controller: c.controller };
});
await step("admin.createTopics (4 partitions)", () =>
  admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 4, replicationFactor: 1 }] }),
);
await step("admin.createTopics (default partitions)", () =>
  admin.createTopics({ waitForLeaders: true, topics: [{ topic: topic2 }] }),
);
await step("admin.listTopics", async () => (await admin.listTopics()).filter((t) => t.includes(suffix)));
await step("admin.fetchTopicMetadata", async () =>
  (await admin.fetchTopicMetadata({ topics: [topic, topic2] })).topics.map((t) => [
    t.name,
    t.partitions.length,
  ]),
);
await step("admin.describeConfigs", async () => {
  const r = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: 2 /* TOPIC */, name: topic }],
  });
  return r.resources[0].configEntries.find((e) => e.configName === "cleanup.policy")?.configValue;
});
await step("admin.createPartitions", () =>
  admin.createPartitions({ topicPartitions: [{ topic: topic2, count: 5 }] }),
);

const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await step("producer(idempotent).connect", () => producer.connect());
await step("producer(idempotent).send 40 msgs (InitProducerId + Produce)", async () => {
  const messages = Array.from({ length: 40 }, (_, i) => ({
    key: `k${i}`,
    value: `v${i}`,
    headers: { h: "x" },
  }));
  const r = await producer.send({ topic, messages, acks: -1 });
  return r.map((x) => [x.partition, x.baseOffset]);
});
await step("producer(idempotent).send gzip", () =>
  producer
    .send({ topic, compression: CompressionTypes.GZIP, messages: [{ key: "gz", value: "gzipped" }] })
    .then(() => "ok"),
);
await step("producer.sendBatch", () =>
  producer
    .sendBatch({ topicMessages: [{ topic: topic2, messages: [{ value: "a" }, { value: "b" }] }] })
    .then((r) => r.length),
);

await step("admin.fetchTopicOffsets", async () =>
  (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.low, p.high]),
);
await step("admin.fetchTopicOffsetsByTimestamp", async () =>
  (await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - 60000)).map((p) => [p.partition, p.offset]),
);

const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500 });
await step("consumer.connect+subscribe", async () => {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
});
const got = [];
await step("consumer group consume 41 msgs (JoinGroup/SyncGroup/Fetch/Heartbeat/OffsetCommit)", async () => {
  await new Promise((resolve, reject) => {
    const to = setTimeout(() => reject(new Error(`timeout, got ${got.length}`)), 30000);
    consumer
      .run({
        autoCommitInterval: 200,
        eachMessage: async ({ message }) => {
          got.push(message.value.toString());
          if (got.length >= 41) {
            clearTimeout(to);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  // give a heartbeat or two and let autocommit flush
  await new Promise((r) => setTimeout(r, 1500));
  return got.length;
});
await step("consumer.commitOffsets (explicit)", () =>
  consumer.commitOffsets([{ topic, partition: 0, offset: "1" }]),
);
await step("admin.describeGroups", async () =>
  (await admin.describeGroups([groupId])).groups.map((g) => [
    g.groupId,
    g.state,
    g.protocolType,
    g.members.length,
  ]),
);
await step("admin.listGroups", async () =>
  (await admin.listGroups()).groups.filter((g) => g.groupId === groupId),
);
await step("consumer.disconnect (LeaveGroup)", () => consumer.disconnect());
await step("admin.fetchOffsets (committed)", async () =>
  (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => [p.partition, p.offset]),
);
await step("admin.setOffsets", () =>
  admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "0" }] }),
);
await step("admin.resetOffsets", () => admin.resetOffsets({ groupId, topic, earliest: true }));
await step("admin.fetchOffsets after reset", async () =>
  (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => [p.partition, p.offset]),
);

// second consumer in same group should resume from committed offsets (re-read from earliest after reset)
const consumer2 = kafka.consumer({ groupId: `${groupId}-b` });
await step("consumer2 new group, commit via eachBatch + resolveOffset", async () => {
  await consumer2.connect();
  await consumer2.subscribe({ topic: topic2, fromBeginning: true });
  let n = 0;
  await new Promise((resolve, reject) => {
    const to = setTimeout(() => reject(new Error(`timeout, got ${n}`)), 30000);
    consumer2
      .run({
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
          for (const m of batch.messages) {
            n++;
            resolveOffset(m.offset);
          }
          await heartbeat();
          await commitOffsetsIfNecessary();
          if (n >= 2) {
            clearTimeout(to);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer2.disconnect();
  return n;
});

const tx = kafka.producer({
  transactionalId: `probe-tx-${suffix}`,
  idempotent: true,
  maxInFlightRequests: 1,
});
await step("transactional producer: send + sendOffsets + commit", async () => {
  await tx.connect();
  const t = await tx.transaction();
  await t.send({ topic, messages: [{ key: "tx", value: "in-tx" }] });
  await t.sendOffsets({
    consumerGroupId: groupId,
    topics: [{ topic, partitions: [{ partition: 0, offset: "5" }] }],
  });
  await t.commit();
  const t2 = await tx.transaction();
  await t2.send({ topic, messages: [{ key: "tx", value: "aborted" }] });
  await t2.abort();
  await tx.disconnect();
  return "ok";
});
await step("admin.deleteTopicRecords", () =>
  admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "-1" }] }),
);
await step("admin.deleteGroups", () =>
  admin.deleteGroups([groupId, `${groupId}-b`]).then((r) => r.map((x) => [x.groupId, x.errorCode])),
);
await step("producer.disconnect", () => producer.disconnect());
await step("admin.deleteTopics", () => admin.deleteTopics({ topics: [topic, topic2], timeout: 10000 }));
await step("admin.listTopics after delete", async () =>
  (await admin.listTopics()).filter((t) => t.includes(suffix)),
);
await admin.disconnect();

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
