import { describe, expect, it } from "vitest";
import { countsByInterval, intervalStart } from "../../src/metrics/index";
import { t0 } from "./fixtures";

const at = (minutes: number, seconds = 0) => t0 + (minutes * 60 + seconds) * 1000;

describe("intervalStart", () => {
  it.each([
    [at(7, 30), 900, at(0)],
    [at(14, 59), 900, at(0)],
    [at(15), 900, at(15)],
    [at(44), 1800, at(30)],
  ])("%d in %d s intervals starts at %d", (time, size, start) => {
    expect(intervalStart(time, size)).toBe(start);
  });

  it("rejects a zero interval", () => {
    expect(() => intervalStart(t0, 0)).toThrow(/intervalSeconds.*0/);
  });
});

describe("countsByInterval", () => {
  it("counts a contact in the interval it was queued in, even when answered in the next", () => {
    const byStart = countsByInterval(
      [
        { queuedAt: at(14, 50), connectedAt: at(15, 30), waitSeconds: 40 },
        { queuedAt: at(14, 59), abandonedAt: at(15, 2), waitSeconds: 3 },
        { queuedAt: at(15), connectedAt: at(15, 5), waitSeconds: 5 },
      ],
      { intervalSeconds: 900, thresholdSeconds: 20 },
    );
    expect([...byStart.keys()]).toEqual([at(0), at(15)]);
    expect(byStart.get(at(0))).toMatchObject({
      offered: 2,
      handled: 1,
      handledWithinThreshold: 0,
      shortAbandoned: 1,
    });
    expect(byStart.get(at(15))).toMatchObject({ offered: 1, handled: 1, handledWithinThreshold: 1 });
  });
});
