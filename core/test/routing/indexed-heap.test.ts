import { describe, expect, it } from "vitest";
import { IndexedHeap } from "../../src/routing/indexed-heap";
import { mulberry32 } from "../../src/routing/simulation";

interface Item {
  key: number;
  id: number;
}

describe("IndexedHeap", () => {
  it.each([
    ["distinct keys", 1_000_000],
    ["many equal keys (tie-break by id)", 5],
  ])("pops in (key, id) order under random pushes and removals from the middle: %s", (_name, keySpace) => {
    const random = mulberry32(3);
    const heap = new IndexedHeap<Item>(
      (a, b) => a.id < b.id,
      undefined,
      (i) => i.key,
    );
    const live = new Set<Item>();
    for (let n = 0; n < 5_000; n++) {
      const item = { key: Math.floor(random() * keySpace), id: n };
      heap.push(item);
      live.add(item);
      if (random() < 0.3) {
        const victim = [...live][Math.floor(random() * live.size)] as Item;
        expect(heap.remove(victim)).toBe(true);
        live.delete(victim);
      }
    }
    const expected = [...live].sort((a, b) => a.key - b.key || a.id - b.id).map((i) => i.id);
    const popped: number[] = [];
    for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item.id);
    expect(popped).toEqual(expected);
  });
});
