import { RecordRejectedError } from "./errors";
import type { OutgoingRecord } from "./types";

/** Kafka's default message.max.bytes is about 1 MB; both adapters refuse larger records the same way. */
export const maxRecordBytes = 1_000_000;

export function toBuffer(value: Uint8Array | string): Buffer {
  if (typeof value === "string") return Buffer.from(value, "utf8");
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Checks what every adapter must refuse before anything is written. A string's UTF-8 size is at
 * most three bytes per UTF-16 unit, so only strings that could be over the limit are measured.
 */
export function checkRecords(records: readonly OutgoingRecord[]): void {
  records.forEach((record, index) => {
    if (typeof record.key !== "string") throw new RecordRejectedError(index, "key", "must be a string");
    const value = record.value;
    if (typeof value === "string" && value.length * 3 <= maxRecordBytes) return;
    const bytes = typeof value === "string" ? Buffer.byteLength(value, "utf8") : value.byteLength;
    if (bytes > maxRecordBytes) {
      throw new RecordRejectedError(
        index,
        "value",
        `${bytes} bytes is over the ${maxRecordBytes}-byte record limit`,
      );
    }
  });
}
