import type { StarboardEvent } from "./catalog";
import { type ParseResult, parseEvent } from "./parse";

// Built once: a fatal decoder turns invalid UTF-8 into an error instead of U+FFFD replacement
// characters that would otherwise parse and end up in the warehouse.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Bytes or text off the log or a webhook, to a checked event. Never throws. */
export function parseEventJson(text: string | Uint8Array): ParseResult {
  let source: string;
  if (typeof text === "string") source = text;
  else if (text instanceof Uint8Array) {
    try {
      source = utf8.decode(text);
    } catch (err) {
      return { ok: false, error: { path: "", reason: `invalid UTF-8: ${message(err)}` } };
    }
  } else {
    return { ok: false, error: { path: "", reason: `expected JSON text or bytes, received ${typeof text}` } };
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (err) {
    return { ok: false, error: { path: "", reason: `invalid JSON: ${message(err)}` } };
  }
  return parseEvent(json);
}

export function serializeEvent(event: StarboardEvent): string {
  return JSON.stringify(event);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
