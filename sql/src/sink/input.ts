import type { RawEventRow } from "./rows";

/** raw_event_input (migrations/0021): a Null table whose view renames the envelope's fields into raw_events. */
export const eventInputTable = "raw_event_input";

export const eventInputColumns = [
  "id",
  "type",
  "version",
  "time",
  "tenant",
  "source",
  "channel",
  "contactId",
  "agentId",
  "data",
  "logTopic",
  "logPartition",
  "logOffset",
  "ingestedAt",
] as const;

export const eventInputSettings = {
  // `data` is an object in the event; the column keeps its JSON text.
  input_format_json_read_objects_as_strings: 1,
  // Event times are ISO-8601 with a T and a Z.
  date_time_input_format: "best_effort",
  // An event without a channel, contact or agent leaves the column at its default (''), as before.
  input_format_defaults_for_omitted_fields: 1,
} as const;

/**
 * The rows as JSONEachRow: each event's JSON with the log's topic, partition, offset and the write
 * time added before its closing brace, one per line. Written into one Buffer sized up front: no
 * per-row string holds an event's text (that copy, its stringify and the join were most of the
 * sink's JavaScript per event before 0021).
 */
export function eventInputBody(rows: readonly RawEventRow[], ingestedAt: string): Buffer {
  const tails: string[] = new Array(rows.length);
  const topics = new Map<string, Buffer>();
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RawEventRow;
    const { topic, partition, offset } = row.record;
    if (!topics.has(topic))
      topics.set(topic, Buffer.from(`,"logTopic":${JSON.stringify(topic)},"logPartition":`));
    // ASCII only (digits, punctuation, the time), so its length is its byte count.
    const tail = `${partition},"logOffset":${offset},"ingestedAt":"${ingestedAt}"}\n`;
    tails[i] = tail;
    size += jsonBytes(row.json) - 1 + (topics.get(topic) as Buffer).length + tail.length;
  }
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RawEventRow;
    const json = row.json;
    // The whole object, then `at` steps back over its closing brace (convertRecord guarantees it is
    // the last byte), which the log's fields overwrite: no subarray, a new Buffer object, per row.
    if (typeof json === "string") at += body.write(json, at, "utf8") - 1;
    else {
      body.set(json, at);
      at += json.length - 1;
    }
    const topic = topics.get(row.record.topic) as Buffer;
    body.set(topic, at);
    at += topic.length;
    at += body.write(tails[i] as string, at, "latin1");
  }
  if (at !== size) throw new Error(`raw_event_input body: wrote ${at} of ${size} bytes`);
  return body;
}

function jsonBytes(json: Buffer | string): number {
  return typeof json === "string" ? Buffer.byteLength(json, "utf8") : json.length;
}
