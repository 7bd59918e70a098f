import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InProcessEventLog } from "../../src/log/index";
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
});
