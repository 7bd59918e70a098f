import type { RawEventRow } from "./rows";

/**
 * raw_events rows as one block of ClickHouse's Native format, cut from the events' bytes without a
 * parse, or undefined when a row is not laid out as `publishEvents` writes a checked event (the sink
 * then sends JSON objects, input.ts).
 *
 * Why: ClickHouse reads Native about twice as fast as the sink's JSON objects (the bench day's
 * 200,000 rows with every view, through a file: ~1.4 s against ~2.7 s; sql/bench/native-vs-objects.ts
 * and src/sink/README.md "The insert path"), for ~2-3 us of JavaScript per event here against ~1
 * (100,000 bench-day rows built again and again, in one walk over the rows: below).
 *
 * A checked record holds the envelope's keys in the schemas' order with `data` last (core's
 * envelopeSchema), each once; the walk below checks that order key by key and gives up on anything
 * else, and on a string holding a backslash (an escape, whose value is not its bytes). `data` is kept
 * as its JSON text, as raw_event_input's view stores it. Strings are declared String (ClickHouse
 * converts to the table's LowCardinality), times DateTime64(3) as Int64 milliseconds.
 */
export function nativeBody(rows: readonly RawEventRow[], ingestedAtMs: number): Buffer | undefined {
  const n = rows.length;
  const cuts = new Int32Array(n * slots);
  const valueBytes = new Array<number>(headers.length).fill(0);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as RawEventRow;
    const base = i * slots;
    if (!row.checked || typeof row.json === "string" || !cut(row.json, cuts, base)) return undefined;
    for (const [column, key] of cutColumns) {
      const length = (cuts[base + 2 * key + 1] as number) - (cuts[base + 2 * key] as number);
      valueBytes[column] = (valueBytes[column] as number) + varintBytes(length) + length;
    }
    const topic = topicBytes(row.record.topic);
    valueBytes[topicColumn] = (valueBytes[topicColumn] as number) + varintBytes(topic.length) + topic.length;
  }
  for (const [column, width] of fixedWidths) valueBytes[column] = width * n;
  let size = varintBytes(headers.length) + varintBytes(n);
  for (let c = 0; c < headers.length; c++) size += (headers[c] as Buffer).length + (valueBytes[c] as number);
  const body = Buffer.allocUnsafe(size);
  // Each column's header, and where its values start. The rows are then walked once, each writing
  // its fields into every column. Written column by column, each of the 14 passes went through every
  // row's objects and bytes again: 100,000 bench-day rows took 0.61-0.79x the time this way (medians
  // of 10 builds in six runs, one outlier at 1.04x).
  let at = writeVarint(body, 0, headers.length);
  at = writeVarint(body, at, n);
  const cursor = new Int32Array(headers.length);
  for (let c = 0; c < headers.length; c++) {
    at += (headers[c] as Buffer).copy(body, at);
    cursor[c] = at;
    at += valueBytes[c] as number;
  }
  if (at !== size) throw new Error(`raw_events Native block: laid out ${at} of ${size} bytes`);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as RawEventRow;
    const value = row.json as Buffer;
    const base = i * slots;
    for (const [column, key] of cutColumns) {
      const from = cuts[base + 2 * key] as number;
      const end = cuts[base + 2 * key + 1] as number;
      let to = writeVarint(body, cursor[column] as number, end - from);
      // Short strings by a byte loop: Buffer#copy makes a view of the source range per call (Node
      // 20), which costs more than copying a few bytes; for the data objects copy() is faster.
      if (end - from > longString) {
        value.copy(body, to, from, end);
        to += end - from;
      } else {
        for (let p = from; p < end; p++) body[to++] = value[p] as number;
      }
      cursor[column] = to;
    }
    let version = 0;
    const versionEnd = cuts[base + 2 * versionKey + 1] as number;
    for (let p = cuts[base + 2 * versionKey] as number; p < versionEnd; p++)
      version = version * 10 + (value[p] as number) - 0x30;
    cursor[versionColumn] = writeUInt16(body, cursor[versionColumn] as number, version);
    // From the row's ClickHouse text (convertRecord made it from the event's time).
    cursor[timeColumn] = writeInt64(body, cursor[timeColumn] as number, clickhouseTimeMs(row.time));
    const topic = topicBytes(row.record.topic);
    let to = writeVarint(body, cursor[topicColumn] as number, topic.length);
    for (let p = 0; p < topic.length; p++) body[to++] = topic[p] as number;
    cursor[topicColumn] = to;
    cursor[partitionColumn] = writeUInt16(body, cursor[partitionColumn] as number, row.record.partition);
    cursor[offsetColumn] = writeInt64(body, cursor[offsetColumn] as number, row.record.offset);
    cursor[ingestedColumn] = writeInt64(body, cursor[ingestedColumn] as number, ingestedAtMs);
  }
  return body;
}

/** The envelope's keys in the order a checked event holds them. */
const keys = ["id", "type", "version", "time", "tenant", "source", "channel", "contactId", "agentId", "data"];
const keyBytes = keys.map((key) => Buffer.from(`"${key}":`));
const optional = new Set([6, 7, 8]);
const [versionKey, dataKey] = [2, 9];
/** Per row, each key's value as [start, end) in the bytes (strings without their quotes); 0, 0 when absent. */
const slots = keys.length * 2;
const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;

function cut(value: Buffer, into: Int32Array, base: number): boolean {
  let at = 1;
  for (let k = 0; k < keys.length; k++) {
    if (!hasBytes(value, at, keyBytes[k] as Buffer)) {
      if (!optional.has(k)) return false;
      into[base + 2 * k] = 0;
      into[base + 2 * k + 1] = 0;
      continue;
    }
    at += (keyBytes[k] as Buffer).length;
    if (k === dataKey) {
      into[base + 2 * k] = at;
      // The closing brace of the event (convertRecord checked it is the last byte).
      into[base + 2 * k + 1] = value.length - 1;
      return at < value.length - 1;
    }
    let end = at;
    if (k === versionKey) {
      while (end < value.length && value[end] !== comma) end++;
      into[base + 2 * k] = at;
      into[base + 2 * k + 1] = end;
    } else {
      if (value[at] !== quote) return false;
      end = at + 1;
      for (let byte = value[end]; byte !== quote; byte = value[++end]) {
        if (byte === undefined || byte === backslash) return false;
      }
      into[base + 2 * k] = at + 1;
      into[base + 2 * k + 1] = end;
      end++;
    }
    if (value[end] !== comma) return false;
    at = end + 1;
  }
  return false;
}

/** A byte loop: keys are short, and a native call per key cost more. */
function hasBytes(value: Buffer, at: number, expected: Buffer): boolean {
  if (at + expected.length > value.length) return false;
  for (let i = 0; i < expected.length; i++) if (value[at + i] !== expected[i]) return false;
  return true;
}

const time = "DateTime64(3, 'UTC')";
/** raw_events' columns in rawEventColumns' order, each with the type the block sends it as. */
const headers = [
  ["id", "String"],
  ["type", "String"],
  ["version", "UInt16"],
  ["time", time],
  ["tenant", "String"],
  ["source", "String"],
  ["channel", "String"],
  ["contact_id", "String"],
  ["agent_id", "String"],
  ["data", "String"],
  ["log_topic", "String"],
  ["log_partition", "UInt16"],
  ["log_offset", "UInt64"],
  ["ingested_at", time],
].map(([name, type]) => header(name as string, type as string));
/** The String columns copied from the bytes, as [column, key]. */
const cutColumns: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 1],
  [4, 4],
  [5, 5],
  [6, 6],
  [7, 7],
  [8, 8],
  [9, dataKey],
];
const [versionColumn, timeColumn, topicColumn, partitionColumn, offsetColumn, ingestedColumn] = [
  2, 3, 10, 11, 12, 13,
];
const fixedWidths: readonly (readonly [number, number])[] = [
  [versionColumn, 2],
  [timeColumn, 8],
  [partitionColumn, 2],
  [offsetColumn, 8],
  [ingestedColumn, 8],
];
/** Longer strings go by Buffer#copy (100,000 bench-day rows: 0.72-0.87x the time of byte loops only). */
const longString = 64;

/** A column's name and type, as the block states them before its values. */
function header(name: string, type: string): Buffer {
  const bytes = Buffer.alloc(varintBytes(name.length) + name.length + varintBytes(type.length) + type.length);
  let at = writeVarint(bytes, 0, name.length);
  at += bytes.write(name, at, "latin1");
  at = writeVarint(bytes, at, type.length);
  bytes.write(type, at, "latin1");
  return bytes;
}

const topics = new Map<string, Buffer>();
function topicBytes(topic: string): Buffer {
  let bytes = topics.get(topic);
  if (bytes === undefined) {
    bytes = Buffer.from(topic);
    topics.set(topic, bytes);
  }
  return bytes;
}

function varintBytes(n: number): number {
  let bytes = 1;
  for (let rest = n >>> 7; rest > 0; rest >>>= 7) bytes++;
  return bytes;
}

function writeVarint(body: Buffer, start: number, n: number): number {
  let at = start;
  let rest = n;
  while (rest >= 0x80) {
    body[at++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  body[at++] = rest;
  return at;
}

function writeUInt16(body: Buffer, at: number, value: number): number {
  body[at] = value & 0xff;
  body[at + 1] = value >>> 8;
  return at + 2;
}

/** Little-endian two's complement of a safe integer (milliseconds before 1970 are negative), no BigInt. */
function writeInt64(body: Buffer, at: number, value: number): number {
  const high = Math.floor(value / 0x1_0000_0000);
  body.writeUInt32LE(value - high * 0x1_0000_0000, at);
  body.writeInt32LE(high, at + 4);
  return at + 8;
}

function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}

/** "YYYY-MM-DD hh:mm:ss.sss" (UTC, the warehouse's years 1900-2299) -> milliseconds since 1970. */
export function clickhouseTimeMs(t: string): number {
  const ms = digitsAt(t, 20, 23);
  const [year, month, day] = [digitsAt(t, 0, 4), digitsAt(t, 5, 7) - 1, digitsAt(t, 8, 10)];
  return Date.UTC(year, month, day, digitsAt(t, 11, 13), digitsAt(t, 14, 16), digitsAt(t, 17, 19), ms);
}
