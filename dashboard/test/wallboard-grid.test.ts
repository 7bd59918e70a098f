import { describe, expect, it } from "vitest";
import {
  bands,
  columnsFor,
  columnWidth,
  densityFor,
  pageSecondsFrom,
  pages,
  rowsThatFit,
  tileHeightPx,
} from "../src/components/wallboard/grid-layout";
import { estimateEm, estimateMeasure, mayOverflow, tileRoom } from "../src/components/wallboard/text-fit";
import { type DeltaPayload, DeltaQueue, OrderedStore } from "../src/lib/live-store-core";

// The wallboard's 1,000-agent rendering rules: bands of whole rows, the column count CSS auto-fill
// would choose, where text needs a clip, and deltas handed to React a few items per frame.

describe("agent grid bands", () => {
  it("counts columns as repeat(auto-fill, minmax(min, 1fr)) does, with 3 px gaps", () => {
    expect(columnsFor(1350, 78.4)).toBe(16); // 16 * 78.4 + 15 * 3 = 1299.4 <= 1350; 17 would need 1381.8
    expect(columnsFor(78, 78.4)).toBe(1);
    expect(columnsFor(0, 78.4)).toBe(1);
    expect(columnsFor(81.4 * 2 - 3, 78.4)).toBe(2);
    expect(columnWidth(1350, 16)).toBeCloseTo((1350 - 45) / 16);
  });
  it("cuts whole rows, about sixty tiles a band, keeping order", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i);
    const cut = bands(ids, 16);
    expect(cut.map((b) => b.length).slice(0, 2)).toEqual([64, 64]);
    expect(cut.slice(0, -1).every((b) => b.length % 16 === 0)).toBe(true);
    expect(cut.flat()).toEqual(ids);
    expect(bands(ids.slice(0, 5), 200)).toEqual([[0, 1, 2, 3, 4]]);
    expect(bands([], 4)).toEqual([]);
    expect(() => bands(ids, 0)).toThrow(/columns must be a positive integer, got 0/);
  });
  it("densifies large floors", () => {
    expect([densityFor(48), densityFor(200), densityFor(1000)]).toEqual(["roomy", "compact", "dense"]);
  });
});

describe("text fit", () => {
  it("estimates wide scripts a full em and latin narrower", () => {
    expect(estimateEm("离开")).toBe(2);
    expect(estimateEm("a0001")).toBeCloseTo(3.5);
    expect(estimateEm("a0001", true)).toBeCloseTo(3.85);
  });
  it("clips only text wider than its room; the id leaves room for an mm:ss clock", () => {
    const measure = estimateMeasure(10); // 10 px font
    const room = tileRoom(100, measure);
    expect(room.statePx).toBe(89);
    expect(room.idPx).toBeCloseTo(89 - (estimateEm("00:00") * 10 + 2));
    expect(mayOverflow("lunch", room.statePx, measure)).toBe(false);
    expect(mayOverflow("a-very-long-reason-code", room.statePx, measure)).toBe(true);
    expect(mayOverflow("a0001", room.idPx, measure, true)).toBe(false);
    expect(mayOverflow("agent-000123", room.idPx, measure, true)).toBe(true);
  });
});

type Item = { id: string; v: number };
const message = (snapshot: boolean, items: Item[], removed: string[] = [], at = "t"): DeltaPayload<Item> => ({
  snapshot,
  removed,
  at,
  items,
});

describe("delta queue", () => {
  it("hands out a snapshot whole, then changes at most max at a time, coalesced by id", () => {
    const q = new DeltaQueue<Item>();
    q.push(message(true, [{ id: "a1", v: 0 }], [], "t1"));
    q.push(
      message(
        false,
        [
          { id: "a2", v: 1 },
          { id: "a3", v: 1 },
        ],
        [],
        "t2",
      ),
    );
    q.push(message(false, [{ id: "a2", v: 2 }], ["a1"], "t3"));
    expect(q.take(1)).toEqual(message(true, [{ id: "a1", v: 0 }], [], "t1"));
    expect(q.take(1)).toEqual(message(false, [{ id: "a2", v: 2 }], ["a1"], "t3"));
    expect(q.pending).toBe(true);
    expect(q.take(1)).toEqual(message(false, [{ id: "a3", v: 1 }], [], "t3"));
    expect(q.pending).toBe(false);
    expect(q.take(1)).toBeUndefined();
    expect(() => q.take(0)).toThrow(/max must be a positive integer/);
  });
  it("a later snapshot drops what was waiting; a removal then a re-add keeps the item", () => {
    const q = new DeltaQueue<Item>();
    q.push(message(false, [{ id: "a9", v: 1 }]));
    q.push(message(true, [{ id: "a1", v: 1 }]));
    expect(q.take(5)?.items).toEqual([{ id: "a1", v: 1 }]);
    expect(q.pending).toBe(false);
    q.push(message(false, [], ["a1"]));
    q.push(message(false, [{ id: "a1", v: 2 }]));
    expect(q.take(5)).toEqual(message(false, [{ id: "a1", v: 2 }], []));
  });
  it("ends where applying every message at once ends, however it is sliced", () => {
    // Seeded pseudo-random runs (fast-check is no dependency of the dashboard): 300 message sequences.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const ids = ["a1", "a2", "a3", "a10", "a11"];
    const pick = () => ids[rand(ids.length)] ?? "a1";
    for (let run = 0; run < 300; run++) {
      const max = 1 + rand(4);
      const whole = new OrderedStore<Item>();
      const sliced = new OrderedStore<Item>();
      const q = new DeltaQueue<Item>();
      let expected: Item[] = [];
      let actual: Item[] = [];
      const drain = () => {
        for (let p = q.take(max); p !== undefined; p = q.take(max)) actual = sliced.apply(p);
      };
      for (let m = rand(12); m > 0; m--) {
        // A message lists an id once, changed or removed (as the API sends them).
        const items = new Map<string, Item>();
        for (let k = rand(5); k > 0; k--) items.set(pick(), { id: pick(), v: rand(9) });
        const changed = [...items].map(([id, item]) => ({ ...item, id }));
        const removed = [pick(), pick()].filter((id) => !items.has(id)).slice(0, rand(3));
        const full = message(rand(5) === 0, changed, [...new Set(removed)]);
        expected = whole.apply(full);
        q.push(full);
        // Sometimes frames run between messages, sometimes several messages wait for one.
        if (rand(2) === 0) drain();
      }
      drain();
      expect(actual, `run ${run}`).toEqual(expected);
    }
  });
});

describe("TV mode pages", () => {
  it("whole rows that fit the room below the grid's top, at least one", () => {
    // Tiles 2.6em + 6 px: at 15 px, 45 px high, 3 px apart -> 14 rows in 669 px (14 * 48 - 3 = 669).
    expect(tileHeightPx(15)).toBe(45);
    expect(rowsThatFit(669, 45)).toBe(14);
    expect(rowsThatFit(668, 45)).toBe(13);
    expect(rowsThatFit(10, 45)).toBe(1);
    expect(rowsThatFit(0, 45)).toBe(1);
  });
  it("puts every agent on exactly one page, in order, pages of whole rows", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i);
    const screens = pages(ids, 10, 15);
    expect(screens.map((p) => p.length)).toEqual([150, 150, 150, 150, 150, 150, 100]);
    expect(screens.flat()).toEqual(ids);
    expect(pages([], 10, 15)).toEqual([[]]);
    expect(() => pages(ids, 10, 0)).toThrow(/positive integers, got 10 x 0/);
  });
  it("reads ?pageSeconds within 3..600, else 10", () => {
    expect(["5", "600", "2", "601", "1.5", "x", undefined].map(pageSecondsFrom)).toEqual([
      5, 600, 10, 10, 10, 10, 10,
    ]);
  });
});
