import { describe, expect, it } from "vitest";
import { Batcher } from "../src/sink/batcher";

/** A write the test finishes by hand, so what happens while a write runs is exact. */
function heldWrites() {
  const writes: { items: number[]; finish: (error?: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push({ items, finish: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  return { writes, write };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Batcher", () => {
  it("starts a write at maxRows without waiting for the delay", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 3, 60_000);
    const added = batcher.add([1, 2, 3]);
    expect(writes.map((w) => w.items)).toEqual([[1, 2, 3]]);
    writes[0]?.finish();
    await added;
  });

  it("weighs an item by the rows it stands for", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 10, 60_000, (item: number) => item);
    const small = batcher.add([4]);
    expect(writes).toHaveLength(0);
    const large = batcher.add([6]);
    expect(writes.map((w) => w.items)).toEqual([[4, 6]]);
    writes[0]?.finish();
    await Promise.all([small, large]);
  });

  it("writes a partial group once the delay after its first item passes", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 100, 20);
    const first = batcher.add([1]);
    await tick(5);
    const second = batcher.add([2]);
    expect(writes).toHaveLength(0);
    await tick(40);
    expect(writes.map((w) => w.items)).toEqual([[1, 2]]);
    writes[0]?.finish();
    await Promise.all([first, second]);
  });

  it("holds what arrives during a write and sends it in writes of at most maxRows when that write ends", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 3, 10);
    const settled: string[] = [];
    const a = batcher.add([1, 2, 3]).then(() => settled.push("a"));
    // Past maxRows and past the delay while the first write runs: still no second write.
    const b = batcher.add([4]).then(() => settled.push("b"));
    const c = batcher.add([5, 6]).then(() => settled.push("c"));
    const d = batcher.add([7, 8]).then(() => settled.push("d"));
    await tick(40);
    expect(writes.map((w) => w.items)).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]);
    writes[0]?.finish();
    await a;
    // b and c fill a write; d would take it past maxRows and waits for the next.
    expect(writes.map((w) => w.items)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(settled).toEqual(["a"]);
    writes[1]?.finish();
    await Promise.all([b, c]);
    expect(writes.map((w) => w.items).at(-1)).toEqual([7, 8]);
    expect(settled).toEqual(["a", "b", "c"]);
    writes[2]?.finish();
    await d;
  });

  it("never splits an add: one larger than maxRows goes alone, after what was added before it", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 2, 60_000);
    const small = batcher.add([1]);
    const large = batcher.add([2, 3, 4]);
    expect(writes.map((w) => w.items)).toEqual([[1]]);
    writes[0]?.finish();
    await small;
    expect(writes.map((w) => w.items)).toEqual([[1], [2, 3, 4]]);
    writes[1]?.finish();
    await large;
  });

  it("holds what is left after a full write until rows fill it or its delay passes", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 3, 30, undefined, { maxWrites: 2 });
    const a = batcher.add([1, 2]);
    const b = batcher.add([3, 4]);
    // [3, 4] does not fit beside [1, 2]; sent at once, it would be a second, small insert.
    expect(writes.map((w) => w.items)).toEqual([[1, 2]]);
    const c = batcher.add([5]);
    expect(writes.map((w) => w.items)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    const d = batcher.add([6]);
    await tick(10);
    expect(writes).toHaveLength(2);
    await tick(60);
    writes[0]?.finish();
    await a;
    expect(writes.map((w) => w.items).at(-1)).toEqual([6]);
    writes[1]?.finish();
    writes[2]?.finish();
    await Promise.all([b, c, d]);
  });

  describe("with a split", () => {
    const split = (item: number, rows: number): [number, number] => [rows, item - rows];

    it("fills each write to exactly maxRows and settles an add once every part of it was written", async () => {
      const { writes, write } = heldWrites();
      const batcher = new Batcher(write, 10, 60_000, (item: number) => item, { maxWrites: 2, split });
      const settled: string[] = [];
      const a = batcher.add([6]).then(() => settled.push("a"));
      const b = batcher.add([7]).then(() => settled.push("b"));
      expect(writes.map((w) => w.items)).toEqual([[6, 4]]);
      const c = batcher.add([2, 5]).then(() => settled.push("c"));
      expect(writes.map((w) => w.items)).toEqual([
        [6, 4],
        [3, 2, 5],
      ]);
      writes[0]?.finish();
      await a;
      await tick();
      // b's second part is still in the write in flight.
      expect(settled).toEqual(["a"]);
      writes[1]?.finish();
      await Promise.all([b, c]);
      expect(settled).toEqual(["a", "b", "c"]);
    });

    it("cuts an add larger than maxRows into writes of maxRows", async () => {
      const { writes, write } = heldWrites();
      const batcher = new Batcher(write, 10, 60_000, (item: number) => item, { maxWrites: 2, split });
      const large = batcher.add([25]);
      expect(writes.map((w) => w.items)).toEqual([[10], [10]]);
      writes[0]?.finish();
      await tick();
      // The last 5 rows are a partial group now: they wait for more rows or the delay.
      expect(writes).toHaveLength(2);
      const more = batcher.add([5]);
      expect(writes.map((w) => w.items).at(-1)).toEqual([5, 5]);
      writes[1]?.finish();
      writes[2]?.finish();
      await Promise.all([large, more]);
    });

    it("rejects an add once when a write holding part of it fails, and drops the part still pending", async () => {
      const { writes, write } = heldWrites();
      const batcher = new Batcher(write, 10, 20, (item: number) => item, { maxWrites: 1, split });
      const a = batcher.add([6]);
      const b = batcher.add([7]);
      const outcomes = Promise.allSettled([a, b]);
      expect(writes.map((w) => w.items)).toEqual([[6, 4]]);
      writes[0]?.finish(new Error("refused"));
      expect((await outcomes).map((o) => o.status)).toEqual(["rejected", "rejected"]);
      await tick(60);
      // b's last 3 rows were not written: its batch comes again whole.
      expect(writes).toHaveLength(1);
    });
  });

  it("after a slow write, a partial group waits three times that write's duration", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 100, 10);
    const first = batcher.add([1]);
    await tick(30);
    expect(writes).toHaveLength(1);
    await tick(150);
    writes[0]?.finish();
    await first;
    // The first write took about 180 ms: the next partial group waits >= ~540 ms, not 10.
    const second = batcher.add([2]);
    await tick(200);
    expect(writes).toHaveLength(1);
    while (writes.length < 2) await tick(20);
    writes[1]?.finish();
    await second;
  });

  it("after a slow full write, a partial group waits only the delay (a backlog's tail)", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 2, 10);
    const full = batcher.add([1, 2]);
    await tick(180);
    writes[0]?.finish();
    await full;
    const tail = batcher.add([3]);
    // The stretch would hold it >= ~540 ms; the delay is 10 ms.
    await tick(150);
    expect(writes.map((w) => w.items)).toEqual([[1, 2], [3]]);
    writes[1]?.finish();
    await tail;
  });

  it.each([
    { name: "of half of maxRows", first: [1, 2], stretched: false },
    { name: "of less than half", first: [1], stretched: true },
  ])(
    "after a slow write $name, a partial group waits the delay (a backlog's tail) or the stretch",
    async ({ first, stretched }) => {
      const { writes, write } = heldWrites();
      const batcher = new Batcher(write, 4, 10);
      const slow = batcher.add(first);
      await tick(30);
      await tick(150);
      writes[0]?.finish();
      await slow;
      const tail = batcher.add([9]);
      await tick(150);
      // The stretch would hold the tail >= ~540 ms; the delay is 10 ms.
      expect(writes).toHaveLength(stretched ? 1 : 2);
      while (writes.length < 2) await tick(20);
      writes[1]?.finish();
      await tail;
    },
  );

  it("rejects every add of a failed write and keeps writing later groups", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 2, 10);
    const failed = batcher.add([1, 2]);
    const later = batcher.add([3, 4]);
    writes[0]?.finish(new Error("warehouse away"));
    await expect(failed).rejects.toThrow("warehouse away");
    expect(writes.map((w) => w.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    writes[1]?.finish();
    await later;
  });

  it("with maxWrites 2, gives out a second write while the first runs, and a third only after one ends", async () => {
    const { writes, write } = heldWrites();
    const batcher = new Batcher(write, 2, 10, undefined, { maxWrites: 2 });
    const a = batcher.add([1, 2]);
    const b = batcher.add([3, 4]);
    const c = batcher.add([5, 6]);
    expect(writes.map((w) => w.items)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const d = batcher.add([7]);
    await tick(40);
    expect(writes).toHaveLength(2);
    writes[0]?.finish();
    await a;
    // One slot free: the held adds go out up to maxRows; the rest when the next slot frees.
    expect(writes.map((w) => w.items)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    writes[1]?.finish();
    await b;
    expect(writes.map((w) => w.items).at(-1)).toEqual([7]);
    writes[2]?.finish();
    writes[3]?.finish();
    await Promise.all([c, d]);
  });
});
