import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeliveryWindow } from "../../src/http/deliveries";
import { IdWindow } from "../../src/http/id-window";

/** What the window did before it was compacted: a Map in insertion order, expired from its front. */
class MapModel {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowSeconds: number) {}
  check(id: string, nowSeconds: number): boolean {
    for (const [key, at] of this.seen) {
      if (nowSeconds - at <= this.windowSeconds) break;
      this.seen.delete(key);
    }
    return !this.seen.has(id);
  }
  remember(id: string, at: number): void {
    this.seen.set(id, at);
  }
  get size(): number {
    return this.seen.size;
  }
}

describe("DeliveryWindow", () => {
  it("refuses a delivery id seen within the window and forgets it after", () => {
    const w = new DeliveryWindow(300);
    expect(w.check("run-1", 1_000, 1_000_000).kind).toBe("ok");
    w.remember("run-1", 1_000);
    const again = w.check("run-1", 1_200, 1_200_000);
    expect(again.kind === "refuse" && again.refusal.reason).toMatch(/run-1 was already accepted/);
    expect(w.check("run-1", 1_301, 1_301_000).kind).toBe("ok");
    expect(w.size).toBe(0);
  });

  it("answers every check as the Map it replaces did (ids, repeats, time going on)", () => {
    const op = fc.record({
      id: fc.integer({ min: 0, max: 40 }).map((n) => `sender-${n}`),
      step: fc.integer({ min: 0, max: 30 }),
      remember: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const w = new DeliveryWindow(60);
        const model = new MapModel(60);
        let now = 10_000;
        for (const { id, step, remember } of ops) {
          now += step;
          const fresh = w.check(id, now, now * 1000).kind === "ok";
          expect(fresh).toBe(model.check(id, now));
          if (fresh && remember) {
            w.remember(id, now);
            model.remember(id, now);
          }
          expect(w.size).toBe(model.size);
        }
      }),
    );
  });

  it("holds a full window of 300,000 ids in under 48 bytes each and drops them all once stale", () => {
    const w = new DeliveryWindow(300);
    let fresh = 0;
    for (let i = 0; i < 300_000; i++) {
      const at = 1_000 + Math.floor(i / 1_000);
      if (w.check(`run-${i}`, at, at * 1000).kind === "ok") fresh += 1;
      w.remember(`run-${i}`, at);
    }
    expect(fresh).toBe(300_000);
    expect(w.size).toBe(300_000);
    expect(w.bytes / w.size).toBeLessThan(48);
    const replay = w.check("run-123456", 1_299, 1_299_000);
    expect(replay.kind).toBe("refuse");
    expect(w.check("run-x", 1_700, 1_700_000).kind).toBe("ok");
    expect(w.size).toBe(0);
  });
});

describe("IdWindow", () => {
  it("keeps ids across its ring's growth and forgets them oldest first", () => {
    const ids = new IdWindow(16);
    for (let i = 0; i < 1_000; i++) ids.add(`id-${i}`, i);
    for (let i = 0; i < 1_000; i++) expect(ids.has(`id-${i}`)).toBe(true);
    expect(ids.has("id-1000")).toBe(false);
    for (let i = 0; i < 600; i++) {
      expect(ids.oldest()).toBe(i);
      ids.dropOldest();
    }
    expect(ids.size).toBe(400);
    expect(ids.has("id-599")).toBe(false);
    expect(ids.has("id-600")).toBe(true);
  });

  it("stays the same size under steady churn: the ring does not grow while ids expire as fast as they come", () => {
    const ids = new IdWindow(16);
    for (let i = 0; i < 500; i++) ids.add(`id-${i}`, i);
    const bytes = ids.bytes;
    for (let i = 500; i < 100_000; i++) {
      ids.dropOldest();
      ids.add(`id-${i}`, i);
    }
    expect(ids.size).toBe(500);
    expect(ids.bytes).toBe(bytes);
    expect(ids.has("id-99999")).toBe(true);
    expect(ids.has("id-99499")).toBe(false);
  });
});
