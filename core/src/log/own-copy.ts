import type { z } from "zod";
import type { StarboardEvent } from "../events/index";
import { eventTypes, specFor } from "../events/registry";

/**
 * Zod definitions whose output is a value the parse made: a primitive, or a new object or array of
 * such values. `unknown` is missing on purpose (it passes the input's own object through), and so
 * is any kind not listed here: a definition this walk does not know counts as sharing.
 */
const copyingKinds = new Set([
  "string",
  "number",
  "boolean",
  "enum",
  "literal",
  "object",
  "array",
  "tuple",
  "record",
  "optional",
  "union",
]);

/** Walks a definition's children: true when every output value is the parse's own. */
function outputIsOwnCopy(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (!copyingKinds.has(def.type)) return false;
  const children: unknown[] = [def.innerType, def.element, def.keyType, def.valueType, def.rest];
  if (def.shape !== undefined) children.push(...Object.values(def.shape as object));
  if (Array.isArray(def.options)) children.push(...def.options);
  if (Array.isArray(def.items)) children.push(...def.items);
  // An absent child is undefined or null (a tuple without a rest element).
  return children.every(
    (child) => child === undefined || child === null || outputIsOwnCopy(child as z.core.$ZodType),
  );
}

/** Per type, the versions whose events are the checks' own copies (publishEvents asks per event). */
let ownCopyVersions: Map<string, Set<number>> | undefined;

/**
 * The checked event can stand for a parse of its serialized bytes: consumers handed it instead
 * (the in-process log, typed.ts rememberChecked) see exactly what parsing and checking the bytes
 * would give, and nothing its producer can still change.
 *
 * - Every value in it was made by the checks: not a type whose data holds an unknown value (a QA
 *   rule's settings, a taxonomy's rules), which the checks pass through as the producer's own
 *   object; the producer could change it after the publish.
 * - No value in it is undefined: zod keeps a key given as undefined, and JSON drops it (or writes
 *   null in an array), so the parse would differ from the event by that key.
 */
export function checkedEventStandsForBytes(event: StarboardEvent): boolean {
  return checkedEventIsOwnCopy(event) && !holdsUndefined(event);
}

/** Every value of an event of this type and version is the checks' own (see above). */
export function checkedEventIsOwnCopy(event: Pick<StarboardEvent, "type" | "version">): boolean {
  if (ownCopyVersions === undefined) {
    ownCopyVersions = new Map();
    for (const type of eventTypes) {
      const versions = new Set<number>();
      for (const [version, spec] of specFor(type) ?? []) {
        if (outputIsOwnCopy(spec.interpreted)) versions.add(version);
      }
      ownCopyVersions.set(type, versions);
    }
  }
  return ownCopyVersions.get(event.type)?.has(event.version) === true;
}

function holdsUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsUndefined);
  for (const key in value) {
    if (holdsUndefined((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}
