import { checkedEnvelope, decodeEventRecord, type LogRecord, type StarboardEvent } from "@starboard/core";

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
 * Settings every raw_events insert of compact lines needs: `data` is written as a JSON object and
 * stored as its text in the String column.
 */
export const rawEventInsertSettings = { input_format_json_read_objects_as_strings: 1 } as const;

/** One event ready to insert, and what dedup needs. */
export interface RawEventRow {
  id: string;
  /** ClickHouse DateTime64(3) text, UTC. */
  time: string;
  /** Where the log carried it. */
  record: LogRecord;
  /**
   * The event as one JSON object for raw_event_input: the record's own bytes when they can go as
   * they are (see convertRecord), else the checked event serialized again.
   */
  json: Buffer | string;
  /**
   * `json` is the record's bytes as `publishEvents` wrote them after its checks: the envelope's keys
   * in the schemas' order, `data` last (native.ts cuts the columns from them).
   */
  checked: boolean;
}

export type Conversion = { ok: true; row: RawEventRow } | { ok: false; reason: string };

/** DateTime64's range; an event outside it would be stored as a clamped, wrong time. */
const minYear = 1900;
const maxYear = 2299;
const closingBrace = 0x7d;
const newline = 0x0a;

/** Log record -> raw_events row, or the reason it cannot be one (the sink dead-letters it). */
export function convertRecord(record: LogRecord): Conversion {
  // Checked by publishEvents with this catalog: the same checks would pass again (core's
  // log/checked.ts), so only the envelope's id and time are read, from the bytes. Saves the parse,
  // the schema checks and their garbage (main-thread CPU in the warehouse bench 8.4 -> 7.2 us per
  // event, three runs each).
  const envelope = checkedEnvelope(record);
  if (envelope !== undefined && sendableAsIs(record.value)) {
    const outOfRange = timeOutOfRange(envelope.time);
    if (outOfRange !== undefined) return { ok: false, reason: outOfRange };
    return {
      ok: true,
      row: {
        id: envelope.id,
        time: clickhouseTime(envelope.time),
        record,
        json: record.value,
        checked: true,
      },
    };
  }
  const checked = checkedEvent(record);
  if (!checked.ok) return checked;
  const { event } = checked;
  const value = record.value;
  // The bytes were just parsed and checked against the strict schemas, so they hold exactly the
  // event's keys; sending them spares a stringify. A repeated key, which JSON.parse accepts and
  // ClickHouse refuses, is caught by the insert (see write.ts).
  return {
    ok: true,
    row: {
      id: event.id,
      time: clickhouseTime(event.time),
      record,
      json: sendableAsIs(value) ? value : JSON.stringify(event),
      checked: false,
    },
  };
}

/**
 * The bytes can go into the body as they are: they end in the object's brace (the sink appends
 * the log's fields before it) and hold no raw newline (one row per line). Anything else
 * (whitespace, a pretty-printed producer) goes re-serialized.
 */
function sendableAsIs(value: Buffer): boolean {
  return value.length > 0 && value[value.length - 1] === closingBrace && value.indexOf(newline) < 0;
}

/**
 * The row with its event serialized again from the log's bytes: the sink's second try when
 * ClickHouse refused the bytes as they were (a key repeated in the JSON, which JSON.parse accepts
 * and JSONEachRow refuses; the serialized event has each key once, the value the checks saw).
 */
export function reserialized(row: RawEventRow): RawEventRow {
  const checked = checkedEvent(row.record);
  // The record passed convertRecord, so it still decodes; a failure here is a bug, not bad input.
  if (!checked.ok) throw new Error(`event ${row.id} no longer decodes: ${checked.reason}`);
  return { ...row, json: JSON.stringify(checked.event), checked: false };
}

/** The record's event, checked, or why it cannot go to the warehouse. */
export function checkedEvent(
  record: LogRecord,
): { ok: true; event: StarboardEvent } | { ok: false; reason: string } {
  // Not kept for other consumers: the sink converts the event and drops it (see decodeEventRecord).
  const decoded = decodeEventRecord(record, false);
  if (!decoded.ok) {
    const { path, reason } = decoded.error;
    return { ok: false, reason: path === "" ? reason : `${path}: ${reason}` };
  }
  const event = decoded.event;
  const outOfRange = timeOutOfRange(event.time);
  return outOfRange === undefined ? { ok: true, event } : { ok: false, reason: outOfRange };
}

function timeOutOfRange(time: string): string | undefined {
  const year = Number(time.slice(0, 4));
  if (year >= minYear && year <= maxYear) return undefined;
  return `time: ${time} is outside the warehouse's range (${minYear}-${maxYear})`;
}

/** "2026-11-30T09:15:02.123Z" -> "2026-11-30 09:15:02.123" (the log's times are validated to that shape). */
export function clickhouseTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
