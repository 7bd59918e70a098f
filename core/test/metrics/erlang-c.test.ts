import { describe, expect, it } from "vitest";
import {
  erlangAsa,
  erlangB,
  erlangC,
  erlangOccupancy,
  erlangServiceLevel,
  staffingAt,
  trafficErlangs,
} from "../../src/metrics/index";
import { erlangCExact, erlangCLogSpace } from "./erlang-reference";

describe("Erlang B and C by hand", () => {
  // B(1) = 1·1/(1 + 1) = 1/2; B(2) = 1·(1/2)/(2 + 1/2) = 1/5.
  // C(2, 1) = 2·(1/5) / (2 − 1·(4/5)) = 1/3; textbook: [1/2·2/1] / [1 + 1 + 1] = 1/3.
  it.each([
    [1, 1, 1 / 2],
    [2, 1, 1 / 5],
    [0, 5, 1],
  ])("B(N=%d, A=%d) = %d", (agents, traffic, expected) => {
    expect(erlangB({ agents, trafficErlangs: traffic })).toBeCloseTo(expected, 15);
  });

  it("C(N=2, A=1) = 1/3", () => {
    expect(erlangC({ agents: 2, trafficErlangs: 1 })).toBeCloseTo(1 / 3, 15);
  });

  it("traffic: 100 calls per 30 min at 180 s is 10 erlangs", () => {
    expect(trafficErlangs({ callsPerInterval: 100, intervalSeconds: 1800, ahtSeconds: 180 })).toBe(10);
  });
});

describe("against the exact textbook formula (BigInt)", () => {
  it.each([
    [11, 10n, 1n],
    [12, 10n, 1n],
    [13, 10n, 1n],
    [14, 10n, 1n],
    [20, 10n, 1n],
    [8, 15n, 2n], // A = 7.5
    [3, 5n, 2n], // A = 2.5
    [60, 50n, 1n],
    [420, 400n, 1n],
    [1000, 950n, 1n],
  ])("P(wait) for N = %d, A = %d/%d", (agents, p, q) => {
    const traffic = Number(p) / Number(q);
    const expected = erlangCExact(agents, p, q);
    expect(erlangC({ agents, trafficErlangs: traffic }) / expected).toBeCloseTo(1, 11);
  });

  // The classic worked example: 100 calls / 30 min, AHT 180 s, T = 20 s. A = 10 erlangs.
  it.each([
    [11, 0.6821, 0.3896, 122.8],
    [12, 0.4494, 0.6402, 40.4],
    [13, 0.2853, 0.7956, 17.1], // just short of 80 %
    [14, 0.1741, 0.8884, 7.8], // the answer for an 80/20 target
    [15, 0.102, 0.9415, 3.7],
  ])("N = %d: P(wait) %d, SL %d, ASA %d s", (agents, pWait, sl, asaSeconds) => {
    const exact = erlangCExact(agents, 10n);
    const model = { agents, trafficErlangs: 10, ahtSeconds: 180, thresholdSeconds: 20 };
    const expectedSl = 1 - exact * Math.exp((-(agents - 10) * 20) / 180);
    const expectedAsa = (exact * 180) / (agents - 10);
    expect(erlangServiceLevel(model)).toBeCloseTo(expectedSl, 12);
    expect(erlangAsa(model)).toBeCloseTo(expectedAsa, 9);
    // and the rounded figures a reader can compare with a published table
    expect(exact).toBeCloseTo(pWait, 3);
    expect(expectedSl).toBeCloseTo(sl, 3);
    expect(expectedAsa).toBeCloseTo(asaSeconds, 0);
  });
});

describe("thousands of agents", () => {
  it.each([
    [5_000, 4_900],
    [5_000, 4_990],
    [10_100, 10_000],
    [20_000, 19_800],
  ])("N = %d, A = %d matches the log-space formula, finite and in range", (agents, traffic) => {
    const started = performance.now();
    const s = staffingAt({ agents, trafficErlangs: traffic, ahtSeconds: 180, thresholdSeconds: 20 });
    expect(performance.now() - started).toBeLessThan(100);
    expect(s.waitProbability / erlangCLogSpace(agents, traffic)).toBeCloseTo(1, 9);
    for (const v of [s.waitProbability, s.serviceLevel, s.asa, s.occupancy]) {
      expect(Number.isFinite(v)).toBe(true);
    }
    expect(s.serviceLevel).toBeGreaterThan(0);
    expect(s.serviceLevel).toBeLessThan(1);
  });
});

describe("monotonicity", () => {
  it("more agents: lower P(wait), higher service level, lower ASA (A = 50, N = 51..120)", () => {
    let previous = staffingAt({ agents: 51, trafficErlangs: 50, ahtSeconds: 300, thresholdSeconds: 30 });
    for (let agents = 52; agents <= 120; agents++) {
      const s = staffingAt({ agents, trafficErlangs: 50, ahtSeconds: 300, thresholdSeconds: 30 });
      expect(s.waitProbability).toBeLessThanOrEqual(previous.waitProbability);
      expect(s.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
      expect(s.asa).toBeLessThanOrEqual(previous.asa);
      if (previous.serviceLevel < 1 - 1e-12) expect(s.serviceLevel).toBeGreaterThan(previous.serviceLevel);
      previous = s;
    }
  });
});

describe("unstable and empty queues", () => {
  it.each([
    [10, 10],
    [5, 10],
    [0, 0.5],
  ])("N = %d <= A = %d: every call waits, forever on average", (agents, traffic) => {
    expect(staffingAt({ agents, trafficErlangs: traffic, ahtSeconds: 180, thresholdSeconds: 20 })).toEqual({
      agents,
      trafficErlangs: traffic,
      stable: false,
      waitProbability: 1,
      serviceLevel: 0,
      asa: Number.POSITIVE_INFINITY,
      occupancy: 1,
    });
    expect(erlangC({ agents, trafficErlangs: traffic })).toBe(1);
  });

  it("no traffic: nobody waits, nobody is busy", () => {
    expect(staffingAt({ agents: 3, trafficErlangs: 0, ahtSeconds: 180, thresholdSeconds: 20 })).toMatchObject(
      {
        stable: true,
        waitProbability: 0,
        serviceLevel: 1,
        asa: 0,
        occupancy: 0,
      },
    );
  });

  it("occupancy is A/N", () => {
    expect(erlangOccupancy({ agents: 14, trafficErlangs: 10 })).toBeCloseTo(10 / 14, 15);
  });

  it.each([
    [{ agents: 2.5, trafficErlangs: 1 }, /agents must be a whole number/],
    [{ agents: -1, trafficErlangs: 1 }, /agents.*-1/],
    [{ agents: 2, trafficErlangs: Number.NaN }, /trafficErlangs.*NaN/],
  ])("rejects %o", (load, message) => {
    expect(() => erlangC(load)).toThrow(message);
  });
});
