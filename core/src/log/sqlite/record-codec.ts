import type { LogRecord, RecordHeaders } from "../types";

export interface EncodableRecord {
  key: string;
  value: Buffer | string;
  /** UTF-8 size of the value, measured once at publish. */
  valueBytes: number;
  /** JSON of the headers, or null when there are none. */
  headers: string | null;
}

export interface EncodedBatch {
  body: Buffer;
  /** Where each record's value starts in the body, so readers can take views instead of copies. */
  valueStarts: number[];
}

/**
 * Packs the records of one partition's append into one blob: per record a u32 key length, the key
 * (UTF-8), a u32 headers length (0 = none), the headers as JSON, a u32 value length, the value.
 * This mirrors Kafka's record batch: SQLite keeps the durability and the crash safety, and a row
 * per batch instead of a row per record is what lets 1 KB events move at hundreds of thousands a second.
 */
export function encodeRecords(records: readonly EncodableRecord[]): EncodedBatch {
  let size = 0;
  for (const record of records) {
    size += 12 + Buffer.byteLength(record.key, "utf8") + record.valueBytes;
    if (record.headers !== null) size += Buffer.byteLength(record.headers, "utf8");
  }
  const body = Buffer.allocUnsafe(size);
  const valueStarts: number[] = new Array(records.length);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as EncodableRecord;
    at = writeString(body, at, record.key);
    at = record.headers === null ? body.writeUInt32LE(0, at) : writeString(body, at, record.headers);
    body.writeUInt32LE(record.valueBytes, at);
    valueStarts[i] = at + 4;
    at += 4;
    at +=
      typeof record.value === "string" ? body.write(record.value, at, "utf8") : record.value.copy(body, at);
  }
  return { body, valueStarts };
}

function writeString(body: Buffer, at: number, text: string): number {
  const written = body.write(text, at + 4, "utf8");
  body.writeUInt32LE(written, at);
  return at + 4 + written;
}

/** Unpacks a batch written by encodeRecords; values are views into the blob, not copies. */
export function decodeRecords(
  body: Buffer,
  topic: string,
  partition: number,
  baseOffset: number,
  timestamp: number,
): LogRecord[] {
  const records: LogRecord[] = [];
  let at = 0;
  let offset = baseOffset;
  while (at < body.byteLength) {
    const keyLength = body.readUInt32LE(at);
    const key = body.toString("utf8", at + 4, at + 4 + keyLength);
    at += 4 + keyLength;
    const headersLength = body.readUInt32LE(at);
    const headers: RecordHeaders =
      headersLength === 0
        ? {}
        : (JSON.parse(body.toString("utf8", at + 4, at + 4 + headersLength)) as RecordHeaders);
    at += 4 + headersLength;
    const valueLength = body.readUInt32LE(at);
    const value = body.subarray(at + 4, at + 4 + valueLength);
    at += 4 + valueLength;
    records.push({ topic, partition, offset, key, value, headers, timestamp });
    offset++;
  }
  return records;
}
