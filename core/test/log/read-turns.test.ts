import { describe, expect, it } from "vitest";
import { ReadTurns } from "../../src/log/sqlite/read-turns";

/** Keeps the thread busy, as a synchronous store read and its conversion do. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

describe("read turns", () => {
  it("lets a timer set by one reader fire before the next reader is let through", async () => {
    const turns = new ReadTurns();
    const order: string[] = [];
    const first = turns.take().then(() => {
      order.push("first");
      setTimeout(() => order.push("timer"), 0);
      busyFor(5);
    });
    const second = turns.take().then(() => order.push("second"));
    await Promise.all([first, second]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // With every reader waiting on its own setImmediate, "second" ran in the same check phase as
    // "first", before the timer.
    expect(order).toEqual(["first", "timer", "second"]);
  });

  it("lets readers through in the order they asked, each in a turn of its own", async () => {
    const turns = new ReadTurns();
    // Counts turns of the event loop: one step per check phase.
    let turn = 0;
    let counting = true;
    const tick = () => {
      turn++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const granted: { reader: number; turn: number }[] = [];
    await Promise.all([0, 1, 2, 3].map((reader) => turns.take().then(() => granted.push({ reader, turn }))));
    counting = false;
    expect(granted.map((g) => g.reader)).toEqual([0, 1, 2, 3]);
    const turnsSeen = granted.map((g) => g.turn);
    expect(new Set(turnsSeen).size).toBe(4);
  });

  it("lets a reader that goes on with its batch ahead of those starting one", async () => {
    const turns = new ReadTurns();
    const granted: string[] = [];
    // Reader a reads its batch in three steps while b and c wait to start theirs.
    const a = (async () => {
      await turns.take();
      granted.push("a1");
      await turns.take(true);
      granted.push("a2");
      await turns.take(true);
      granted.push("a3");
    })();
    const b = turns.take().then(() => granted.push("b1"));
    const c = turns.take().then(() => granted.push("c1"));
    await Promise.all([a, b, c]);
    // Taking turns in arrival order only, a's batch was done after everyone's first step: a1 b1 c1 a2 ...
    expect(granted).toEqual(["a1", "a2", "a3", "b1", "c1"]);
  });
});
