import fc from "fast-check";
import { exampleEvents } from "../../src/events/fixtures/index";

// Mutations of the fixture catalogue: realistic events with one thing wrong (a field gone, a value
// of another type, an unknown field), which is what a producer's bug looks like on the log.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = readonly (string | number)[];

export const fixtures: readonly { name: string; event: Json }[] = Object.entries(exampleEvents).map(
  ([name, event]) => ({ name, event: JSON.parse(JSON.stringify(event)) as Json }),
);

/** Every node below the root, parents before children. */
export function pathsOf(value: Json, prefix: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== "object") return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => {
    const path = [...prefix, k];
    return [path, ...pathsOf((value as Record<string | number, Json>)[k] as Json, path)];
  });
}

export type Mutation =
  | { op: "delete"; path: JsonPath }
  | { op: "replace"; path: JsonPath; value: Json }
  | { op: "add"; path: JsonPath; key: string; value: Json };

export interface Mutated {
  fixture: string;
  original: Json;
  mutation: Mutation;
  input: Json;
}

function parentOf(root: Json, path: JsonPath): Record<string | number, Json> {
  let node = root;
  for (const k of path.slice(0, -1)) node = (node as Record<string | number, Json>)[k] as Json;
  return node as Record<string | number, Json>;
}

export function applyMutation(original: Json, m: Mutation): Json {
  const root = structuredClone(original);
  if (m.op === "add") {
    const target = m.path.length === 0 ? root : parentOf(root, m.path)[m.path.at(-1) as string | number];
    // Defined, as JSON.parse would: assigning `__proto__` would set the prototype instead.
    if (target !== null && typeof target === "object" && !Array.isArray(target))
      Object.defineProperty(target, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return root;
  }
  const parent = parentOf(root, m.path);
  const key = m.path.at(-1) as string | number;
  if (m.op === "replace") parent[key] = m.value;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return root;
}

export const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Json>(null, "", 0, -1, 1.5, true, "x".repeat(300), [], {}) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constantFrom<Json>("2026-11-30T09:15:02Z", "2026-13-40T99:99:99.000Z", "NaN") },
);

export const mutated: fc.Arbitrary<Mutated> = fc
  .record({
    at: fc.nat({ max: fixtures.length - 1 }),
    pick: fc.nat(),
    op: fc.constantFrom("delete", "replace", "add"),
    key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "extra")),
    value: jsonValue,
  })
  .map(({ at, pick, op, key, value }) => {
    const { name, event } = fixtures[at] as (typeof fixtures)[number];
    const paths = pathsOf(event);
    const path = op === "add" && pick % 4 === 0 ? [] : (paths[pick % paths.length] as JsonPath);
    const mutation: Mutation =
      op === "delete" ? { op, path } : op === "replace" ? { op, path, value } : { op, path, key, value };
    return { fixture: name, original: event, mutation, input: applyMutation(event, mutation) };
  });
