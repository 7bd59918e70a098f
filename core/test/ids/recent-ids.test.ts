import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RecentIds } from "../../src/ids/recent-ids";

/** The behaviour RecentIds promises, with strings: a Set and the ring of arrival order. */
class Model {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    const oldest = this.ring[this.next];
    // A deleted id left its place empty, so the place is reused in turn, forgetting nothing.
    if (oldest !== undefined) this.ids.delete(oldest);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
    return false;
  }

  delete(id: string): void {
    if (!this.ids.delete(id)) return;
    const at = this.ring.indexOf(id);
    if (at >= 0) this.ring[at] = undefined;
  }
}

type Step = { type: "seen"; id: string } | { type: "has"; id: string } | { type: "delete"; id: string };

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

  it("says whether an id was seen, remembering it the first time", () => {
    const ids = new RecentIds(10);
    expect([ids.seen("x"), ids.seen("x"), ids.seen("y"), ids.seen("x")]).toEqual([false, true, false, true]);
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
    // The deleted id's ring place still counts until its turn: capacity is an upper bound.
    expect(ids.size).toBe(999);
  });

  it("holds the same bytes from the first id to the millionth", () => {
    const ids = new RecentIds(100_000);
    const empty = ids.bytes;
    for (let i = 0; i < 1_000_000; i++) ids.add(`chat-1-mx5gtun0-${i}`);
    expect(ids.bytes).toBe(empty);
    // 8 bytes of hash and 1 of liveness per place, an index of 262,144 four-byte slots.
    expect(empty).toBe(100_000 * 9 + 262_144 * 4);
    expect(ids.has("chat-1-mx5gtun0-999999") && !ids.has("chat-1-mx5gtun0-899999")).toBe(true);
  });

  it("forgets a deleted id that comes back only when its new place's turn comes", () => {
    const ids = new RecentIds(3);
    ids.add("a");
    ids.delete("a");
    ids.add("b");
    ids.add("a");
    // a's first place (0) is reused by c; a's second place (2) is still live.
    ids.add("c");
    expect(["a", "b", "c"].map((id) => ids.has(id))).toEqual([true, true, true]);
    ids.add("d");
    expect(["a", "b", "c", "d"].map((id) => ids.has(id))).toEqual([true, false, true, true]);
  });

  it("answers as a Set with a ring would, over any mix of adds, look-ups and deletes", () => {
    const step: fc.Arbitrary<Step> = fc.record({
      type: fc.constantFrom("seen", "seen", "has", "delete"),
      // A small alphabet, so ids repeat, come back after deletes and after eviction.
      id: fc.integer({ min: 0, max: 40 }).map((n) => `contact-${n}`),
    }) as fc.Arbitrary<Step>;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.array(step, { minLength: 30, maxLength: 400 }),
        (cap, steps) => {
          const ids = new RecentIds(cap);
          const model = new Model(cap);
          for (const s of steps) {
            if (s.type === "seen") expect(ids.seen(s.id)).toBe(model.seen(s.id));
            else if (s.type === "has") expect(ids.has(s.id)).toBe(model.has(s.id));
            else {
              ids.delete(s.id);
              model.delete(s.id);
            }
            expect(ids.size).toBe(model.size);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a capacity that is not a whole number >= 1", () => {
    expect(() => new RecentIds(0)).toThrow("capacity must be a whole number >= 1 (got 0)");
    expect(() => new RecentIds(2.5)).toThrow("capacity must be a whole number >= 1 (got 2.5)");
  });
});
