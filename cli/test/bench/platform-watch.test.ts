import { mainThreadCpuSeconds } from "@starboard/core/bench";
import { describe, expect, it } from "vitest";
import { subscriptionLatencies } from "../../bench/platform-watch";

describe("subscriptionLatencies", () => {
  it("maps each message's asOf (simulated) back to the wall time the simulator reached it", () => {
    // 50x: one wall second is 50 simulated seconds; the simulator stalls between wall 2000 and 3000.
    const clock = [
      { wall: 0, sim: 1_000_000 },
      { wall: 1_000, sim: 1_050_000 },
      { wall: 2_000, sim: 1_100_000 },
      { wall: 3_000, sim: 1_100_000 },
      { wall: 4_000, sim: 1_150_000 },
    ];
    const messages: [number, number][] = [
      [600, 1_025_000], // stamped at wall 500
      [1_250, 1_060_000], // stamped at wall 1200
      [3_500, 1_125_000], // stamped at wall 3500 (after the stall)
      [10, 999_000], // before the first pair: not counted
      [5_000, 1_200_000], // after the last pair: not counted
    ];
    expect(subscriptionLatencies(messages, clock)).toEqual([100, 50, 0]);
  });
});

describe("mainThreadCpuSeconds", () => {
  it("grows while this thread computes", () => {
    const before = mainThreadCpuSeconds();
    let x = 0;
    const until = Date.now() + 200;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(mainThreadCpuSeconds()).toBeGreaterThan(before);
  });
});
