import {
  exampleEvents,
  type InProcessEventLog,
  type LogRecord,
  publishEvents,
  type StarboardEvent,
  Topics,
  topicFor,
  validateEvent,
} from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import {
  eventInputBody,
  eventInputColumns,
  eventInputSettings,
  eventInputTable,
  startSink,
} from "../src/sink/index";
import { clickhouseTimeMs, nativeBody } from "../src/sink/native";
import { clickhouseTime, convertRecord, type RawEventRow, rawEventColumns } from "../src/sink/rows";
import { observedWarehouse } from "./observed";
import { freshLogAndWarehouse } from "./warehouse";

// The sink's Native block (native.ts) is cut from the bytes of events publishEvents checked. It must
// store what the events' JSON objects store, column for column, and give way to the JSON objects for
// any record it cannot cut.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
let log: InProcessEventLog;

beforeAll(async () => {
  ({ warehouse, log, dispose } = await freshLogAndWarehouse(2));
});
afterAll(() => dispose());

/**
 * Every example event the sink reads (each type on the events topic, with and without channel,
 * contact and agent), and harder strings and times.
 */
function variedEvents(prefix: string): StarboardEvent[] {
  const examples = Object.values(exampleEvents)
    .filter((event) => topicFor(event) === Topics.events)
    .map((event, i) => ({ ...event, id: `${prefix}-${i}` }));
  const ready = exampleEvents["agent.ready"];
  return [
    ...examples,
    { ...ready, id: `${prefix}-坐席-1`, tenant: "租户", source: "坐席端 😀" },
    // Over 64 bytes: copied by Buffer#copy, not byte by byte (native.ts).
    { ...ready, id: `${prefix}-${"长".repeat(30)}`, source: `desk-${"x".repeat(70)}` },
    { ...ready, id: `${prefix}-old`, time: "1950-06-01T23:59:59.999Z" },
    { ...ready, id: `${prefix}-late`, time: "2299-12-31T23:59:59.001Z" },
  ];
}

async function publishedRows(events: readonly StarboardEvent[], groupId: string): Promise<RawEventRow[]> {
  await publishEvents(log, events);
  const records: LogRecord[] = [];
  const ids = new Set(events.map((e) => e.id));
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const subscription = await log.subscribe({
    groupId,
    topics: [Topics.events],
    handler: async (batch) => {
      records.push(...batch.records);
      if (records.filter((r) => ids.has(convert(r).id)).length >= ids.size) done();
    },
  });
  await all;
  await subscription.stop();
  return records.map(convert).filter((row) => ids.has(row.id));
}

function convert(record: LogRecord): RawEventRow {
  const converted = convertRecord(record);
  if (!converted.ok) throw new Error(converted.reason);
  return converted.row;
}

async function storedRows(ids: readonly string[]) {
  return warehouse.query<Record<string, unknown>>(
    `SELECT ${rawEventColumns.join(", ")} FROM raw_events WHERE id IN {ids:Array(String)} ORDER BY id`,
    { ids },
  );
}

describe("nativeBody", () => {
  it("stores every checked event as its JSON objects do, column for column", async () => {
    const rows = await publishedRows(variedEvents("same"), "native-same");
    expect(rows.every((row) => row.checked)).toBe(true);
    const writtenAt = new Date("2026-12-01T12:00:00.123Z");
    const native = nativeBody(rows, writtenAt.getTime());
    expect(native).toBeDefined();
    const ids = rows.map((row) => row.id);
    const settings = { insert_deduplicate: 0 };
    await warehouse.insertRows({
      table: "raw_events",
      columns: rawEventColumns,
      format: "Native",
      body: native as Buffer,
      settings,
    });
    const fromNative = await storedRows(ids);
    await warehouse.command("TRUNCATE TABLE raw_events");
    await warehouse.insertRows({
      table: eventInputTable,
      columns: eventInputColumns,
      format: "JSONEachRow",
      body: eventInputBody(rows, clickhouseTime(writtenAt.toISOString())),
      settings: { ...eventInputSettings, ...settings },
    });
    const fromObjects = await storedRows(ids);
    expect(fromNative).toHaveLength(rows.length);
    expect(fromNative).toEqual(fromObjects);
    expect(fromNative.find((row) => row.id === "same-坐席-1")).toMatchObject({
      tenant: "租户",
      source: "坐席端 😀",
    });
    expect(fromNative.find((row) => row.id === "same-old")).toMatchObject({
      time: "1950-06-01 23:59:59.999",
    });
  });

  // As publishEvents writes it: the event its checks returned, keys in the schemas' order.
  const validated = validateEvent(exampleEvents["agent.ready"]);
  if (!validated.ok) throw new Error("the example event does not pass its checks");
  const ready = validated.event;
  const checkedRow = (value: string, checked = true): RawEventRow => ({
    id: "x",
    time: "2026-11-30 09:00:00.000",
    checked,
    json: Buffer.from(value),
    record: {
      topic: Topics.events,
      partition: 0,
      offset: 1,
      key: "k",
      value: Buffer.from(value),
      headers: {},
      timestamp: 0,
    },
  });
  const { data, ...envelope } = ready;
  const { id: _id, ...withoutId } = ready;
  it.each([
    { name: "a row the checks did not lay out", row: checkedRow(JSON.stringify(ready), false) },
    {
      name: "a re-serialized row (a string)",
      row: { ...checkedRow(JSON.stringify(ready)), json: JSON.stringify(ready) },
    },
    { name: "a string with an escape", row: checkedRow(JSON.stringify({ ...ready, source: 'say "hi"' })) },
    {
      name: "keys in another order (the id last)",
      row: checkedRow(JSON.stringify({ ...withoutId, id: ready.id })),
    },
    { name: "no data", row: checkedRow(JSON.stringify(envelope)) },
    {
      name: "a key the envelope does not have",
      row: checkedRow(JSON.stringify({ ...envelope, extra: 1, data })),
    },
  ])("gives way to the JSON objects for $name", ({ row }) => {
    const good = checkedRow(JSON.stringify(ready));
    expect(nativeBody([good], 0)).toBeDefined();
    expect(nativeBody([good, row], 0)).toBeUndefined();
  });

  it.each([
    ["2026-11-30 09:15:02.123", Date.parse("2026-11-30T09:15:02.123Z")],
    ["1900-01-01 00:00:00.000", Date.parse("1900-01-01T00:00:00.000Z")],
    ["2299-12-31 23:59:59.999", Date.parse("2299-12-31T23:59:59.999Z")],
  ])("reads %s as %d ms", (text, ms) => {
    expect(clickhouseTimeMs(text)).toBe(ms);
  });
});

describe("the sink's bodies", () => {
  it("sends publishEvents' events as a Native block and another producer's as JSON objects", async () => {
    const observed = observedWarehouse(warehouse);
    const drain = async (groupId: string, count: number) => {
      const sink = await startSink({ log, warehouse: observed, groupId, maxDelayMs: 10 });
      for (let i = 0; i < 200 && sink.stats.written < count; i++) await new Promise((r) => setTimeout(r, 50));
      await sink.stop();
      return sink.stats.written;
    };
    // The group reads the whole topic: the events of the test above are stored already, and dropped.
    const checked = variedEvents("sink");
    await publishEvents(log, checked);
    expect(await drain("native-sink", checked.length)).toBe(checked.length);
    expect(observed.formats).toEqual(["Native"]);
    const plain = { ...exampleEvents["agent.ready"], id: "sink-plain" };
    await log.publish(Topics.events, [{ key: "p", value: JSON.stringify(plain) }]);
    expect(await drain("native-sink", 1)).toBe(1);
    expect(observed.formats).toEqual(["Native", "JSONEachRow"]);
    expect(observed.outcomes).toEqual(["ok", "ok"]);
    const stored = await storedRows([...checked.map((e) => e.id), plain.id]);
    expect(stored).toHaveLength(checked.length + 1);
  });
});
