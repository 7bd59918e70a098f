import { RecordRejectedError } from "./errors";
import type { OutgoingRecord } from "./types";

/** Kafka's default message.max.bytes is about 1 MB; both adapters refuse larger records the same way. */
export const maxRecordBytes = 1_000_000;

export function toBuffer(value: Uint8Array | string): Buffer {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** Checks what every adapter must refuse before anything is written. */
export function checkRecords(records: readonly OutgoingRecord[]): Buffer[] {
  return records.map((record, index) => {
    if (typeof record.key !== "string") throw new RecordRejectedError(index, "key", "must be a string");
    const value = toBuffer(record.value);
    if (value.byteLength > maxRecordBytes) {
      throw new RecordRejectedError(
        index,
        "value",
        `${value.byteLength} bytes is over the ${maxRecordBytes}-byte record limit`,
      );
    }
    return value;
  });
}
