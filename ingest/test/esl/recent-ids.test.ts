import { describe, expect, it } from "vitest";
import { RecentIds } from "../../src/esl/recent-ids";

describe("RecentIds", () => {
  it("remembers the last `capacity` ids and forgets the oldest first", () => {
    const ids = new RecentIds(3);
    for (const id of ["a", "b", "c", "d"]) ids.add(id);
    expect(["a", "b", "c", "d"].map((id) => ids.has(id))).toEqual([false, true, true, true]);
    expect(ids.size).toBe(3);
    // A repeat is not a new entry: it neither moves nor evicts anything.
    ids.add("b");
    ids.add("e");
    expect(["b", "c", "d", "e"].map((id) => ids.has(id))).toEqual([false, true, true, true]);
  });

  it("stays at its capacity over many more ids than it holds, and a deleted id is gone at once", () => {
    const ids = new RecentIds(1_000);
    for (let i = 0; i < 50_000; i++) ids.add(`id-${i}`);
    expect(ids.size).toBe(1_000);
    expect(ids.has("id-49000") && ids.has("id-49999")).toBe(true);
    expect(ids.has("id-48999")).toBe(false);
    ids.delete("id-49999");
    expect(ids.has("id-49999")).toBe(false);
    ids.add("id-50000");
    // The deleted id's ring slot still counts until its turn: capacity is an upper bound.
    expect(ids.size).toBe(999);
  });

  it("refuses a capacity that is not a whole number >= 1", () => {
    expect(() => new RecentIds(0)).toThrow("capacity must be a whole number >= 1 (got 0)");
  });
});
