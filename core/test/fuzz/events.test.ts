import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEventJson, serializeEvent } from "../../src/events/codec";
import { applyMutation, fixtures } from "./event-mutations";
import { checkMutation, eventTargets } from "./event-properties";
import { ciSeed } from "./target";

// The event schemas' properties (event-properties.ts) with a fixed seed: the same inputs on every
// run, so a failure reproduces anywhere; `starboard bench --only fuzz` runs them with fresh seeds.
describe("event schemas under fuzzing", () => {
  for (const target of eventTargets) {
    it(target.name, async () => {
      const running = await target.start();
      try {
        await fc.assert(running.property, { seed: ciSeed, numRuns: target.ciRuns });
      } finally {
        await running.stop();
      }
    });
  }
});

describe("inputs the random seeds found", () => {
  it("a -0 in an accepted event re-encodes as 0, the one change JSON makes (seed 2057490322)", () => {
    const original = fixtures.find((f) => f.name === "contact.ended")?.event ?? null;
    const mutation = { op: "replace", path: ["data", "waitSeconds"], value: -0 } as const;
    const input = applyMutation(original, mutation);
    const parsed = parseEventJson(JSON.stringify(input).replace('"waitSeconds":0', '"waitSeconds":-0'));
    expect(
      parsed.ok && parsed.event.type === "contact.ended" && Object.is(parsed.event.data.waitSeconds, -0),
    ).toBe(true);
    expect(() => checkMutation({ mutation, input })).not.toThrow();
    if (parsed.ok) expect(serializeEvent(parsed.event)).toContain('"waitSeconds":0');
  });
});
