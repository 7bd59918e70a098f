import { describe, expect, it } from "vitest";
import { agentsNeeded, type StaffingRequest, staffingAt } from "../../src/metrics/index";
import { erlangCExact } from "./erlang-reference";

const classic: StaffingRequest = {
  callsPerInterval: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
  targetServiceLevel: 0.8,
  thresholdSeconds: 20,
};

/** The smallest N by brute force: every N above A, each evaluated from scratch. */
function smallestByBruteForce(request: StaffingRequest): number {
  const traffic = (request.callsPerInterval * request.ahtSeconds) / request.intervalSeconds;
  for (let agents = 1; ; agents++) {
    const s = staffingAt({ agents, trafficErlangs: traffic, ...request });
    if (
      s.stable &&
      s.serviceLevel >= request.targetServiceLevel &&
      traffic / agents <= (request.maxOccupancy ?? 1)
    )
      return agents;
  }
}

describe("agentsNeeded", () => {
  it("100 calls / 30 min, AHT 180 s, 80 % in 20 s: A = 10 erlangs, 14 agents", () => {
    const s = agentsNeeded(classic);
    expect(s.trafficErlangs).toBe(10);
    expect(s.agents).toBe(14);
    const exactSl = 1 - erlangCExact(14, 10n) * Math.exp((-4 * 20) / 180);
    expect(s.serviceLevel).toBeCloseTo(exactSl, 12);
    expect(s.serviceLevel).toBeCloseTo(0.888, 3);
    expect(s.asa).toBeCloseTo(7.84, 2);
    expect(s.occupancy).toBeCloseTo(10 / 14, 15);
    // 13 agents reach 79.6 %: one short
    expect(staffingAt({ ...classic, agents: 13, trafficErlangs: 10 }).serviceLevel).toBeLessThan(0.8);
  });

  it.each<[string, Partial<StaffingRequest>, number]>([
    ["90 % target", { targetServiceLevel: 0.9 }, 15],
    ["60 % target", { targetServiceLevel: 0.6 }, 12],
    ["occupancy capped at 70 %: 10/14 = 71 % is too busy", { maxOccupancy: 0.7 }, 15],
    [
      "A = 10.5 with target 0: floor(A) + 1 = 11, not ceil(A) + 1 = 12",
      { callsPerInterval: 105, targetServiceLevel: 0 },
      11,
    ],
    ["T = 0: SL = 1 − P(wait) = 0.826 at 14", { thresholdSeconds: 0 }, 14],
  ])("%s (%o) -> %d agents, the smallest by brute force", (_name, change, expected) => {
    const request = { ...classic, ...change };
    expect(agentsNeeded(request).agents).toBe(expected);
    expect(smallestByBruteForce(request)).toBe(expected);
  });

  it("no calls: no agents, and nobody waits", () => {
    expect(agentsNeeded({ ...classic, callsPerInterval: 0 })).toMatchObject({
      agents: 0,
      serviceLevel: 1,
      asa: 0,
      occupancy: 0,
    });
  });

  it("10,000 erlangs: the smallest N, fast, and N − 1 misses the target", () => {
    const request = { ...classic, callsPerInterval: 100_000 }; // A = 100,000 × 180 / 1800
    const started = performance.now();
    const s = agentsNeeded(request);
    expect(performance.now() - started).toBeLessThan(200);
    expect(s.trafficErlangs).toBe(10_000);
    expect(s.serviceLevel).toBeGreaterThanOrEqual(0.8);
    const oneFewer = staffingAt({ ...request, agents: s.agents - 1, trafficErlangs: 10_000 });
    expect(oneFewer.serviceLevel).toBeLessThan(0.8);
    // a big pool is efficient: the answer sits a few dozen agents above A
    expect(s.agents).toBeGreaterThan(10_000);
    expect(s.agents).toBeLessThan(10_100);
    expect(s.occupancy).toBeGreaterThan(0.99);
  });

  it.each([100, 1_000, 5_000])("%d erlangs: agrees with brute force", (traffic) => {
    const request = { ...classic, callsPerInterval: (traffic * 1800) / 180, targetServiceLevel: 0.9 };
    expect(agentsNeeded(request).agents).toBe(smallestByBruteForce(request));
  });

  it.each<[string, Partial<StaffingRequest>, RegExp]>([
    ["a target of 100 %", { targetServiceLevel: 1 }, /below 1/],
    ["a target above 1", { targetServiceLevel: 80 }, /targetServiceLevel.*80/],
    ["negative calls", { callsPerInterval: -1 }, /callsPerInterval.*-1/],
    ["zero AHT", { ahtSeconds: 0 }, /ahtSeconds.*0/],
    ["zero interval", { intervalSeconds: 0 }, /intervalSeconds.*0/],
    ["occupancy cap 0", { maxOccupancy: 0 }, /maxOccupancy/],
  ])("rejects %s", (_name, change, message) => {
    expect(() => agentsNeeded({ ...classic, ...change })).toThrow(message);
  });
});
