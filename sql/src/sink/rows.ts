import { decodeEventRecord, type LogRecord } from "@starboard/core";

/** raw_events columns in insert order (see migrations/0001_raw_events.sql). */
export const rawEventColumns = [
  "id",
  "type",
  "version",
  "time",
  "tenant",
  "source",
  "channel",
  "contact_id",
  "agent_id",
  "data",
  "log_topic",
  "log_partition",
  "log_offset",
  "ingested_at",
] as const;

/**
 * Settings every raw_events insert of these lines needs: `data` is written as a JSON object and
 * stored as its text in the String column.
 */
export const rawEventInsertSettings = { input_format_json_read_objects_as_strings: 1 } as const;

/** One event ready to insert: its JSONCompactEachRow line and what dedup needs. */
export interface RawEventRow {
  id: string;
  /** ClickHouse DateTime64(3) text, UTC. */
  time: string;
  line: string;
}

export type Conversion = { ok: true; row: RawEventRow } | { ok: false; reason: string };

/** DateTime64's range; an event outside it would be stored as a clamped, wrong time. */
const minYear = 1900;
const maxYear = 2299;

/** Log record -> raw_events row, or the reason it cannot be one (the sink dead-letters it). */
export function convertRecord(record: LogRecord, ingestedAt: string): Conversion {
  // Not kept for other consumers: the sink converts the event and drops it (see decodeEventRecord).
  const decoded = decodeEventRecord(record, false);
  if (!decoded.ok) {
    const { path, reason } = decoded.error;
    return { ok: false, reason: path === "" ? reason : `${path}: ${reason}` };
  }
  const event = decoded.event;
  const year = Number(event.time.slice(0, 4));
  if (year < minYear || year > maxYear) {
    return {
      ok: false,
      reason: `time: ${event.time} is outside the warehouse's range (${minYear}-${maxYear})`,
    };
  }
  const time = clickhouseTime(event.time);
  const values = [
    event.id,
    event.type,
    event.version,
    time,
    event.tenant,
    event.source,
    event.channel ?? "",
    event.contactId ?? "",
    event.agentId ?? "",
    // The object itself, not its text: the insert reads it into the String column as JSON text
    // (insertSettings below), which saves a second stringify and the escaping of nested quotes.
    event.data,
    record.topic,
    record.partition,
    record.offset,
    ingestedAt,
  ];
  return { ok: true, row: { id: event.id, time, line: JSON.stringify(values) } };
}

/** "2026-11-30T09:15:02.123Z" -> "2026-11-30 09:15:02.123" (the log's times are validated to that shape). */
export function clickhouseTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
