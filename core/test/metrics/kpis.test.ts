import { describe, expect, it } from "vitest";
import {
  abandonRate,
  aht,
  asa,
  emptyCounts,
  foldCounts,
  occupancy,
  resolutionRate,
} from "../../src/metrics/index";
import { rules, tenContacts } from "./fixtures";

describe("queue ratios over the ten fixture contacts", () => {
  const counts = foldCounts(tenContacts, rules);
  it.each([
    ["ASA", asa(counts), 375 / 4, "(10 + 20 + 45 + 300) / 4 handled"],
    ["AHT", aht(counts), 640 / 4, "(510 talk + 30 hold + 100 wrap-up) / 4"],
    ["abandon rate", abandonRate(counts), 2 / 8, "(4 − 2 short) / (10 − 2 short)"],
  ])("%s = %d (%s)", (_name, actual, expected) => {
    expect(actual).toBeCloseTo(expected, 12);
  });

  it.each([
    ["ASA", asa],
    ["AHT", aht],
    ["abandon rate", abandonRate],
  ])("%s of nothing is null", (_name, metric) => {
    expect(metric(emptyCounts(rules))).toBeNull();
  });
});

describe("occupancy", () => {
  it.each([
    [{ handlingSeconds: 2700, availableIdleSeconds: 900 }, 0.75],
    [{ handlingSeconds: 0, availableIdleSeconds: 600 }, 0],
    [{ handlingSeconds: 600, availableIdleSeconds: 0 }, 1],
    [{ handlingSeconds: 0, availableIdleSeconds: 0 }, null],
  ])("%o -> %s", (time, expected) => {
    expect(occupancy(time)).toBe(expected);
  });

  it("of a team is the ratio of summed times, not the mean of agents' ratios", () => {
    const team = [
      { handlingSeconds: 2700, availableIdleSeconds: 900 }, // 0.75 over an hour
      { handlingSeconds: 300, availableIdleSeconds: 2700 }, // 0.10 over 50 minutes
    ];
    expect(occupancy(team)).toBeCloseTo(3000 / 6600, 12);
    expect(occupancy([])).toBeNull();
  });

  it("rejects negative time", () => {
    expect(() => occupancy({ handlingSeconds: -1, availableIdleSeconds: 0 })).toThrow(/handlingSeconds.*-1/);
  });
});

describe("resolutionRate", () => {
  it.each([
    [{ resolved: 45, closed: 60 }, 0.75],
    [{ resolved: 0, closed: 10 }, 0],
    [{ resolved: 0, closed: 0 }, null],
  ])("%o -> %s", (counts, expected) => {
    expect(resolutionRate(counts)).toBe(expected);
  });

  it("throws when more were resolved than closed", () => {
    expect(() => resolutionRate({ resolved: 11, closed: 10 })).toThrow(
      /resolved \(11\) exceeds closed \(10\)/,
    );
  });
});
