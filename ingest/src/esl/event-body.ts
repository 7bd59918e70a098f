import type { FsEvent } from "./frame-types";
import { FsHeaders } from "./headers";

// The two event encodings mod_event_socket sends (switch_event.c: switch_event_serialize and
// switch_event_serialize_json_obj). Both return a typed refusal instead of throwing.

export type EventBodyResult = { ok: true; event: FsEvent } | { ok: false; reason: string };

/**
 * `Name: url-encoded value` lines; then either a blank line (end), or `Content-Length: n`, a blank
 * line and the event's own body (BACKGROUND_JOB carries `+OK <uuid>` there).
 */
export function parsePlainEvent(text: string): EventBodyResult {
  const headers = new FsHeaders();
  const length = text.length;
  let pos = 0;
  let body: string | undefined;
  // Tracked while reading, so the check does not build the lookup index (see FsHeaders).
  let hasName = false;
  let hasLength = false;
  // Offsets into `text` rather than a string per line: ~55 headers per event, and the line copy
  // was only ever sliced again into name and value.
  while (pos < length) {
    let eol = text.indexOf("\n", pos);
    if (eol === -1) eol = length;
    const end = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const lineStart = pos;
    pos = eol + 1;
    if (end === lineStart) {
      // A blank line ends the headers; whatever follows is the event body (bounded by the frame).
      if (hasLength && pos < length) body = text.slice(pos);
      break;
    }
    const colon = text.indexOf(":", lineStart);
    if (colon <= lineStart || colon >= end) {
      const line = text.slice(lineStart, Math.min(end, lineStart + 80));
      return { ok: false, reason: `event header line without a name: ${JSON.stringify(line)}` };
    }
    const name = text.slice(lineStart, colon);
    // text[end] is the line break (or the end), never a space, so colon + 2 <= end here.
    const valueStart = text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
    headers.addEncoded(name, text.slice(valueStart, end));
    if (name.length === 10 && name.toLowerCase() === "event-name") hasName = true;
    else if (name.length === 14 && name.toLowerCase() === "content-length") hasLength = true;
  }
  if (!hasName) return { ok: false, reason: "event without Event-Name" };
  return { ok: true, event: body === undefined ? { headers } : { headers, body } };
}

/** JSON bodies are not url-encoded; repeated headers arrive as arrays, the body as `_body`. */
export function parseJsonEvent(text: string): EventBodyResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: "event JSON is not an object" };
  }
  const headers = new FsHeaders();
  let body: string | undefined;
  for (const [name, value] of Object.entries(parsed)) {
    if (name === "_body") {
      if (typeof value === "string") body = value;
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      // Only scalars: String() of a parsed object is "[object Object]" at best, and throws when the
      // JSON gave it a `toString` key (found by fuzzing: {"A":[{"toString":""}]}).
      if (typeof v === "string") headers.add(name, v);
      else if (typeof v === "number" || typeof v === "boolean") headers.add(name, String(v));
      else return { ok: false, reason: `header ${JSON.stringify(name)} is not a string (${describe(v)})` };
    }
  }
  if (!headers.has("Event-Name")) return { ok: false, reason: "event without Event-Name" };
  return { ok: true, event: body === undefined ? { headers } : { headers, body } };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "a list inside a list" : `a JSON ${typeof value}`;
}
