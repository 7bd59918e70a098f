import fc from "fast-check";
import { describe, it } from "vitest";
import { eventTargets } from "./event-properties";
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
