import { describe, expect, it } from "vitest";
import { type EwtInput, estimatedWaitSeconds, ewtAccuracy, ewtError } from "../../src/metrics/index";

const aht = 300;

describe("estimatedWaitSeconds (AHT 300 s)", () => {
  it.each<[string, Omit<EwtInput, "ahtSeconds">, number | null]>([
    ["nobody staffed: no honest estimate", { position: 1, staffedAgents: 0, availableAgents: 0 }, null],
    ["an idle agent for it", { position: 1, staffedAgents: 1, availableAgents: 1 }, 0],
    ["third in line, three idle", { position: 3, staffedAgents: 5, availableAgents: 3 }, 0],
    ["behind 1 busy agent: half a call", { position: 1, staffedAgents: 1, availableAgents: 0 }, 150],
    ["second behind 1 busy agent", { position: 2, staffedAgents: 1, availableAgents: 0 }, 450],
    ["first behind 2 busy: AHT/3", { position: 1, staffedAgents: 2, availableAgents: 0 }, 100],
    ["second behind 2 busy: 2·AHT/3", { position: 2, staffedAgents: 2, availableAgents: 0 }, 200],
    ["third behind 2 busy: next round", { position: 3, staffedAgents: 2, availableAgents: 0 }, 400],
    ["behind 3 who just picked up", { position: 5, staffedAgents: 3, availableAgents: 3 }, 300],
    [
      "1 idle takes #1; #4 is 3rd of 3 busy: 3·AHT/4",
      { position: 4, staffedAgents: 4, availableAgents: 1 },
      225,
    ],
  ])("%s -> %s", (_name, input, expected) => {
    expect(estimatedWaitSeconds({ ...input, ahtSeconds: aht })).toBe(expected);
  });

  it("a long queue tends to position × AHT / agents", () => {
    const ewt = estimatedWaitSeconds({
      position: 1000,
      staffedAgents: 10,
      availableAgents: 0,
      ahtSeconds: aht,
    });
    // round 100, 10th of 10 busy: 99 × 300 + 10 × 300 / 11
    expect(ewt).toBeCloseTo(29_700 + 3000 / 11, 9);
    expect((ewt ?? 0) / ((1000 * aht) / 10)).toBeCloseTo(1, 2);
  });

  it("never shrinks as the position grows", () => {
    let previous = 0;
    for (let position = 1; position <= 50; position++) {
      const ewt =
        estimatedWaitSeconds({ position, staffedAgents: 4, availableAgents: 1, ahtSeconds: aht }) ?? 0;
      expect(ewt).toBeGreaterThanOrEqual(previous);
      previous = ewt;
    }
  });

  it.each<[string, EwtInput, RegExp]>([
    ["position 0", { position: 0, staffedAgents: 1, availableAgents: 0, ahtSeconds: aht }, /1-based/],
    [
      "more available than staffed",
      { position: 1, staffedAgents: 1, availableAgents: 2, ahtSeconds: aht },
      /exceeds/,
    ],
    ["no AHT", { position: 1, staffedAgents: 1, availableAgents: 0, ahtSeconds: 0 }, /ahtSeconds/],
    [
      "half an agent",
      { position: 1, staffedAgents: 1.5, availableAgents: 0, ahtSeconds: aht },
      /staffedAgents/,
    ],
  ])("rejects %s", (_name, input, message) => {
    expect(() => estimatedWaitSeconds(input)).toThrow(message);
  });
});

describe("EWT error", () => {
  it("is signed: positive when the caller waited less than announced", () => {
    expect(ewtError(60, 45)).toBe(15);
    expect(ewtError(30, 90)).toBe(-60);
  });

  it("mean absolute error and bias", () => {
    expect(
      ewtAccuracy([
        { predictedSeconds: 60, actualSeconds: 50 },
        { predictedSeconds: 30, actualSeconds: 40 },
        { predictedSeconds: 100, actualSeconds: 100 },
      ]),
    ).toEqual({ samples: 3, meanAbsoluteError: 20 / 3, meanError: 0 });
  });

  it("of nothing is null", () => {
    expect(ewtAccuracy([])).toEqual({ samples: 0, meanAbsoluteError: null, meanError: null });
  });
});
