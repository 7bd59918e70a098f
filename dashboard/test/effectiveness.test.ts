import { describe, expect, it } from "vitest";
import { type ChannelMeasures, channelEffectiveness } from "../src/lib/effectiveness";

const row = (channel: string, over: Partial<ChannelMeasures>): ChannelMeasures => ({
  channel,
  handled: 100,
  csat: null,
  csatResponses: 0,
  resolutionRate: null,
  abandonRate: null,
  asaSeconds: null,
  firstResponseSeconds: null,
  ...over,
});

describe("channel effectiveness", () => {
  it("scales each measure between the worst and best channel and ranks by the mean", () => {
    const scores = channelEffectiveness([
      row("VOICE", { csat: 0.6, csatResponses: 50, resolutionRate: 0.7, abandonRate: 0.1, asaSeconds: 40 }),
      row("WEBCHAT", {
        csat: 0.9,
        csatResponses: 40,
        resolutionRate: 0.8,
        abandonRate: 0.05,
        asaSeconds: 20,
      }),
      row("EMAIL", { csat: 0.75, csatResponses: 10, resolutionRate: 0.6, abandonRate: 0.05 }),
    ]);
    // WEBCHAT best on all four; VOICE: csat 0, resolution 0.5, abandon 0, asa 0 -> 0.125;
    // EMAIL: csat 0.5, resolution 0, abandon 1 (tied best) -> 0.5 (no ASA).
    expect(scores).toEqual([
      {
        channel: "WEBCHAT",
        score: 1,
        bestAt: ["csat", "resolutionRate", "abandonRate", "asaSeconds"],
        rank: 1,
      },
      { channel: "EMAIL", score: 0.5, bestAt: ["abandonRate"], rank: 2 },
      { channel: "VOICE", score: expect.closeTo(0.125, 12), bestAt: [], rank: 3 },
    ]);
  });

  it("ignores CSAT with too few answers and a measure only one channel has; an unscored channel is unranked", () => {
    const scores = channelEffectiveness([
      row("VOICE", { csat: 0.2, csatResponses: 2, resolutionRate: 0.9 }),
      row("WEBCHAT", { csat: 0.9, csatResponses: 30, resolutionRate: 0.5, firstResponseSeconds: 30 }),
      row("SMS", {}),
    ]);
    expect(scores).toEqual([
      { channel: "VOICE", score: 1, bestAt: ["resolutionRate"], rank: 1 },
      { channel: "WEBCHAT", score: 0, bestAt: [], rank: 2 },
      { channel: "SMS", score: null, bestAt: [], rank: null },
    ]);
  });
});
