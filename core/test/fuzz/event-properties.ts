import assert from "node:assert/strict";
import fc from "fast-check";
import { parseEventJson, serializeEvent } from "../../src/events/codec";
import { formatPath } from "../../src/events/errors";
import { type ParseResult, parseEvent, parseEventInterpreted } from "../../src/events/parse";
import { knownVersions } from "../../src/events/registry";
import { fixtures, type Json, type Mutated, mutated } from "./event-mutations";
import { type FuzzTarget, pureTarget } from "./target";

/** A result is a typed event or a precise error: a path into the input and a reason. */
function checkShape(result: ParseResult): void {
  if (result.ok) {
    assert.equal(typeof result.event.type, "string");
    return;
  }
  const { path, reason } = result.error;
  assert.equal(typeof path, "string");
  assert.ok(reason.length > 0, "an error without a reason");
  assert.ok(
    path === "" || /^([A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])/.test(path),
    `odd path ${path}`,
  );
}

/** Any JSON text (and any bytes): parseEventJson never throws and always says what is wrong. */
const envelopeKeys = fc.constantFrom("id", "type", "version", "time", "tenant", "source", "data", "channel");
const anyJson = pureTarget(
  "events: any JSON",
  800,
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc
      .dictionary(fc.oneof(envelopeKeys, fc.string()), fc.jsonValue({ maxDepth: 2 }))
      .map((v) => JSON.stringify(v)),
    fc.string({ unit: "binary", maxLength: 80 }),
  ),
  (text) => {
    const result = parseEventJson(text);
    checkShape(result);
    checkShape(parseEventJson(Buffer.from(text, "utf8")));
  },
  (text) => text,
);

/** Invalid UTF-8 bytes are an error at the root, not replacement characters in the warehouse. */
const anyBytes = pureTarget(
  "events: any bytes",
  500,
  fc.uint8Array({ maxLength: 120 }),
  (bytes) => {
    const result = parseEventJson(bytes);
    checkShape(result);
    const valid = (() => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    })();
    if (!valid) assert.ok(!result.ok && /^invalid UTF-8/.test(result.error.reason));
  },
  (bytes) => Buffer.from(bytes).toString("latin1"),
);

const related = (a: string, b: string) => a === b || a.startsWith(b) || b.startsWith(a);

/**
 * Where an error may point after `path` changed: at it, above or below it, or (inside `data`) at a
 * sibling, since some rules tie fields together (a result's `ok` decides whether `error` may be
 * there; `rule.id` must equal `ruleId`). Found by the bench's random seeds, not the CI seed.
 */
function mayPointAt(error: string, path: readonly (string | number)[]): boolean {
  const changed = formatPath(path);
  if (related(error, changed) || isSubjectPath(error)) return true;
  const parent = formatPath(path.slice(0, -1));
  return parent !== "" && error.startsWith(parent);
}

/**
 * A fixture with one thing changed: a typed event or an error whose path points at (or under, or
 * above) what was changed; the compiled and interpreted schemas agree; an accepted event re-encodes
 * and parses to an equal value, -0 read back as 0 (withoutNegativeZero).
 */
export function checkMutation({ mutation, input }: Pick<Mutated, "mutation" | "input">): void {
  const result = parseEvent(input);
  checkShape(result);
  assert.deepStrictEqual(parseEventInterpreted(input), result, "compiled and interpreted schemas disagree");
  if (result.ok) {
    const again = parseEventJson(serializeEvent(result.event));
    assert.ok(again.ok, `re-encoded event refused: ${JSON.stringify(!again.ok && again.error)}`);
    assert.deepStrictEqual(again.event, withoutNegativeZero(result.event));
    return;
  }
  const path = mutation.op === "add" ? [...mutation.path, mutation.key] : mutation.path;
  const changed = formatPath(path);
  // A new type or version is checked against another schema: its error may be anywhere.
  if (changed === "type" || changed === "version") return;
  assert.ok(
    mayPointAt(result.error.path, path),
    `error at ${result.error.path} (${result.error.reason}) after changing ${changed}`,
  );
}

/**
 * The value with every -0 made 0: JSON writes -0 as 0, so that is the one change a re-encoding may
 * make (JSON.parse reads "-0" as -0, so a client can send it; every sum and comparison treats the two
 * alike). Found by the bench's random seeds: `waitSeconds: -0` came back as 0.
 */
function withoutNegativeZero<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (Array.isArray(value)) return value.map(withoutNegativeZero) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)])) as T;
  return value;
}

const mutations = pureTarget("events: mutated fixtures", 600, mutated, checkMutation, ({ input }) =>
  JSON.stringify(input),
);

/** Subject fields are checked together: removing contactId may be reported as the channel's rule. */
const isSubjectPath = (p: string) => p === "contactId" || p === "agentId" || p === "channel";

/** Every version a type does not know is refused at `version`, naming the known ones. */
const unknownVersions = pureTarget(
  "events: unknown versions",
  400,
  fc.record({
    at: fc.nat({ max: fixtures.length - 1 }),
    version: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 53, 1.5)),
  }),
  ({ at, version }) => {
    const { event } = fixtures[at] as { event: Record<string, Json> };
    const type = event.type as string;
    if (knownVersions(type).includes(version)) return;
    const result = parseEvent({ ...event, version });
    assert.ok(!result.ok, `version ${version} of ${type} accepted`);
    assert.equal(result.error.path, "version");
    if (Number.isSafeInteger(version) && version >= 1) assert.match(result.error.reason, /^unknown version/);
  },
  ({ at, version }) => JSON.stringify({ ...(fixtures[at]?.event as object), version }),
);

/** Valid fixtures survive encoding with their keys in any order. */
const roundTrip = pureTarget(
  "events: fixtures round-trip",
  300,
  fc.record({ at: fc.nat({ max: fixtures.length - 1 }), order: fc.array(fc.nat(), { maxLength: 12 }) }),
  ({ at, order }) => {
    const { event } = fixtures[at] as { event: Record<string, Json> };
    const keys = Object.keys(event);
    for (const n of order) keys.push(keys.splice(n % keys.length, 1)[0] as string);
    const shuffled = Object.fromEntries(keys.map((k) => [k, event[k]]));
    const result = parseEventJson(JSON.stringify(shuffled));
    assert.ok(result.ok, `fixture refused: ${JSON.stringify(!result.ok && result.error)}`);
    assert.deepStrictEqual(result.event, event);
    const again = parseEventJson(serializeEvent(result.event));
    assert.ok(again.ok);
    assert.deepStrictEqual(again.event, event);
  },
  ({ at }) => JSON.stringify(fixtures[at]?.event),
);

export const eventTargets: readonly FuzzTarget[] = [anyJson, anyBytes, mutations, unknownVersions, roundTrip];
