import { describe, expect, it } from "vitest";
import type { StarboardEvent } from "../../src/events/index";
import { type RouterOutput, RoutingEngine } from "../../src/routing/index";
import { simulateQueue } from "../../src/routing/simulation";

describe("replay", () => {
  it("the same log twice gives identical decisions, commands and state", () => {
    const log: StarboardEvent[] = [];
    const first: RouterOutput[] = [];
    const config = {
      queues: [
        {
          id: "q",
          relax: [{ afterSeconds: 20, toLevel: 5 }],
          overflow: { afterSeconds: 120, toQueueId: "r" },
          callbackOfferAfterSeconds: 60,
        },
        { id: "r" },
      ],
    };
    const engine = new RoutingEngine(config);
    simulateQueue(engine, {
      agents: 5,
      ahtSeconds: 60,
      arrivalsPerSecond: 4.5 / 60,
      calls: 3_000,
      seed: 7,
      requiredLevel: 6,
      queueId: "q",
      startMs: Date.parse("2026-11-30T08:00:00.000Z"),
      observe: (event, outputs) => {
        log.push(event);
        first.push(...outputs);
      },
    });
    const replayed = new RoutingEngine(config);
    const second = log.flatMap((e) => replayed.handle(e));
    expect(first.length).toBeGreaterThan(6_000);
    expect(new Set(first.map((e) => e.type === "router.decision" && e.data.kind))).toEqual(
      new Set([false, "assign", "queue", "relax", "overflow", "callback-offer"]),
    );
    expect(second).toEqual(first);
    expect(replayed.anomalies).toEqual(engine.anomalies);
    expect(replayed.waitingIn("q").map((c) => c.id)).toEqual(engine.waitingIn("q").map((c) => c.id));
  });
});
