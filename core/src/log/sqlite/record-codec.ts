import type { LogRecord, RecordHeaders } from "../types";

export interface EncodableRecord {
  key: string;
  value: Buffer;
  /** JSON of the headers, or null when there are none. */
  headers: string | null;
}

/**
 * Packs the records of one partition's append into one blob: per record a u32 key length, the key
 * (UTF-8), a u32 headers length (0 = none), the headers as JSON, a u32 value length, the value.
 * This mirrors Kafka's record batch: SQLite keeps the durability and the crash safety, and a row
 * per batch instead of a row per record is what lets 1 KB events move at hundreds of thousands a second.
 */
export function encodeRecords(records: readonly EncodableRecord[]): Buffer {
  let size = 0;
  const keys: Buffer[] = new Array(records.length);
  const headers: (Buffer | null)[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as EncodableRecord;
    const key = Buffer.from(record.key, "utf8");
    const header = record.headers === null ? null : Buffer.from(record.headers, "utf8");
    keys[i] = key;
    headers[i] = header;
    size += 12 + key.byteLength + (header?.byteLength ?? 0) + record.value.byteLength;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    const key = keys[i] as Buffer;
    const header = headers[i] ?? null;
    const value = (records[i] as EncodableRecord).value;
    out.writeUInt32LE(key.byteLength, at);
    at += 4 + key.copy(out, at + 4);
    out.writeUInt32LE(header?.byteLength ?? 0, at);
    at += 4 + (header === null ? 0 : header.copy(out, at + 4));
    out.writeUInt32LE(value.byteLength, at);
    at += 4 + value.copy(out, at + 4);
  }
  return out;
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
