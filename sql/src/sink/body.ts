import { eventInputBody } from "./input";
import { nativeBody } from "./native";
import type { SinkFormat } from "./pending";
import { clickhouseTime, type RawEventRow } from "./rows";

/** What one write sends: the bytes and their format (which also names the table, see write.ts). */
export interface SinkBody {
  format: SinkFormat;
  body: Buffer;
}

/**
 * A Native block for raw_events when every row is a checked event laid out as `publishEvents`
 * writes it (the common case: ClickHouse reads it about twice as fast, native.ts), else the events'
 * JSON objects for raw_event_input (another producer's records, a re-serialized retry).
 */
export function sinkBody(rows: readonly RawEventRow[], writtenAt = new Date()): SinkBody {
  const native = nativeBody(rows, writtenAt.getTime());
  if (native !== undefined) return { format: "Native", body: native };
  return { format: "JSONEachRow", body: eventInputBody(rows, clickhouseTime(writtenAt.toISOString())) };
}
