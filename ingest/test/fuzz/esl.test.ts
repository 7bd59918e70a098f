import fc from "fast-check";
import { describe, it } from "vitest";
import { eslTargets } from "./esl-properties";
import { ciSeed } from "./target";

// The ESL parser's properties (esl-properties.ts) with a fixed seed: the same inputs on every run,
// so a failure here reproduces anywhere; `starboard bench --only fuzz` runs them with fresh seeds.
describe("ESL frame parser under fuzzing", () => {
  for (const target of eslTargets) {
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
