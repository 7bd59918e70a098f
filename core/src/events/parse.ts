import { z } from "zod";
import type { StarboardEvent } from "./catalog";
import { envelopeSchema } from "./envelope";
import { type EventParseError, fromIssue, reasonMap } from "./errors";
import { knownVersions, specFor } from "./registry";
import { checkSubject } from "./subject";

export type ParseResult = { ok: true; event: StarboardEvent } | { ok: false; error: EventParseError };

// Order of checks: envelope, type known, version known, subject fields, data. Each step reports
// its first problem only; later steps would mostly report consequences of the earlier one.
//
// Unknown fields are rejected in data as in the envelope: a new field is a new version, so a
// producer ahead of its consumers fails loudly onto the dead-letter topic instead of having the
// field silently stripped on the way to the warehouse.

const envelopeCompiled = z.compile(envelopeSchema);

/** Validates an untrusted value (typically fresh from JSON.parse) as an event. Never throws. */
export function parseEvent(input: unknown): ParseResult {
  try {
    return check(input, true);
  } catch (err) {
    // Only reachable with exotic inputs (a getter or proxy that throws): JSON values cannot.
    return fail({
      path: "",
      reason: `unreadable input: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}

/**
 * The same checks on zod's interpreter alone. Not exported from the package: it is the reference
 * the compiled path is tested against, and a way to rule the compiler out when chasing a bug.
 */
export function parseEventInterpreted(input: unknown): ParseResult {
  return check(input, false);
}

function check(input: unknown, compiled: boolean): ParseResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return fail({ path: "", reason: `expected an event object, received ${describe(input)}` });
  }
  const envelope = (compiled ? envelopeCompiled : envelopeSchema).safeParse(input, { error: reasonMap });
  if (!envelope.success) {
    const first = envelope.error.issues[0];
    const error = first ? fromIssue(first, []) : { path: "", reason: "invalid envelope" };
    return fail({ ...error, ...readableTypeVersion(input) });
  }
  const head = envelope.data;
  const { type, version } = head;
  const versions = specFor(type);
  if (versions === undefined) {
    return fail({ path: "type", reason: `unknown event type ${JSON.stringify(type)}`, type });
  }
  const spec = versions.get(version);
  if (spec === undefined) {
    const known = knownVersions(type).join(", ");
    return fail({
      path: "version",
      reason: `unknown version ${version} for ${type} (known: ${known})`,
      type,
      version,
    });
  }
  const subjectError = checkSubject(spec.subject, head, type);
  if (subjectError !== undefined) return fail({ ...subjectError, type, version });

  const data = (compiled ? spec.data : spec.interpreted).safeParse(head.data, { error: reasonMap });
  if (!data.success) {
    const first = data.error.issues[0];
    const error = first ? fromIssue(first, ["data"]) : { path: "data", reason: "invalid data" };
    return fail({ ...error, type, version });
  }
  // The registry is typed against the event union (SpecTable<StarboardEvent>), so the schema found
  // for (type, version) produces exactly that event's data; the compiler cannot follow a Map lookup.
  return { ok: true, event: { ...head, data: data.data } as StarboardEvent };
}

/** For publishers: the same checks, so a bad event is refused before it reaches the log. */
export function validateEvent(event: StarboardEvent): ParseResult {
  return parseEvent(event);
}

function fail(error: EventParseError): ParseResult {
  return { ok: false, error };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Type and version as far as they can be read, so a dead letter can still be counted per type. */
function readableTypeVersion(input: object): { type?: string; version?: number } {
  const out: { type?: string; version?: number } = {};
  const { type, version } = input as { type?: unknown; version?: unknown };
  if (typeof type === "string" && type.length > 0 && type.length <= 64) out.type = type;
  if (typeof version === "number" && Number.isSafeInteger(version) && version >= 1) out.version = version;
  return out;
}
