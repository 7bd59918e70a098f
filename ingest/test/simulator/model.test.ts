import { describe, expect, it } from "vitest";
import { csatScore } from "../../src/simulator/csat";
import { CustomerPicker } from "../../src/simulator/customers";
import {
  arrivalsBetween,
  arrivalsPerHour,
  defaultProfile,
  planContact,
  Rng,
  routingConfigFor,
  type SimChannel,
} from "../../src/simulator/index";

const profile = defaultProfile({ agents: 200, seed: 11 });
// 2026-11-30 is a Monday; the center is at UTC+8, so local hour h is UTC hour h-8.
const localMs = (day: number, hour: number) => Date.UTC(2026, 10, 30 + day, hour - 8, 30);

describe("arrival curve", () => {
  it.each([
    ["mid-morning peak over the small hours", localMs(0, 10), localMs(0, 3), 5],
    ["afternoon peak over the lunch dip", localMs(0, 15), localMs(0, 12), 1.2],
    ["evening over the night", localMs(0, 20), localMs(0, 2), 4],
    ["Monday over Sunday at the same hour", localMs(0, 10), localMs(-1, 10), 1.5],
    ["Tuesday over Saturday at the same hour", localMs(1, 11), localMs(5, 11), 1.3],
  ])("%s", (_label, busy, quiet, ratio) => {
    expect(arrivalsPerHour(profile, busy)).toBeGreaterThan(arrivalsPerHour(profile, quiet) * ratio);
  });

  it("draws about the expected number of arrivals over a day, more in busy hours", () => {
    const rng = new Rng(5);
    const day = arrivalsBetween(profile, localMs(1, 0) - 30 * 60_000, localMs(2, 0) - 30 * 60_000, rng);
    const expected = profile.dailyContacts * (1.1 / (profile.weekday.reduce((a, b) => a + b) / 7));
    expect(Math.abs(day.length - expected) / expected).toBeLessThan(0.05);
    const inHour = (h: number) =>
      day.filter((t) => t >= localMs(1, h) - 30 * 60_000 && t < localMs(1, h) + 30 * 60_000).length;
    expect(inHour(10)).toBeGreaterThan(inHour(4) * 5);
  });
});

describe("contacts of a seeded day", () => {
  const rng = new Rng(21);
  const picker = new CustomerPicker(profile.customers, profile.returningShare);
  const plans = arrivalsBetween(profile, localMs(0, 0), localMs(1, 0), rng).map((at) =>
    planContact(rng, profile, at, picker.next(rng)),
  );
  const total = Object.values(profile.channelMix).reduce((a, b) => a + b, 0);

  it.each(Object.entries(profile.channelMix) as [SimChannel, number][])(
    "%s share is its weight within 2 points",
    (channel, weight) => {
      const share = plans.filter((p) => p.channel === channel).length / plans.length;
      expect(Math.abs(share - weight / total)).toBeLessThan(0.02);
    },
  );

  it.each([
    ["returning customers", plans.filter((p) => p.returning).length / plans.length, 0.2, 0.4],
    ["VIP customers", plans.filter((p) => p.tier === "vip").length / plans.length, 0.01, 0.1],
    [
      "chats a bot answers first",
      plans.filter((p) => p.bot !== undefined).length /
        plans.filter((p) => p.channel === "webchat" || p.channel === "appchat").length,
      0.3,
      0.5,
    ],
    ["QA violations", plans.filter((p) => p.qaViolation !== undefined).length / plans.length, 0.02, 0.07],
    [
      "Chinese-speaking customers",
      plans.filter((p) => p.language === "zh-CN").length / plans.length,
      0.65,
      0.85,
    ],
  ])("%s are a believable share", (_label, share, low, high) => {
    expect(share).toBeGreaterThan(low);
    expect(share).toBeLessThan(high);
  });

  it("sends VIPs to the VIP queue and complaints to the complaints queue", () => {
    for (const p of plans) {
      if (p.tier === "vip") expect(p.queueId).toBe("vip");
      else if (p.topic === "complaint") expect(p.queueId).toBe("complaints");
    }
  });

  it("gives callers a patience with a long tail: most wait a minute, some give up fast", () => {
    const voice = plans
      .filter((p) => p.channel === "voice")
      .map((p) => p.patienceSeconds)
      .sort((a, b) => a - b);
    const median = voice[Math.floor(voice.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(80);
    expect(median).toBeLessThan(160);
    expect(voice.filter((s) => s < 30).length).toBeGreaterThan(0);
  });
});

describe("CSAT", () => {
  const mean = (c: Parameters<typeof csatScore>[1], seed = 1) => {
    const rng = new Rng(seed);
    let sum = 0;
    for (let i = 0; i < 2_000; i++) sum += csatScore(rng, c);
    return sum / 2_000;
  };
  it.each([
    [
      "a short wait over a long one",
      { waitSeconds: 10, outcome: "handled", resolved: true },
      { waitSeconds: 300, outcome: "handled", resolved: true },
    ],
    [
      "resolved over unresolved",
      { waitSeconds: 30, outcome: "handled", resolved: true },
      { waitSeconds: 30, outcome: "handled", resolved: false },
    ],
    [
      "handled over abandoned",
      { waitSeconds: 60, outcome: "handled", resolved: false },
      { waitSeconds: 60, outcome: "abandoned", resolved: false },
    ],
  ] as const)("scores %s higher", (_label, better, worse) => {
    expect(mean(better)).toBeGreaterThan(mean(worse) + 0.7);
  });

  it("stays an integer 1..5", () => {
    const rng = new Rng(3);
    for (const wait of [0, 30, 600, 10_000]) {
      const s = csatScore(rng, { waitSeconds: wait, outcome: "handled", resolved: true });
      expect(Number.isInteger(s) && s >= 1 && s <= 5).toBe(true);
    }
  });
});

describe("profile and routing config", () => {
  it.each([5, 30, 200])("with %i agents every queue has agents with its skill", (agents) => {
    const p = defaultProfile({ agents });
    const config = routingConfigFor(p);
    expect(config.queues.map((q) => q.id)).toEqual(p.queues.map((q) => q.id));
    for (const q of config.queues) {
      const need = q.defaultSkills?.[0];
      expect(need).toBeDefined();
      const able = p.agents.filter((a) =>
        a.skills.some((s) => s.skill === need?.skill && s.level >= (need?.minLevel ?? 0)),
      );
      expect(able.length, q.id).toBeGreaterThan(0);
    }
  });

  it("is the same for the same seed and refuses a nonsense agent count", () => {
    expect(defaultProfile({ seed: 4 })).toEqual(defaultProfile({ seed: 4 }));
    expect(() => defaultProfile({ agents: 0 })).toThrow(/agents must be an integer/);
  });

  it("widens the reorder tolerance with the speed", () => {
    const p = defaultProfile();
    expect(routingConfigFor(p, { speed: 50 }).reorderToleranceMs).toBe(250_000);
  });
});
