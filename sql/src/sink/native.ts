import type { RawEventRow } from "./rows";

/**
 * raw_events rows as one block of ClickHouse's Native format, cut from the events' bytes without a
 * parse, or undefined when a row is not laid out as `publishEvents` writes a checked event (the sink
 * then sends JSON objects, input.ts).
 *
 * Why: ClickHouse reads Native about twice as fast as the sink's JSON objects (the bench day's
 * 200,000 rows with every view, through a file: ~1.4 s against ~2.7 s; sql/bench/native-vs-objects.ts
 * and src/sink/README.md "The insert path"), for ~3-6 us of JavaScript per event here against ~1
 * (100,000 rows built again and again: 3.1-3.5 us once the string copies became byte loops, 3.4-4.0
 * with Buffer#copy for the long ones).
 *
 * A checked record holds the envelope's keys in the schemas' order with `data` last (core's
 * envelopeSchema), each once; the walk below checks that order key by key and gives up on anything
 * else, and on a string holding a backslash (an escape, whose value is not its bytes). `data` is kept
 * as its JSON text, as raw_event_input's view stores it. Strings are declared String (ClickHouse
 * converts to the table's LowCardinality), times DateTime64(3) as Int64 milliseconds.
 */
export function nativeBody(rows: readonly RawEventRow[], ingestedAtMs: number): Buffer | undefined {
  const cuts = new Int32Array(rows.length * slots);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RawEventRow;
    if (!row.checked || typeof row.json === "string" || !cut(row.json, cuts, i * slots)) return undefined;
  }
  let size = varintBytes(columns.length) + varintBytes(rows.length);
  for (const column of columns) size += column.header.length + column.size(rows, cuts);
  const body = Buffer.allocUnsafe(size);
  let at = writeVarint(body, 0, columns.length);
  at = writeVarint(body, at, rows.length);
  for (const column of columns) {
    at += column.header.copy(body, at);
    at = column.write(body, at, rows, cuts, ingestedAtMs);
  }
  if (at !== size) throw new Error(`raw_events Native block: wrote ${at} of ${size} bytes`);
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

interface Column {
  /** Name and type, as the block states them before the values. */
  header: Buffer;
  /** Bytes of the values. */
  size(rows: readonly RawEventRow[], cuts: Int32Array): number;
  write(
    body: Buffer,
    at: number,
    rows: readonly RawEventRow[],
    cuts: Int32Array,
    ingestedAtMs: number,
  ): number;
}

function column(name: string, type: string, size: Column["size"] | number, write: Column["write"]): Column {
  const header = Buffer.alloc(
    varintBytes(name.length) + name.length + varintBytes(type.length) + type.length,
  );
  let at = writeVarint(header, 0, name.length);
  at += header.write(name, at, "latin1");
  at = writeVarint(header, at, type.length);
  header.write(type, at, "latin1");
  // A number is the bytes of each value (fixed-width types).
  const bytes = typeof size === "number" ? (rows: readonly RawEventRow[]) => size * rows.length : size;
  return { header, size: bytes, write };
}

/** A string column holding each row's value of `key`, copied from its bytes. */
function cutString(name: string, key: number): Column {
  const size = (rows: readonly RawEventRow[], cuts: Int32Array) => {
    let bytes = 0;
    for (let i = 0; i < rows.length; i++) {
      const length = (cuts[i * slots + 2 * key + 1] as number) - (cuts[i * slots + 2 * key] as number);
      bytes += varintBytes(length) + length;
    }
    return bytes;
  };
  return column(name, "String", size, (body, start, rows, cuts) => {
    let at = start;
    for (let i = 0; i < rows.length; i++) {
      const value = (rows[i] as RawEventRow).json as Buffer;
      const from = cuts[i * slots + 2 * key] as number;
      const to = cuts[i * slots + 2 * key + 1] as number;
      at = writeVarint(body, at, to - from);
      // A byte loop: Buffer#copy makes a view of the source range per call (Node 20), whose
      // allocation cost more than the loop, even for the ~200-byte data objects.
      for (let p = from; p < to; p++) body[at++] = value[p] as number;
    }
    return at;
  });
}

function int64Column(name: string, valueFor: (row: RawEventRow, ingestedAtMs: number) => number): Column {
  return column(
    name,
    name === "log_offset" ? "UInt64" : "DateTime64(3, 'UTC')",
    8,
    (body, start, rows, _, ms) => {
      let at = start;
      for (let i = 0; i < rows.length; i++) at = writeInt64(body, at, valueFor(rows[i] as RawEventRow, ms));
      return at;
    },
  );
}

const columns: Column[] = [
  cutString("id", 0),
  cutString("type", 1),
  column("version", "UInt16", 2, (body, start, rows, cuts) => {
    let at = start;
    for (let i = 0; i < rows.length; i++) {
      const value = (rows[i] as RawEventRow).json as Buffer;
      let version = 0;
      const to = cuts[i * slots + 2 * versionKey + 1] as number;
      for (let p = cuts[i * slots + 2 * versionKey] as number; p < to; p++)
        version = version * 10 + (value[p] as number) - 0x30;
      at = writeUInt16(body, at, version);
    }
    return at;
  }),
  // From the row's ClickHouse text (convertRecord made it from the event's time).
  int64Column("time", (row) => clickhouseTimeMs(row.time)),
  cutString("tenant", 4),
  cutString("source", 5),
  cutString("channel", 6),
  cutString("contact_id", 7),
  cutString("agent_id", 8),
  cutString("data", dataKey),
  column(
    "log_topic",
    "String",
    (rows) => {
      let bytes = 0;
      for (const row of rows) {
        const topic = topicBytes(row.record.topic);
        bytes += varintBytes(topic.length) + topic.length;
      }
      return bytes;
    },
    (body, start, rows) => {
      let at = start;
      for (let i = 0; i < rows.length; i++) {
        const topic = topicBytes((rows[i] as RawEventRow).record.topic);
        at = writeVarint(body, at, topic.length);
        for (let p = 0; p < topic.length; p++) body[at++] = topic[p] as number;
      }
      return at;
    },
  ),
  column("log_partition", "UInt16", 2, (body, start, rows) => {
    let at = start;
    for (let i = 0; i < rows.length; i++)
      at = writeUInt16(body, at, (rows[i] as RawEventRow).record.partition);
    return at;
  }),
  int64Column("log_offset", (row) => row.record.offset),
  int64Column("ingested_at", (_, ms) => ms),
];

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
