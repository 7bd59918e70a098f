import { createHash } from "node:crypto";
import { z } from "zod";
import { envelopeSchema } from "../events/envelope";
import { eventTypes, specFor } from "../events/registry";
import type { LogRecord } from "./types";

/**
 * The header publishEvents puts on every record it wrote: the fingerprint of the event catalog
 * that checked the event. A consumer holding the same catalog would run the same checks on the
 * same bytes and reach the same answer, so it may take the event as checked (the warehouse sink
 * does, see sql/src/sink/rows.ts). Records without it, or with another catalog's, are checked in
 * full: another producer on a Kafka topic, or a Starboard of another version during an upgrade.
 */
export const checkedHeader = "event-checked";

/**
 * The parse rules that are code rather than schema (parse.ts: strict envelope, known type and
 * version; subject.ts: the subject fields). The schemas are hashed below; a change to those rules
 * must bump this, or a consumer would trust events checked under the old rules.
 */
const parseRulesRevision = 1;

let fingerprint: string | undefined;

/**
 * A hash of every schema an event is checked against: the envelope and each type and version's
 * subject rule and data schema. Computed once per process, on first use (~15 ms).
 */
export function catalogFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const schemas: CatalogSchema[] = [
    { name: `envelope, rules ${parseRulesRevision}`, schema: envelopeSchema },
  ];
  for (const type of eventTypes) {
    for (const [version, spec] of specFor(type) ?? []) {
      schemas.push({ name: `${type}@${version} ${spec.subject}`, schema: spec.interpreted });
    }
  }
  fingerprint = fingerprintOf(schemas);
  return fingerprint;
}

export interface CatalogSchema {
  name: string;
  schema: z.ZodType;
}

/**
 * 16 hex digits of sha256 over the schemas as JSON Schema, each with the source of its
 * refinements (JSON Schema cannot express those, and a changed refinement changes what passes).
 */
export function fingerprintOf(schemas: readonly CatalogSchema[]): string {
  const hash = createHash("sha256");
  for (const { name, schema } of schemas) {
    const refinements: string[] = [];
    const json = z.toJSONSchema(schema, {
      unrepresentable: "any",
      override: (context) => {
        for (const check of context.zodSchema._zod.def.checks ?? []) {
          const { fn } = check._zod.def as { fn?: unknown };
          if (typeof fn === "function") refinements.push(fn.toString());
        }
      },
    });
    hash.update(`${name}\n${JSON.stringify([json, refinements])}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** The envelope fields a consumer reads without parsing the event. */
export interface CheckedEnvelope {
  id: string;
  /** ISO-8601 UTC with milliseconds, as the event carries it. */
  time: string;
}

// publishEvents serializes the event its checks returned, whose keys follow the envelope schema:
// id, type, version, time first. An id with an escape (a quote, a backslash, a control character)
// does not match and the event is parsed instead, so what is read here is what JSON.parse would read.
const checkedPrefix =
  /^\{"id":"([^"\\]+)","type":"[^"\\]+","version":[1-9][0-9]*,"time":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"/;

/**
 * Bytes read for the prefix: first what a usual envelope needs, then enough for an id of 128
 * characters of up to 4 bytes each, and the rest.
 */
const shortPrefixBytes = 192;
const prefixBytes = 640;

/**
 * The id and time of an event publishEvents checked with this process's catalog, read from the
 * start of its bytes; undefined when the record lacks the mark, carries another catalog's, or does
 * not start as publishEvents writes (then the caller parses and checks it).
 *
 * The prefix is read as Latin-1, one character per byte, and the id and time are then decoded from
 * the bytes on their own. A match on a prefix string would slice it, and the id, which a sink keeps
 * until its write is acknowledged, would hold the whole prefix alive: up to 1.3 KB per event once
 * any character of it is not Latin-1. (A byte of a multi-byte character is never a quote or a
 * backslash, so the pattern matches the same ids in either reading.)
 */
export function checkedEnvelope(record: Pick<LogRecord, "value" | "headers">): CheckedEnvelope | undefined {
  if (record.headers[checkedHeader] !== catalogFingerprint()) return undefined;
  const { value } = record;
  let match = checkedPrefix.exec(value.toString("latin1", 0, Math.min(value.length, shortPrefixBytes)));
  if (match === null && value.length > shortPrefixBytes) {
    match = checkedPrefix.exec(value.toString("latin1", 0, Math.min(value.length, prefixBytes)));
  }
  if (match === null) return undefined;
  const idEnd = idStart + (match[1] as string).length;
  const timeEnd = match[0].length - 1;
  return {
    id: value.toString("utf8", idStart, idEnd),
    time: value.toString("latin1", timeEnd - isoTimeLength, timeEnd),
  };
}

/** Where the id starts: after `{"id":"`. */
const idStart = 7;
/** "2026-11-30T09:15:02.123Z" */
const isoTimeLength = 24;
