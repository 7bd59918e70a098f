import fc from "fast-check";
import { describe, it } from "vitest";
import { socketTarget } from "./socket-properties";
import { ciSeed } from "./target";
import { webhookTarget } from "./webhook-properties";

// Real gateways on port 0, real HTTP, a real in-process log; stop() checks the counters and the
// dead-letter topic against what was sent, so it runs (and may fail) after the property passed.
describe("webhook gateways under fuzzing", () => {
  it.each([webhookTarget, socketTarget])("$name", async (target) => {
    const running = await target.start();
    let failure: unknown;
    try {
      await fc.assert(running.property, { seed: ciSeed, numRuns: target.ciRuns });
    } catch (error) {
      failure = error;
    }
    // Counters are checked even after a failed property, but the property's failure is the news.
    await running.stop().catch((error: unknown) => {
      failure ??= error;
    });
    if (failure !== undefined) throw failure;
  });
});
