import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { selfServiceReport } from "../src/reports/index";
import { botDayEvents, botRange } from "./bot-day";
import { freshWarehouse, writeThroughSink } from "./warehouse";

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  const events = botDayEvents();
  await writeThroughSink(warehouse, events);
});
afterAll(() => dispose());

// Hand-counted from bot-day.ts over 2026-11-30 and 2026-12-01 (b10 is on 12-02, outside).
describe("bot and IVR self-service", () => {
  it("containment and hand-off rates per kind and channel", async () => {
    const { totals } = await selfServiceReport(warehouse, botRange);
    const pick = (kind: string, channel: string | null) =>
      totals.find((t) => t.kind === kind && t.channel === channel);
    // Bot: b1 b2 b8 contained; b3 b4 b5 b6 b7 b11 handed off.
    expect(pick("bot", null)).toEqual({
      kind: "bot",
      channel: null,
      sessions: 9,
      contained: 3,
      handoffs: 6,
      gaveUp: 0,
      containmentRate: 3 / 9,
      handoffRate: 6 / 9,
      avgSeconds: 30,
    });
    expect(pick("bot", "appchat")).toMatchObject({ sessions: 1, contained: 1, containmentRate: 1 });
    expect(pick("bot", "webchat")).toMatchObject({ sessions: 8, contained: 2, handoffs: 6 });
    // IVR: v1 self-service, v2 v4 to a queue, v3 hung up in the menus.
    expect(pick("ivr", null)).toEqual({
      kind: "ivr",
      channel: null,
      sessions: 4,
      contained: 1,
      handoffs: 2,
      gaveUp: 1,
      containmentRate: 0.25,
      handoffRate: 0.5,
      avgSeconds: 20,
    });
    expect(totals.map((t) => `${t.kind}/${t.channel ?? "*"}`)).toEqual([
      "bot/*",
      "bot/appchat",
      "bot/webchat",
      "ivr/*",
      "ivr/voice",
    ]);
  });

  it("hand-off reasons and what followed: wait, outcome, survey, senior agents", async () => {
    const { handoffReasons } = await selfServiceReport(warehouse, botRange);
    expect(handoffReasons).toEqual([
      {
        // b3 (s1, 10 s, resolved, 5), b4 (j1, 30 s, 2), b5 abandoned, b11 (s1, 20 s, resolved, 4).
        kind: "bot",
        reason: "complaint",
        handoffs: 4,
        share: 4 / 6,
        handled: 3,
        abandoned: 1,
        other: 0,
        avgWaitSeconds: 20,
        resolutionRate: 2 / 3,
        csat: 2 / 3,
        csatAverage: 11 / 3,
        csatResponses: 3,
        senior: 2,
        seniorShare: 2 / 3,
      },
      {
        kind: "bot",
        reason: "not_understood",
        handoffs: 1,
        share: 1 / 6,
        handled: 0,
        abandoned: 0,
        other: 1,
        avgWaitSeconds: null,
        resolutionRate: null,
        csat: null,
        csatAverage: null,
        csatResponses: 0,
        senior: 0,
        seniorShare: null,
      },
      {
        // s2 was raised to level 9 before b6: senior.
        kind: "bot",
        reason: "requested_human",
        handoffs: 1,
        share: 1 / 6,
        handled: 1,
        abandoned: 0,
        other: 0,
        avgWaitSeconds: 20,
        resolutionRate: 1,
        csat: null,
        csatAverage: null,
        csatResponses: 0,
        senior: 1,
        seniorShare: 1,
      },
      {
        kind: "ivr",
        reason: "ivr-queue",
        handoffs: 2,
        share: 1,
        handled: 1,
        abandoned: 1,
        other: 0,
        avgWaitSeconds: 5,
        resolutionRate: 1,
        csat: 1,
        csatAverage: 4,
        csatResponses: 1,
        senior: 0,
        seniorShare: 0,
      },
    ]);
    // A stricter senior level: nobody qualifies.
    const strict = await selfServiceReport(warehouse, { ...botRange, seniorLevel: 10 });
    expect(strict.handoffReasons.map((r) => r.senior)).toEqual([0, 0, 0, 0]);
  });

  it("a daily trend per kind", async () => {
    const { daily } = await selfServiceReport(warehouse, botRange);
    expect(daily).toEqual([
      { day: "2026-11-30", kind: "bot", sessions: 8, contained: 3, handoffs: 5, containmentRate: 3 / 8 },
      { day: "2026-11-30", kind: "ivr", sessions: 4, contained: 1, handoffs: 2, containmentRate: 0.25 },
      { day: "2026-12-01", kind: "bot", sessions: 1, contained: 0, handoffs: 1, containmentRate: 0 },
    ]);
  });
});
