import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { type ChannelMeasures, channelEffectiveness, rankChannels } from "../src/reports/index";
import { dayOfEvents, dayRange } from "./day";
import { freshWarehouse, writeThroughSink } from "./warehouse";

const row = (channel: string, over: Partial<ChannelMeasures>): ChannelMeasures => ({
  channel,
  csat: null,
  csatResponses: 0,
  resolutionRate: null,
  abandonRate: null,
  asaSeconds: null,
  firstResponseSeconds: null,
  ...over,
});

describe("rankChannels", () => {
  it("scales each measure between the worst and best channel and ranks by the mean", () => {
    const scores = rankChannels([
      row("voice", { csat: 0.6, csatResponses: 50, resolutionRate: 0.7, abandonRate: 0.1, asaSeconds: 40 }),
      row("webchat", {
        csat: 0.9,
        csatResponses: 40,
        resolutionRate: 0.8,
        abandonRate: 0.05,
        asaSeconds: 20,
      }),
      row("email", { csat: 0.75, csatResponses: 10, resolutionRate: 0.6, abandonRate: 0.05 }),
    ]);
    // webchat best on all four; voice: csat 0, resolution 0.5, abandon 0, asa 0 -> 0.125;
    // email: csat 0.5, resolution 0, abandon 1 (tied best) -> 0.5 (no ASA).
    expect(scores).toEqual([
      {
        channel: "webchat",
        score: 1,
        bestAt: ["csat", "resolutionRate", "abandonRate", "asaSeconds"],
        rank: 1,
      },
      { channel: "email", score: 0.5, bestAt: ["abandonRate"], rank: 2 },
      { channel: "voice", score: expect.closeTo(0.125, 12), bestAt: [], rank: 3 },
    ]);
  });

  it("ignores CSAT with too few answers and a measure only one channel has; an unscored channel is unranked", () => {
    const scores = rankChannels([
      row("voice", { csat: 0.2, csatResponses: 2, resolutionRate: 0.9 }),
      row("webchat", { csat: 0.9, csatResponses: 30, resolutionRate: 0.5, firstResponseSeconds: 30 }),
      row("sms", {}),
    ]);
    expect(scores).toEqual([
      { channel: "voice", score: 1, bestAt: ["resolutionRate"], rank: 1 },
      { channel: "webchat", score: 0, bestAt: [], rank: 2 },
      { channel: "sms", score: null, bestAt: [], rank: null },
    ]);
  });
});

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  const events = dayOfEvents();
  await writeThroughSink(warehouse, events);
});
afterAll(() => dispose());

// The golden day (see golden.test.ts): voice CSAT 2 of 4, resolution 3/8, ASA 22.375 s, abandon rate
// 1/3; web chat CSAT 1 of 1, resolution 1/1, ASA 8 s, no abandons.
describe("channelEffectiveness on the golden day", () => {
  it("web chat serves customers better on every measure; CSAT counts only with enough answers", async () => {
    const strict = await channelEffectiveness(warehouse, dayRange);
    expect(strict.bestChannel).toBe("webchat");
    expect(strict.channels.map((c) => [c.channel, c.rank, c.score, c.bestAt])).toEqual([
      ["webchat", 1, 1, ["resolutionRate", "abandonRate", "asaSeconds"]],
      ["voice", 2, 0, []],
    ]);
    expect(strict.channels[1]).toMatchObject({ offered: 8, handled: 4, csatResponses: 4 });
    const loose = await channelEffectiveness(warehouse, { ...dayRange, minCsatResponses: 1 });
    expect(loose.channels[0]?.bestAt).toEqual(["csat", "resolutionRate", "abandonRate", "asaSeconds"]);
  });

  it("an empty range names no best channel", async () => {
    const r = await channelEffectiveness(warehouse, {
      from: new Date(Date.UTC(2025, 0, 1)),
      to: new Date(Date.UTC(2025, 0, 2)),
    });
    expect(r).toEqual({ bestChannel: null, channels: [] });
  });
});
