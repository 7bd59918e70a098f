import { MessageChannel } from "node:worker_threads";
import {
  decodeEventRecord,
  InProcessEventLog,
  publishEvents,
  type StarboardEvent,
  standardTopics,
  Topics,
} from "@starboard/core";
import { afterAll, describe, expect, it } from "vitest";
import { PortLog, serveLog } from "../../src/start/log-port";
import { agentOnline, tempDir, until } from "./helpers";

// The load generator's log across a MessagePort: publishes land on the real log with its acks, and
// a subscription gets only the event types it declared, as Buffers, from the real log.
const data = tempDir("starboard-log-port-");
const log = new InProcessEventLog({ dataDir: data.dir });
const channel = new MessageChannel();
const stopServing = serveLog(channel.port1, log);
const portLog = new PortLog(channel.port2, log.kind, { "test-watch": ["agent.ready"] });
afterAll(async () => {
  await stopServing();
  await portLog.close();
  channel.port1.close();
  await log.close();
  data.remove();
});

const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe("the log over a MessagePort", () => {
  it("publishes onto the real log and answers with its acks", async () => {
    await log.ensureTopics(standardTopics(4));
    const acks = await publishEvents(portLog, [...agentOnline("a1"), ...agentOnline("a2")]);
    expect(acks).toHaveLength(4);
    expect(acks.every((a) => a.topic === Topics.events && a.partition >= 0 && a.offset >= 0)).toBe(true);
    expect(total(await log.endOffsets(Topics.events))).toBe(4);
    // Offsets are the log's: distinct per partition.
    expect(new Set(acks.map((a) => `${a.partition}:${a.offset}`)).size).toBe(4);
  });

  it("hands a subscription only its declared event types, as Buffers", async () => {
    const seen: StarboardEvent[] = [];
    const subscription = await portLog.subscribe({
      groupId: "test-watch",
      topics: [Topics.events],
      startAt: "earliest",
      handler: async (batch) => {
        for (const r of batch.records) {
          expect(Buffer.isBuffer(r.value)).toBe(true);
          const decoded = decodeEventRecord(r);
          if (decoded.ok) seen.push(decoded.event);
        }
      },
    });
    await until("both agent.ready events", () => seen.length >= 2, 10_000);
    await subscription.stop();
    expect(seen.map((e) => e.type)).toEqual(["agent.ready", "agent.ready"]);
  });

  it("refuses a consumer group whose event types were not declared", async () => {
    await expect(
      portLog.subscribe({ groupId: "undeclared", topics: [Topics.events], handler: async () => {} }),
    ).rejects.toThrow("no event types declared for consumer group undeclared");
  });
});
