import {
  catalogFingerprint,
  checkedHeader,
  exampleEvents,
  type LogRecord,
  type StarboardEvent,
} from "@starboard/core";
import { describe, expect, it } from "vitest";
import { eventInputBody } from "../src/sink/input";
import { convertRecord, reserialized } from "../src/sink/rows";

// What the sink hands ClickHouse for raw_event_input: each event's JSON (its own bytes when they can
// go as they are) with the log's position and the write time added, one object per line.

const queued = exampleEvents["contact.queued"];
const ready = exampleEvents["agent.ready"];

function record(value: string, offset = 7, topic = "starboard.events"): LogRecord {
  return { topic, partition: 3, offset, key: "k", value: Buffer.from(value), headers: {}, timestamp: 0 };
}

const convert = (r: LogRecord) => {
  const converted = convertRecord(r);
  if (!converted.ok) throw new Error(converted.reason);
  return converted.row;
};

describe("convertRecord: which bytes go as they are", () => {
  it.each([
    { name: "the log's own serialization", value: JSON.stringify(queued), asIs: true },
    { name: "non-ASCII text", value: JSON.stringify({ ...queued, source: "路由器" }), asIs: true },
    { name: "pretty-printed (raw newlines)", value: JSON.stringify(queued, null, 2), asIs: false },
    { name: "trailing whitespace", value: `${JSON.stringify(queued)} `, asIs: false },
    { name: "a trailing newline", value: `${JSON.stringify(queued)}\n`, asIs: false },
  ])("$name: as is = $asIs", ({ value, asIs }) => {
    const row = convert(record(value));
    expect(Buffer.isBuffer(row.json)).toBe(asIs);
    expect(row.id).toBe(queued.id);
    expect(row.time).toBe("2026-11-30 09:15:21.910");
    // Either way the object parses to the checked event.
    expect(JSON.parse(row.json.toString())).toEqual(JSON.parse(value));
  });

  it.each([
    { name: "invalid JSON", value: "{not json", reason: /invalid JSON/ },
    { name: "an unknown key", value: JSON.stringify({ ...ready, extra: 1 }), reason: /extra/ },
    {
      name: "a time outside the warehouse's range",
      value: JSON.stringify({ ...ready, time: "2300-01-01T00:00:00.000Z" }),
      reason: /outside the warehouse's range/,
    },
  ])("refuses $name with its reason", ({ value, reason }) => {
    const converted = convertRecord(record(value));
    expect(converted.ok).toBe(false);
    if (!converted.ok) expect(converted.reason).toMatch(reason);
  });
});

describe("convertRecord: events publishEvents checked with this catalog", () => {
  const marked = (value: string, mark = catalogFingerprint()): LogRecord => ({
    ...record(value),
    headers: { [checkedHeader]: mark },
  });

  it("reads the id and time from the bytes and sends them as they are, as the full check would", () => {
    const value = JSON.stringify({ ...queued, id: "通话-7" });
    const fast = convert(marked(value));
    const full = convert(record(value));
    expect({ id: fast.id, time: fast.time, json: fast.json }).toEqual({
      id: full.id,
      time: full.time,
      json: full.json,
    });
    expect(fast.json).toBe(fast.record.value);
  });

  it("does not check them again: the mark stands for the checks (here one would refuse a key)", () => {
    const value = JSON.stringify({ ...ready, data: { ...ready.data, extra: 1 } });
    expect(convertRecord(record(value)).ok).toBe(false);
    expect(convert(marked(value)).id).toBe(ready.id);
  });

  it.each([
    {
      name: "a time the log accepts and the warehouse cannot hold",
      value: JSON.stringify({ ...ready, time: "1850-01-01T00:00:00.000Z" }),
      mark: undefined,
      reason: /1850-01-01T00:00:00.000Z is outside the warehouse's range/,
    },
    {
      name: "bad bytes under another catalog's mark (checked in full)",
      value: `{"id":"x","type":"agent.ready","version":1,"time":"2026-11-30T09:15:21.910Z",oops}`,
      mark: "0123456789abcdef",
      reason: /invalid JSON/,
    },
  ])("refuses $name", ({ value, mark, reason }) => {
    const converted = convertRecord(marked(value, mark));
    expect(converted.ok).toBe(false);
    if (!converted.ok) expect(converted.reason).toMatch(reason);
  });
});

describe("eventInputBody", () => {
  it("writes each event with the log's fields before its brace, one per line", () => {
    const events: StarboardEvent[] = [queued, { ...ready, source: "坐席端" }];
    const rows = [
      convert(record(JSON.stringify(events[0]), 41)),
      convert(record(JSON.stringify(events[1], null, 1), 42, "other.topic")),
    ];
    const body = eventInputBody(rows, "2026-11-30 10:00:00.000");
    const lines = body.toString("utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([
      {
        ...events[0],
        logTopic: "starboard.events",
        logPartition: 3,
        logOffset: 41,
        ingestedAt: "2026-11-30 10:00:00.000",
      },
      {
        ...events[1],
        logTopic: "other.topic",
        logPartition: 3,
        logOffset: 42,
        ingestedAt: "2026-11-30 10:00:00.000",
      },
    ]);
  });

  it.each([
    [0, 0],
    [9, 10],
    [99, 100],
    [65_535, 1_234_567_890],
    [1, Number.MAX_SAFE_INTEGER],
  ])("writes partition %d and offset %d as their digits", (partition, offset) => {
    const row = convert({ ...record(JSON.stringify(queued)), partition, offset });
    const [line, end] = eventInputBody([row], "2026-11-30 10:00:00.000").toString("utf8").split("\n");
    expect(end).toBe("");
    expect(line).toContain(`"logPartition":${partition},"logOffset":${offset},"ingestedAt"`);
    expect(JSON.parse(line as string)).toMatchObject({ logPartition: partition, logOffset: offset });
  });

  it("is empty for no rows", () => {
    expect(eventInputBody([], "2026-11-30 10:00:00.000").length).toBe(0);
  });

  it("re-serializes a repeated key to the value the checks saw (the last one, as JSON.parse keeps)", () => {
    const text = JSON.stringify(ready).replace(/}$/, `,"source":"second"}`);
    const row = convert(record(text));
    expect(Buffer.isBuffer(row.json)).toBe(true);
    const again = reserialized(row);
    expect(typeof again.json).toBe("string");
    expect(JSON.parse(again.json.toString())).toEqual({ ...ready, source: "second" });
    expect(again.json.toString().match(/"source"/g)).toHaveLength(1);
  });
});
