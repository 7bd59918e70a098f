import { RecordRejectedError } from "./errors";
import type { OutgoingRecord } from "./types";

/** Kafka's default message.max.bytes is about 1 MB; both adapters refuse larger records the same way. */
export const maxRecordBytes = 1_000_000;

export function toBuffer(value: Uint8Array | string): Buffer {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Checks what every adapter must refuse before anything is written, and returns each value's size
 * in bytes (strings are measured, not copied: the store encodes them straight into its batch).
 */
export function checkRecords(records: readonly OutgoingRecord[]): number[] {
  return records.map((record, index) => {
    if (typeof record.key !== "string") throw new RecordRejectedError(index, "key", "must be a string");
    const bytes =
      typeof record.value === "string" ? Buffer.byteLength(record.value, "utf8") : record.value.byteLength;
    if (bytes > maxRecordBytes) {
      throw new RecordRejectedError(
        index,
        "value",
        `${bytes} bytes is over the ${maxRecordBytes}-byte record limit`,
      );
    }
    return bytes;
  });
}
