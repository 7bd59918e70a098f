import { describe, expect, it } from "vitest";
import { CustomerPicker } from "../../src/simulator/customers";
import { defaultProfile, planContact, Rng, SimClock } from "../../src/simulator/index";

describe("SimClock", () => {
  it.each([1, 10, 50])("at speed %i runs due tasks in time order, each at its own time", (speed) => {
    let wall = 1_000;
    const clock = new SimClock(Date.UTC(2026, 10, 30, 2), speed, () => wall);
    const seen: [string, number][] = [];
    const t0 = clock.startMs;
    clock.at(t0 + 30_000, () => seen.push(["c", clock.now()]));
    clock.at(t0 + 10_000, () => {
      seen.push(["a", clock.now()]);
      clock.after(5, () => seen.push(["b", clock.now()]));
    });
    clock.at(t0 + 10_000, () => seen.push(["a2", clock.now()]));
    wall += 20_000 / speed; // 20 simulated seconds of wall time
    clock.runDue();
    expect(seen).toEqual([
      ["a", t0 + 10_000],
      ["a2", t0 + 10_000],
      ["b", t0 + 15_000],
    ]);
    expect(clock.pending).toBe(1);
    wall += 10_000 / speed;
    clock.runDue();
    expect(seen.at(-1)).toEqual(["c", t0 + 30_000]);
  });

  it("refuses a speed that is not a positive number", () => {
    expect(() => new SimClock(0, 0)).toThrow(/speed must be a positive number/);
  });
});

describe("determinism", () => {
  const plans = (seed: number) => {
    const profile = defaultProfile({ seed });
    const rng = new Rng(seed);
    const picker = new CustomerPicker(profile.customers, profile.returningShare);
    return Array.from({ length: 500 }, (_, i) => planContact(rng, profile, 1_000 * i, picker.next(rng)));
  };
  it("plans the same contacts for the same seed and others for another", () => {
    expect(plans(8)).toEqual(plans(8));
    expect(JSON.stringify(plans(9))).not.toBe(JSON.stringify(plans(8)));
  });
});
