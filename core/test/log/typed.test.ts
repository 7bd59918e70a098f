import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exampleEvents, partitionKey, type StarboardEvent, Topics } from "../../src/events/index";
import {
  decodeEventRecord,
  type EventLog,
  InProcessEventLog,
  type LogRecord,
  publishEvents,
  RecordRejectedError,
  standardTopics,
} from "../../src/log/index";
import { collect } from "./harness";

describe("publishEvents and decodeEventRecord", () => {
  let dataDir: string;
  let log: EventLog;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-typed-"));
    log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(4));
  });

  afterEach(async () => {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const total = async (topic: string) =>
    [...(await log.endOffsets(topic)).values()].reduce((a, b) => a + b, 0);

  it("refuses the whole call when one event fails its schema, naming the event, path and reason", async () => {
    const good = exampleEvents["contact.queued"];
    const bad = {
      ...good,
      id: "bad-1",
      data: { ...good.data, priority: "urgent" },
    } as unknown as StarboardEvent;
    await expect(publishEvents(log, [good, bad])).rejects.toThrow(RecordRejectedError);
    await expect(publishEvents(log, [good, bad])).rejects.toThrow(/^record 1 rejected at data\.priority: /);
    expect(await total(Topics.events)).toBe(0);
  });

  it("sends commands to the commands topic and everything else to events, keyed by contact", async () => {
    const queued = exampleEvents["contact.queued"];
    const bridge = exampleEvents["command.bridge-call"];
    const acks = await publishEvents(log, [queued, bridge]);
    expect(acks.map((a) => a.topic)).toEqual([Topics.events, Topics.commands]);
    const reader = await collect(log, { groupId: "typed", topics: [Topics.events, Topics.commands] });
    await reader.waitFor(2);
    await reader.subscription.stop();
    const decoded = reader.records.map((r) => ({ key: r.key, result: decodeEventRecord(r) }));
    expect(decoded).toEqual(
      expect.arrayContaining([
        { key: partitionKey(queued), result: { ok: true, event: queued } },
        { key: partitionKey(bridge), result: { ok: true, event: bridge } },
      ]),
    );
    expect(reader.records.find((r) => r.topic === Topics.events)?.headers["event-type"]).toBe(
      "contact.queued",
    );
  });

  it.each([
    ["not json", "{", ""],
    [
      "an unknown type",
      JSON.stringify({ ...exampleEvents["contact.queued"], type: "contact.teleported" }),
      "type",
    ],
  ])("decodes %s to a precise error instead of throwing", async (_what, bytes, path) => {
    const record: LogRecord = {
      topic: Topics.events,
      partition: 0,
      offset: 0,
      key: "k",
      value: Buffer.from(bytes),
      headers: {},
      timestamp: 0,
    };
    const result = decodeEventRecord(record);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe(path);
  });
});

describe("decodeEventRecord shared by the consumers of one process", () => {
  const event = exampleEvents["contact.queued"];
  const record = (value: Buffer): LogRecord => ({
    topic: Topics.events,
    partition: 0,
    offset: 0,
    key: "k",
    value,
    headers: {},
    timestamp: 0,
  });

  it("decodes a record's bytes once: a second consumer of the same buffer gets the same event", () => {
    const value = Buffer.from(JSON.stringify(event));
    const first = decodeEventRecord(record(value));
    expect(first.ok).toBe(true);
    expect(decodeEventRecord(record(value))).toBe(first);
    // Equal bytes in another buffer are another record: decoded on their own.
    expect(decodeEventRecord(record(Buffer.from(JSON.stringify(event))))).not.toBe(first);
  });

  it("with keep: false takes a kept decode but does not keep its own", () => {
    const kept = Buffer.from(JSON.stringify(event));
    const first = decodeEventRecord(record(kept));
    expect(decodeEventRecord(record(kept), false)).toBe(first);
    const unkept = Buffer.from(JSON.stringify(event));
    const own = decodeEventRecord(record(unkept), false);
    expect(own.ok).toBe(true);
    // Not kept: the next consumer of that buffer decodes it again.
    expect(decodeEventRecord(record(unkept))).not.toBe(own);
  });

  it("freezes the shared event, so one consumer cannot change what another sees", () => {
    const decoded = decodeEventRecord(record(Buffer.from(JSON.stringify(event))));
    if (!decoded.ok) throw new Error("the fixture must decode");
    expect(() => {
      (decoded.event as { time: string }).time = "2000-01-01T00:00:00.000Z";
    }).toThrow(TypeError);
    expect(() => {
      (decoded.event.data as { queueId: string }).queueId = "other";
    }).toThrow(TypeError);
  });
});
