import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatPayload, chatPayloadParser } from "../../src/chat/schema";
import { requiredMessage } from "../../src/http/zod-path";
import { ciSeed } from "./target";
import { chatPayloadText } from "./webhook-requests";

// The gateway parses chat payloads with the compiled schema; the declared one is the reference.
// Mutated samples of every payload type: both accept the same payloads with the same output, and
// refuse the same ones with the same issues (the gateway answers with the first one's path).
describe("the compiled chat payload parser", () => {
  it("gives the declared schema's answer for every mutated payload", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(chatPayloadText, (text) => {
        let payload: unknown;
        try {
          payload = JSON.parse(text);
        } catch {
          return;
        }
        const reference = chatPayload.safeParse(payload, { error: requiredMessage });
        const compiled = chatPayloadParser.safeParse(payload, { error: requiredMessage });
        expect(compiled.success).toBe(reference.success);
        if (reference.success) {
          accepted++;
          expect(compiled.data).toStrictEqual(reference.data);
        } else {
          refused++;
          expect(compiled.error?.issues).toStrictEqual(reference.error.issues);
        }
      }),
      { seed: ciSeed, numRuns: 2_000 },
    );
    // Both answers were exercised, not one of them only.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
