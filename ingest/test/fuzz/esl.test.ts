import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EslFrameParser } from "../../src/esl/frame-parser";
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

  it("a header block of 32,000 bad lines is one refusal (work and dead letters per block, not per line)", () => {
    const parser = new EslFrameParser();
    const results = [...parser.push(Buffer.from(`${"x\n".repeat(32_000)}\n`)), ...parser.end()];
    expect(results.map((r) => (r.ok ? r.frame.type : r.error.code))).toEqual(["garbage"]);
  });
});
