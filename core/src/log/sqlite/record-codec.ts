import { type LogRecord, noHeaders, type RecordHeaders } from "../types";

export interface EncodableRecord {
  key: string;
  value: Buffer | string;
  /** JSON of the headers, or null when there are none. */
  headers: string | null;
}

export interface EncodedBatch {
  body: Buffer;
  /** Where each record's value starts in the body and how long it is, so readers take views, not copies. */
  valueStarts: number[];
  valueLengths: number[];
}

// UTF-8 needs at most 3 bytes per UTF-16 unit. Encoding into a scratch buffer sized by that bound,
// then copying out the exact bytes, costs one memcpy; measuring each string's UTF-8 length first
// (Buffer.byteLength) cost more than that (12% of a publish of 1 KB JSON events, profiled here).
let scratch = Buffer.allocUnsafe(4 << 20);

function upperBound(records: readonly EncodableRecord[]): number {
  let bound = 0;
  for (const record of records) {
    bound += 12 + record.key.length * 3 + (record.headers === null ? 0 : record.headers.length * 3);
    bound += typeof record.value === "string" ? record.value.length * 3 : record.value.byteLength;
  }
  return bound;
}

/**
 * Packs the records of one partition's append into one blob: per record a u32 key length, the key
 * (UTF-8), a u32 headers length (0 = none), the headers as JSON, a u32 value length, the value.
 * This mirrors Kafka's record batch: SQLite keeps the durability and the crash safety, and a row
 * per batch instead of a row per record is what lets 1 KB events move at hundreds of thousands a second.
 */
export function encodeRecords(records: readonly EncodableRecord[]): EncodedBatch {
  const bound = upperBound(records);
  if (bound > scratch.length) scratch = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(bound)));
  const valueStarts: number[] = new Array(records.length);
  const valueLengths: number[] = new Array(records.length);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as EncodableRecord;
    at = writeString(scratch, at, record.key);
    at = record.headers === null ? scratch.writeUInt32LE(0, at) : writeString(scratch, at, record.headers);
    const start = at + 4;
    const length =
      typeof record.value === "string"
        ? scratch.write(record.value, start, "utf8")
        : record.value.copy(scratch, start);
    scratch.writeUInt32LE(length, at);
    valueStarts[i] = start;
    valueLengths[i] = length;
    at = start + length;
  }
  // Shared memory: the writer thread reads the same bytes (postMessage shares a SharedArrayBuffer
  // instead of copying it) while the tail keeps them for readers. Copying each body into the message
  // was the largest cost of a publish after the JIT warmed up: 1 KB events, warm run, load ~4: 161k
  // and 186k/s at 8.6 and 7.9 us of CPU each copied; 246k and 280k/s at 4.7 and 4.2 us shared.
  // The cost is memory: V8 does not count shared buffers toward its collection triggers, so garbage
  // bodies wait longer for a full GC (2M events of 1 KB at ~60k/s: RSS ~480 MB against ~295 MB
  // copied; ~250 MB with a full GC every 25,000 events).
  const body = Buffer.from(new SharedArrayBuffer(at));
  scratch.copy(body, 0, 0, at);
  return { body, valueStarts, valueLengths };
}

function writeString(body: Buffer, at: number, text: string): number {
  const written = body.write(text, at + 4, "utf8");
  body.writeUInt32LE(written, at);
  return at + 4 + written;
}

/** A place inside a batch's body: the record at `offset` starts at byte `at`. */
export interface BatchPlace {
  offset: number;
  at: number;
}

/**
 * Unpacks a batch written by encodeRecords from `fromOffset` on; values are views into the blob,
 * not copies. Records before `fromOffset` are stepped over by their lengths, not decoded: a
 * consumer polling the partition's last batch asks for its end and must not pay for the whole batch.
 */
export function decodeRecords(
  body: Buffer,
  topic: string,
  partition: number,
  baseOffset: number,
  timestamp: number,
  fromOffset = baseOffset,
): LogRecord[] {
  const start = stepTo(body, { offset: baseOffset, at: 0 }, fromOffset);
  const records: LogRecord[] = [];
  decodeSome(body, topic, partition, timestamp, start, Number.POSITIVE_INFINITY, records);
  return records;
}

/** The place of `offset`, stepped to from an earlier place by the records' lengths. */
export function stepTo(body: Buffer, from: BatchPlace, offset: number): BatchPlace {
  let at = from.at;
  let atOffset = from.offset;
  for (; atOffset < offset && at < body.byteLength; atOffset++) {
    at += 4 + body.readUInt32LE(at);
    at += 4 + body.readUInt32LE(at);
    at += 4 + body.readUInt32LE(at);
  }
  return { offset: atOffset, at };
}

/**
 * Records from `from` on, appended to `records` until it holds `limit`; returns the place after the
 * last one, from which a reader that asked for fewer records than the batch holds goes on without
 * decoding it again, never holding more decoded records than it asked for.
 */
export function decodeSome(
  body: Buffer,
  topic: string,
  partition: number,
  timestamp: number,
  from: BatchPlace,
  limit: number,
  records: LogRecord[],
): BatchPlace {
  let at = from.at;
  let offset = from.offset;
  // Records of one append mostly carry the same headers (the catalog's fingerprint), so a record
  // whose header bytes equal the previous one's shares its parsed object: records are read-only.
  let headersStart = 0;
  let headersEnd = 0;
  let headers: Readonly<RecordHeaders> = noHeaders;
  while (at < body.byteLength && records.length < limit) {
    const keyLength = body.readUInt32LE(at);
    const key = body.toString("utf8", at + 4, at + 4 + keyLength);
    at += 4 + keyLength;
    const headersLength = body.readUInt32LE(at);
    const start = at + 4;
    const end = start + headersLength;
    if (headersLength === 0) headers = noHeaders;
    else if (
      end - start !== headersEnd - headersStart ||
      body.compare(body, headersStart, headersEnd, start, end) !== 0
    ) {
      headers = JSON.parse(body.toString("utf8", start, end)) as RecordHeaders;
    }
    headersStart = start;
    headersEnd = end;
    at = end;
    const valueLength = body.readUInt32LE(at);
    const value = body.subarray(at + 4, at + 4 + valueLength);
    at += 4 + valueLength;
    records.push({ topic, partition, offset, key, value, headers, timestamp });
    offset++;
  }
  return { offset, at };
}
