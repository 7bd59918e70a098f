import { describe, expect, it } from "vitest";
import {
  amazonConnectServiceLevel,
  asteriskServiceLevel,
  asteriskServiceLevel2,
  defaultServiceLevel,
  emptyCounts,
  foldCounts,
  type GenesysServiceLevelOptions,
  genesysServiceLevel,
  type ServiceLevelVariant,
  serviceLevel,
  serviceLevelVariants,
} from "../../src/metrics/index";
import { rules, tenContacts } from "./fixtures";

// The ten fixture contacts: handled 4 (2 within T), abandoned 4 (2 short, 3 within T), 1 flow-out,
// 1 callback at 12 s, offered 10, removed within T 6.
const counts = foldCounts(tenContacts, rules);

describe("service level variants over the same ten contacts", () => {
  it.each<[string, ServiceLevelVariant, number, string]>([
    ["default", { variant: "default" }, 2 / 6, "2 / (4 handled + 4 abandoned − 2 short)"],
    ["amazon-connect", { variant: "amazon-connect" }, 6 / 10, "6 removed within T / 10 queued"],
    ["genesys, no switch", { variant: "genesys" }, 2 / 8, "2 / (4 + 4)"],
    ["asterisk-sl", { variant: "asterisk-sl" }, 2 / 4, "2 / 4 answered"],
    ["asterisk-sl2", { variant: "asterisk-sl2" }, 5 / 8, "(2 + 3) / (4 + 4)"],
  ])("%s = %d (%s)", (_name, variant, expected) => {
    expect(serviceLevel(counts, variant)).toBeCloseTo(expected, 12);
  });

  it("defaults to Starboard's own definition", () => {
    expect(serviceLevel(counts)).toBe(defaultServiceLevel(counts));
  });

  it("names every variant", () => {
    expect(serviceLevelVariants).toEqual([
      "default",
      "amazon-connect",
      "genesys",
      "asterisk-sl",
      "asterisk-sl2",
    ]);
  });

  it("each named function matches its variant", () => {
    expect(amazonConnectServiceLevel(counts)).toBe(0.6);
    expect(asteriskServiceLevel(counts)).toBe(0.5);
    expect(asteriskServiceLevel2(counts)).toBe(0.625);
  });
});

describe("Genesys switches", () => {
  it.each<[GenesysServiceLevelOptions, number, string]>([
    [{}, 2 / 8, "answered + abandoned"],
    [{ includeFlowOuts: true }, 2 / 9, "+ 1 flow-out"],
    [{ includeShortAbandons: false }, 2 / 6, "− 2 short abandons"],
    [{ includeAbandons: false }, 2 / 4, "− 4 abandons"],
    [{ includeAbandons: false, includeShortAbandons: false }, 2 / 4, "short abandons not subtracted twice"],
    [{ includeFlowOuts: true, includeShortAbandons: false }, 2 / 7, "4 + 2 + 1"],
    [{ includeFlowOuts: true, includeAbandons: false }, 2 / 5, "4 + 1"],
  ])("%o -> %d (%s)", (options, expected) => {
    expect(genesysServiceLevel(counts, options)).toBeCloseTo(expected, 12);
    expect(serviceLevel(counts, { variant: "genesys", ...options })).toBeCloseTo(expected, 12);
  });
});

describe("no contacts: no service level", () => {
  const empty = emptyCounts(rules);
  it.each(serviceLevelVariants)("%s is null, not NaN", (variant) => {
    expect(serviceLevel(empty, { variant })).toBeNull();
  });

  it("only short abandons: the default has nothing to judge (null), Connect counts them as removed", () => {
    const shortOnly = foldCounts([{ queuedAt: 0, abandonedAt: 2000, waitSeconds: 2 }], rules);
    expect(defaultServiceLevel(shortOnly)).toBeNull();
    expect(amazonConnectServiceLevel(shortOnly)).toBe(1);
    expect(asteriskServiceLevel(shortOnly)).toBeNull();
    expect(asteriskServiceLevel2(shortOnly)).toBe(1);
  });
});
