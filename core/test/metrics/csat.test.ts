import { describe, expect, it } from "vitest";
import { addCsatTallies, csat, csatSummary, csatTally } from "../../src/metrics/index";

describe("csat", () => {
  it.each([
    [[5, 4, 3, 1, 5], { satisfaction: 3 / 5, mean: 18 / 5, responses: 5 }],
    [[4], { satisfaction: 1, mean: 4, responses: 1 }],
    [[3, 3], { satisfaction: 0, mean: 3, responses: 2 }],
    [[], { satisfaction: null, mean: null, responses: 0 }],
  ])("%j -> %o", (scores, expected) => {
    expect(csat(scores)).toEqual(expected);
  });

  it.each([0, 6, 4.5, -1, Number.NaN])("rejects %d, naming it", (bad) => {
    expect(() => csat([5, bad])).toThrow(RangeError);
    expect(() => csat([5, bad])).toThrow(`got ${bad}`);
  });

  it("tallies add across intervals; the ratio of sums, not the mean of ratios", () => {
    const morning = csatTally([5, 5, 5, 5]); // 100 %
    const afternoon = csatTally([1]); // 0 %
    expect(csatSummary(addCsatTallies(morning, afternoon))).toEqual({
      satisfaction: 4 / 5,
      mean: 21 / 5,
      responses: 5,
    });
  });
});
