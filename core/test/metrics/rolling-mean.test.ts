import { describe, expect, it } from "vitest";
import { ExponentialMean, RollingMean } from "../../src/metrics/index";

describe("RollingMean", () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[1], 1],
    [[1, 2, 3], 2],
    [[1, 2, 3, 4], 3],
    [[1, 2, 3, 4, 10], 17 / 3],
  ])("window 3 over %j -> %s", (samples, expected) => {
    const m = new RollingMean(3);
    for (const s of samples) m.add(s);
    expect(m.value).toBe(expected);
    expect(m.count).toBe(Math.min(samples.length, 3));
  });

  it("does not drift: a huge sample that leaves the window leaves no trace", () => {
    const m = new RollingMean(2);
    for (const s of [1e16, 1, 1, 1]) m.add(s);
    expect(m.value).toBe(1);
  });

  it("stays exact over a million updates", () => {
    const m = new RollingMean(10);
    for (let i = 0; i < 1_000_000; i++) m.add(i % 2 === 0 ? 0.1 : 0.3);
    expect(m.value).toBeCloseTo(0.2, 14);
  });

  it.each([0, 1.5, -3])("rejects window size %d", (size) => {
    expect(() => new RollingMean(size)).toThrow(RangeError);
  });

  it("rejects NaN samples", () => {
    expect(() => new RollingMean(3).add(Number.NaN)).toThrow(/NaN/);
  });
});

describe("ExponentialMean", () => {
  it("alpha 0.25 is Asterisk's (3·old + sample) / 4", () => {
    const m = new ExponentialMean(0.25);
    expect(m.value).toBeNull();
    m.add(100);
    expect(m.value).toBe(100);
    m.add(200);
    expect(m.value).toBe((3 * 100 + 200) / 4);
    m.add(0);
    expect(m.value).toBe((3 * 125 + 0) / 4);
  });

  it.each([0, 1.5, Number.NaN])("rejects alpha %d", (alpha) => {
    expect(() => new ExponentialMean(alpha)).toThrow(RangeError);
  });
});
