import { describe, expect, it } from "vitest";
import { eventTypes, exampleEvents } from "../../src/events/index";
import { parseEvent, parseEventInterpreted } from "../../src/events/parse";

// parseEvent runs zod's compiled fast path (new in zod 4.6, see registry.ts). This holds it to the
// interpreter on thousands of near-miss inputs: the compiled path must accept exactly what the
// interpreter accepts, produce the same value, and report the same first error.

type Path = (string | number)[];
const replacements: unknown[] = [
  undefined,
  null,
  "",
  "x",
  "NORMAL_CLEARING",
  "2026-11-30T09:15:02.123Z",
  "a".repeat(300),
  -1,
  0,
  1.5,
  11,
  2 ** 53,
  true,
  [],
  {},
];

function* paths(value: unknown, at: Path = []): Generator<Path> {
  if (at.length > 0) yield at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], [...at, i]);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) yield* paths(child, [...at, key]);
  }
}

function withValue(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

function* nearMisses(event: unknown): Generator<unknown> {
  yield event;
  for (const path of paths(event)) {
    for (const value of replacements) yield withValue(event, path, value);
    const target = path.reduce<unknown>(
      (node, key) => (node as Record<string | number, unknown>)[key],
      event,
    );
    if (typeof target === "object" && target !== null && !Array.isArray(target)) {
      yield withValue(event, path, { ...target, unexpected: 1 });
    }
  }
  yield { ...(event as object), unexpected: 1 };
}

describe("compiled parse agrees with the interpreter", () => {
  it.each(eventTypes)("%s", (type) => {
    let cases = 0;
    for (const input of nearMisses(exampleEvents[type])) {
      cases++;
      expect(parseEvent(input)).toEqual(parseEventInterpreted(input));
    }
    expect(cases).toBeGreaterThan(30);
  });
});
