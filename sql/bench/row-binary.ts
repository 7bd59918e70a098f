import type { LogRecord } from "@starboard/core";

// raw_events rows as RowBinary, for bench/insert-formats.ts: what JavaScript pays to hand ClickHouse
// binary rows. Each record is parsed (no schema checks: as the sink trusts a checked record), its
// `data` serialized again; strings go as a LEB128 length and their UTF-8 bytes, numbers little-endian,
// DateTime64(3) as Int64 milliseconds.

interface Envelope {
  id: string;
  type: string;
  version: number;
  time: string;
  tenant: string;
  source: string;
  channel?: string;
  contactId?: string;
  agentId?: string;
  data: unknown;
}

class Writer {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  string(value: string): void {
    const bytes = Buffer.byteLength(value, "utf8");
    this.room(bytes + 5);
    for (let rest = bytes; ; rest >>>= 7) {
      if (rest < 0x80) {
        this.buffer[this.at++] = rest;
        break;
      }
      this.buffer[this.at++] = (rest & 0x7f) | 0x80;
    }
    this.at += this.buffer.write(value, this.at, "utf8");
  }

  uint16(value: number): void {
    this.room(2);
    this.at = this.buffer.writeUInt16LE(value, this.at);
  }

  int64(value: number): void {
    this.room(8);
    this.at = this.buffer.writeBigInt64LE(BigInt(value), this.at);
  }

  done(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}

export function encodeRowBinary(records: readonly LogRecord[], ingestedAt: string): Buffer {
  const writer = new Writer();
  const ingestedMs = Date.parse(`${ingestedAt.replace(" ", "T")}Z`);
  for (const record of records) {
    const event = JSON.parse(record.value.toString("utf8")) as Envelope;
    writer.string(event.id);
    writer.string(event.type);
    writer.uint16(event.version);
    writer.int64(Date.parse(event.time));
    writer.string(event.tenant);
    writer.string(event.source);
    writer.string(event.channel ?? "");
    writer.string(event.contactId ?? "");
    writer.string(event.agentId ?? "");
    writer.string(JSON.stringify(event.data));
    writer.string(record.topic);
    writer.uint16(record.partition);
    writer.int64(record.offset);
    writer.int64(ingestedMs);
  }
  return writer.done();
}
