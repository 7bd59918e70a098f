import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { qaFlagById, qaRulePrecision, qaScorecards } from "../src/reports/index";
import { qaDayEvents, qaRange } from "./qa-day";
import { freshWarehouse, writeThroughSink } from "./warehouse";

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  const events = qaDayEvents();
  await writeThroughSink(warehouse, events);
});
afterAll(() => dispose());

// Hand-counted from qa-day.ts over 2026-11-30 and 2026-12-01 (f8 is on 12-02, outside). Latest
// verdicts: f1 confirmed (after a false positive), f2 false positive, f3 confirmed, f5 false
// positive (after a confirmation), f6 confirmed; f4, f7, f9 unreviewed. A hit is a flag not rejected.
describe("QA scorecards", () => {
  it("per agent: hits per 100 handled, by category and day", async () => {
    const cards = await qaScorecards(warehouse, { ...qaRange, groupBy: "agent" });
    expect(cards.map((c) => [c.group, c.handled, c.flags, c.confirmed, c.falsePositives, c.hits])).toEqual([
      ["a1", 6, 4, 2, 1, 3],
      ["a2", 5, 1, 0, 1, 0],
      ["a3", 2, 1, 1, 0, 1],
      ["a4", 1, 1, 0, 0, 1],
    ]);
    expect(cards.map((c) => c.hitsPer100)).toEqual([50, 0, 50, 100]);
    const a1 = cards[0];
    expect(a1?.categories).toEqual([
      { category: "shirking", flags: 3, confirmed: 1, falsePositives: 1, hits: 2, hitsPer100: 200 / 6 },
      { category: "abuse", flags: 1, confirmed: 1, falsePositives: 0, hits: 1, hitsPer100: 100 / 6 },
    ]);
    expect(a1?.daily).toEqual([
      { day: "2026-11-30", handled: 4, hits: 2, hitsPer100: 50 },
      { day: "2026-12-01", handled: 2, hits: 1, hitsPer100: 50 },
    ]);
    expect(cards[3]?.daily).toEqual([{ day: "2026-12-01", handled: 1, hits: 1, hitsPer100: 100 }]);
  });

  it("per team: the agent's latest team, agents without one in the '' group", async () => {
    const cards = await qaScorecards(warehouse, { ...qaRange, groupBy: "team" });
    expect(cards.map((c) => [c.group, c.handled, c.flags, c.falsePositives, c.hits, c.hitsPer100])).toEqual([
      ["", 1, 1, 0, 1, 100],
      ["team-x", 11, 5, 2, 3, 300 / 11],
      ["team-y", 2, 1, 0, 1, 50],
    ]);
    expect(cards[1]?.categories.map((c) => [c.category, c.hits])).toEqual([
      ["shirking", 2],
      ["abuse", 1],
      ["prohibited-promise", 0],
    ]);
    expect(cards[1]?.daily).toEqual([
      { day: "2026-11-30", handled: 9, hits: 2, hitsPer100: 200 / 9 },
      { day: "2026-12-01", handled: 2, hits: 1, hitsPer100: 50 },
    ]);
  });

  it("an empty range is no cards, not an error", async () => {
    const from = new Date(Date.UTC(2025, 0, 1));
    expect(
      await qaScorecards(warehouse, { from, to: new Date(Date.UTC(2025, 0, 2)), groupBy: "team" }),
    ).toEqual([]);
  });
});

describe("QA rule precision", () => {
  it("confirmed / reviewed per rule, worst first, unreviewed rules last", async () => {
    expect(await qaRulePrecision(warehouse, qaRange)).toEqual([
      {
        ruleId: "r-promise",
        category: "prohibited-promise",
        flags: 1,
        reviewed: 1,
        unreviewed: 0,
        confirmed: 0,
        falsePositives: 1,
        precision: 0,
      },
      {
        ruleId: "r-shirk",
        category: "shirking",
        flags: 4,
        reviewed: 3,
        unreviewed: 1,
        confirmed: 2,
        falsePositives: 1,
        precision: 2 / 3,
      },
      {
        ruleId: "r-abuse",
        category: "abuse",
        flags: 2,
        reviewed: 1,
        unreviewed: 1,
        confirmed: 1,
        falsePositives: 0,
        precision: 1,
      },
      {
        ruleId: "r-bot",
        category: "complaint",
        flags: 1,
        reviewed: 0,
        unreviewed: 1,
        confirmed: 0,
        falsePositives: 0,
        precision: null,
      },
    ]);
  });

  it("finds one flag by id for a review, undefined for an unknown id", async () => {
    expect(await qaFlagById(warehouse, { flagId: "f5" })).toEqual({
      flagId: "f5",
      contactId: "contact-of-f5",
      channel: "voice",
      agentId: "a2",
      ruleId: "r-promise",
      category: "prohibited-promise",
    });
    expect(await qaFlagById(warehouse, { flagId: "nope" })).toBeUndefined();
  });
});
