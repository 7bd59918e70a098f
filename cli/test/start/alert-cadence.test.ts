import { describe, expect, it } from "vitest";
import { alertEvaluationMs } from "../../src/start/graphql";

describe("how often the live state re-runs its alert rules, in event time", () => {
  it.each([
    // At real time or slower: once per second of event time, the rules' own default.
    [0.5, 1_000],
    [1, 1_000],
    // Faster: once per 150 ms subscription tick of wall clock, never more often than 1 s of event time.
    [5, 1_000],
    [10, 1_500],
    [50, 7_500],
  ])("at --speed %s: every %s ms", (speed, ms) => {
    expect(alertEvaluationMs(speed)).toBe(ms);
  });
});
