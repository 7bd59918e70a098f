import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InProcessEventLog, type LogFault } from "../../src/log/index";
import { collect, sleep, startChild } from "./harness";

// Behaviour the in-process adapter owes beyond the shared contract: it is the only one that has to
// keep two processes on one data directory from consuming the same group, and to bound its memory.
describe("in-process log", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-log-only-"));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a second process's consumer in a group that is live, and takes over once it died", async () => {
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics([{ name: "calls", partitions: 2 }]);
    await log.publish("calls", [{ key: "a", value: "1" }]);
    const child = startChild({ STARBOARD_DATA_DIR: dataDir, STARBOARD_KAFKA_BROKERS: "" }, [
      "consume",
      "calls",
      "shared-group",
      "100",
    ]);
    await child.waitForLine((l) => l === "ready");
    await expect(
      log.subscribe({ groupId: "shared-group", topics: ["calls"], handler: async () => {} }),
    ).rejects.toThrow(`consumer group "shared-group" is already consuming in process ${child.process.pid}`);
    await child.kill();
    const after = await collect(log, { groupId: "shared-group", topics: ["calls"] });
    await after.subscription.stop();
    await log.close();
  });

  it("lets a group move to another log instance once its members stopped", async () => {
    const first = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await first.ensureTopics([{ name: "calls", partitions: 2 }]);
    const member = await collect(first, { groupId: "g", topics: ["calls"] });
    const second = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await expect(
      second.subscribe({ groupId: "g", topics: ["calls"], handler: async () => {} }),
    ).rejects.toThrow('consumer group "g" is already consuming');
    await member.subscription.stop();
    const moved = await collect(second, { groupId: "g", topics: ["calls"] });
    await first.publish("calls", [{ key: "k", value: "v" }]);
    await moved.waitFor(1);
    await moved.subscription.stop();
    await Promise.all([first.close(), second.close()]);
  });

  it("lets a partition's handler work go on before the next partition reads its first batch", async () => {
    // The warehouse sink starts its first write from a handler's promised work; when every
    // partition read and converted its first batch first, that write waited for all of them.
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics([{ name: "calls", partitions: 4 }]);
    await log.publish(
      "calls",
      Array.from({ length: 40 }, (_, i) => ({ key: `caller-${i}`, value: String(i) })),
    );
    const order: string[] = [];
    const subscription = await log.subscribe({
      groupId: "g",
      topics: ["calls"],
      handler: async (batch) => {
        order.push(`read ${batch.partition}`);
        void Promise.resolve().then(() => order.push(`work ${batch.partition}`));
      },
    });
    for (let i = 0; i < 100 && order.length < 8; i++) await sleep(10);
    await subscription.stop();
    await log.close();
    expect(order).toHaveLength(8);
    for (let i = 0; i < 8; i += 2) {
      expect(order[i + 1]).toBe((order[i] as string).replace("read", "work"));
    }
  });

  it("reads one partition's backlog per turn of the event loop, so a timer is not held behind all of them", async () => {
    // A backlog is read from the store (a new instance has no tail): every partition's worker used
    // to read in the same check phase, and the warehouse sink's first duplicate check was answered
    // only after every partition had been read and converted (9.4 s for 1,000,000 events).
    const writer = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await writer.ensureTopics([{ name: "calls", partitions: 4 }]);
    await writer.publish(
      "calls",
      Array.from({ length: 40 }, (_, i) => ({ key: `caller-${i}`, value: String(i) })),
    );
    await writer.close();
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    const order: string[] = [];
    let timerSet = false;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const subscription = await log.subscribe({
      groupId: "g",
      topics: ["calls"],
      handler: async (batch) => {
        order.push(`read ${batch.partition}`);
        if (!timerSet) {
          timerSet = true;
          setTimeout(() => order.push("timer"), 0);
        }
        // The handler's share of a big batch: long enough for the timer to be due.
        const until = performance.now() + 5;
        while (performance.now() < until) {}
        // Held until the test ends, as the sink's handler waits for its write: each partition
        // delivers one batch, so the order shows how the first reads were scheduled.
        await released;
      },
    });
    for (let i = 0; i < 100 && order.length < 5; i++) await sleep(10);
    release();
    await subscription.stop();
    await log.close();
    expect(order).toHaveLength(5);
    expect(order[0]).toMatch(/^read /);
    expect(order[1]).toBe("timer");
  });

  it("makes publishers wait instead of queueing without bound", async () => {
    const log = new InProcessEventLog({ dataDir, maxPendingBytes: 64 * 1024 });
    await log.ensureTopics([{ name: "calls", partitions: 1 }]);
    const value = "x".repeat(1024);
    let maxQueued = 0;
    const publishes = Array.from({ length: 200 }, async (_, i) => {
      const ack = log.publish("calls", [{ key: `k${i}`, value }]);
      // biome-ignore lint/complexity/useLiteralKeys: reading a private field to observe the bound
      maxQueued = Math.max(maxQueued, log["queue"].queuedBytes);
      return ack;
    });
    const acks = await Promise.all(publishes);
    await sleep(0);
    expect(acks.flat()).toHaveLength(200);
    expect(maxQueued).toBeLessThanOrEqual(64 * 1024 + 1100);
    await log.close();
  });

  it("reads a batch larger than a store read in steps, from the first record retention kept, each once", async () => {
    const writer = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await writer.ensureTopics([{ name: "calls", partitions: 1 }]);
    const values = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ key: "caller", value: String(from + i) }));
    await writer.publish("calls", values(0, 12_000));
    await writer.publish("calls", values(12_000, 15_000));
    await writer.close();
    // Retention's work, done here directly: the first stored batch is gone.
    const db = new Database(join(dataDir, "log.sqlite"));
    const { id } = db.prepare("SELECT id FROM topics WHERE name = 'calls'").get() as { id: number };
    db.prepare(`DELETE FROM batches_${id}_0 WHERE base_offset = 0`).run();
    // The group had read the first 5 records before: its next read starts at a deleted offset.
    db.prepare(
      "INSERT INTO group_offsets (group_id, topic, partition, next_offset, committed_at) VALUES ('g', 'calls', 0, 5, 0)",
    ).run();
    db.close();
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    const batches: number[][] = [];
    const subscription = await log.subscribe({
      groupId: "g",
      topics: ["calls"],
      maxBatchSize: 30_000,
      handler: async (batch) => {
        batches.push(batch.records.map((r) => r.offset));
      },
    });
    for (let i = 0; i < 200 && batches.flat().length < 15_000; i++) await sleep(10);
    await subscription.stop();
    await log.close();
    // One batch, read from the store in two steps (10,000 and 5,000): the second from after the
    // first step's last record, not from the committed offset plus the records read (5 + 10,000).
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(Array.from({ length: 15_000 }, (_, i) => 12_000 + i));
  });

  it("delivers a batch too big for the tail cache to a consumer that was caught up", async () => {
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 20, tailCacheBytes: 2_000 });
    await log.ensureTopics([{ name: "calls", partitions: 1 }]);
    const reader = await collect(log, { groupId: "readers", topics: ["calls"] });
    await log.publish("calls", [{ key: "a", value: "small" }]);
    await reader.waitFor(1);
    // One append of ~10 KB under one key: more than the whole cache, so it is never cached.
    await log.publish(
      "calls",
      Array.from({ length: 10 }, (_, i) => ({ key: "a", value: `${i}:${"x".repeat(1_000)}` })),
    );
    await reader.waitFor(11, 5_000);
    expect(reader.records.map((r) => Buffer.from(r.value).toString().split(":")[0])).toEqual([
      "small",
      ...Array.from({ length: 10 }, (_, i) => String(i)),
    ]);
    await reader.subscription.stop();
    await log.close();
  });

  it("reports a partition whose store fails to its fault handler instead of skipping records", async () => {
    const first = new InProcessEventLog({ dataDir });
    await first.ensureTopics([{ name: "calls", partitions: 1 }]);
    await first.publish("calls", [{ key: "a", value: "1" }]);
    await first.close();
    // Someone removes the partition's table under the log: the next reader must stop, loudly.
    const db = new Database(join(dataDir, "log.sqlite"));
    for (const { name } of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'batches_%'")
      .all() as { name: string }[])
      db.exec(`DROP TABLE ${name}`);
    db.close();
    const faults: LogFault[] = [];
    let reported: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      reported = resolve;
    });
    const log = new InProcessEventLog({
      dataDir,
      pollIntervalMs: 20,
      onFault: (fault) => {
        faults.push(fault);
        reported();
      },
    });
    const subscription = await log.subscribe({
      groupId: "readers",
      topics: ["calls"],
      startAt: "earliest",
      handler: async () => {},
    });
    await stopped;
    await subscription.stop();
    await log.close();
    expect(faults[0]).toMatchObject({
      type: "consumer-stopped",
      groupId: "readers",
      topic: "calls",
      partition: 0,
    });
    expect(String((faults[0] as { error: unknown }).error)).toMatch(/no such table/);
  });
});
