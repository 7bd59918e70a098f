import { describe, expect, it } from "vitest";
import { type MergeItem, TimeMerge } from "../../src/index";

const item = (partition: number, offset: number, timeMs: number): MergeItem<string> => ({
  partition,
  offset,
  timeMs,
  value: `p${partition}@${timeMs}`,
});

describe("TimeMerge", () => {
  it("orders an exact merge by time across partitions whose batches arrive one partition at a time", async () => {
    const applied: string[] = [];
    const merge = new TimeMerge<string>(
      async (items) => {
        applied.push(...items.map((i) => i.value));
      },
      0,
      [0, 1],
    );
    // Partition 0 delivers its whole history first; nothing may be applied before partition 1 speaks.
    const first = merge.push(0, [item(0, 0, 10), item(0, 1, 30), item(0, 2, 50)]);
    await merge.serialise(async () => undefined);
    expect(applied).toEqual([]);
    const second = merge.push(1, [item(1, 0, 20), item(1, 1, 40)], true);
    await Promise.all([first, second]);
    expect(applied).toEqual(["p0@10", "p1@20", "p0@30", "p1@40", "p0@50"]);
  });

  it("holds live batches briefly and releases them sorted by time, then partition, then offset", async () => {
    const applied: string[] = [];
    const merge = new TimeMerge<string>(async (items) => {
      applied.push(...items.map((i) => i.value));
    }, 5);
    await Promise.all([
      merge.push(1, [item(1, 0, 7), item(1, 1, 9)]),
      merge.push(0, [item(0, 0, 7), item(0, 1, 8)]),
    ]);
    expect(applied).toEqual(["p0@7", "p1@7", "p0@8", "p1@9"]);
  });

  it("rejects the pushes of a failed apply so the log retries the batch", async () => {
    const merge = new TimeMerge<string>(async () => {
      throw new Error("publish failed");
    }, 0);
    await expect(merge.push(0, [item(0, 0, 1)])).rejects.toThrow("publish failed");
  });
});
