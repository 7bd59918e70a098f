import { describe, expect, it } from "vitest";
import { defaultProfile } from "../../src/simulator/index";
import { available, breaksOf, canServe, minutesIntoShift, SHIFT_HOURS } from "../../src/simulator/shifts";

// 2026-11-30, local midnight at UTC+8 (the demo centre's offset).
const midnight = Date.UTC(2026, 10, 29, 16, 0);
const minutesOfDay = Array.from({ length: 1_440 }, (_, m) => m);

describe("the demo centre's shifts and breaks", () => {
  it.each([20, 30, 200])(
    "with %i agents someone who takes general-zh is ready every minute of the day",
    (agents) => {
      const profile = defaultProfile({ agents, seed: 11 });
      const unstaffed = minutesOfDay.filter(
        (m) =>
          !profile.agents.some(
            (agent, i) => available(profile, i, midnight + m * 60_000) && canServe(agent, "zh", 1),
          ),
      );
      expect(unstaffed).toEqual([]);
    },
  );

  it("never sends every agent who started at the same hour on a break at once", () => {
    const profile = defaultProfile({ agents: 30, seed: 11 });
    for (const m of minutesOfDay) {
      const at = midnight + m * 60_000;
      const onShift = profile.agents
        .map((_, i) => i)
        .filter((i) => minutesIntoShift(profile, i, at) !== undefined);
      const cohorts = new Map<number, number[]>();
      for (const i of onShift) cohorts.set(i % 10, [...(cohorts.get(i % 10) ?? []), i]);
      for (const [start, members] of cohorts) {
        if (members.length < 2) continue;
        const away = members.filter((i) => !available(profile, i, at));
        expect(away.length, `local ${Math.floor(m / 60)}:${m % 60}, shift cohort ${start}`).toBeLessThan(
          members.length,
        );
      }
    }
  });

  it.each([0, 10, 20, 29])("agent %i's breaks do not overlap and end inside the shift", (index) => {
    const breaks = breaksOf(index);
    expect(breaks.map((b) => b.reason)).toEqual(["break", "meal", "training", "break"]);
    for (let k = 1; k < breaks.length; k++) {
      const before = breaks[k - 1];
      const next = breaks[k];
      if (before === undefined || next === undefined) throw new Error("missing break");
      expect(next.afterMinutes).toBeGreaterThanOrEqual(before.afterMinutes + before.minutes);
    }
    const last = breaks[breaks.length - 1];
    expect((last?.afterMinutes ?? 0) + (last?.minutes ?? 0)).toBeLessThan(SHIFT_HOURS * 60);
  });
});
