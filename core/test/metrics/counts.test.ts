import { describe, expect, it } from "vitest";
import {
  addCounts,
  countContact,
  emptyCounts,
  foldCounts,
  type QueueCounts,
  type QueuedContact,
} from "../../src/metrics/index";
import { rules, t0, tenContacts } from "./fixtures";

describe("foldCounts", () => {
  const counts = foldCounts(tenContacts, rules);

  it.each<[keyof QueueCounts, number, string]>([
    ["offered", 10, "all ten, the waiting one included"],
    ["handled", 4, "#1 #2 #3 #8"],
    ["handledWithinThreshold", 2, "#1 (10 s) #2 (20 s = T)"],
    ["abandoned", 4, "#4 #5 #6 #10"],
    ["shortAbandoned", 2, "#4 (3 s) #10 (5 s = short)"],
    ["abandonedWithinThreshold", 3, "#4 #5 #10"],
    ["flowedOut", 1, "#7"],
    ["callbackRequested", 1, "#8"],
    ["removedWithinThreshold", 6, "#1 #2 answered, #4 #5 #10 abandoned, #8 callback at 12 s"],
    ["answeredWaitSecondsSum", 375, "10 + 20 + 45 + 300"],
    ["talkSecondsSum", 510, "100 + 200 + 150 + 60"],
    ["holdSecondsSum", 30, "20 + 0 + 10 + 0"],
    ["wrapupSecondsSum", 100, "30 + 40 + 20 + 10"],
    ["handleSecondsSum", 640, "510 + 30 + 100"],
    ["thresholdSeconds", 20, "carried"],
    ["shortAbandonSeconds", 5, "carried"],
  ])("%s = %d (%s)", (key, expected) => {
    expect(counts[key]).toBe(expected);
  });

  it("defaults the short-abandon time to 5 s", () => {
    expect(emptyCounts({ thresholdSeconds: 30 }).shortAbandonSeconds).toBe(5);
  });

  it("counts the same whether folded at once, contact by contact, or in halves added up", () => {
    const oneByOne = tenContacts.reduce(countContact, emptyCounts(rules));
    const halves = addCounts(
      foldCounts(tenContacts.slice(0, 4), rules),
      foldCounts(tenContacts.slice(4), rules),
    );
    expect(oneByOne).toEqual(counts);
    expect(halves).toEqual(counts);
  });

  it("leaves the counts it is given untouched", () => {
    const before = emptyCounts(rules);
    const after = countContact(before, tenContacts[0] as QueuedContact);
    expect(before.offered).toBe(0);
    expect(after.offered).toBe(1);
  });

  it("a longer threshold re-counts the same contacts differently", () => {
    const at60 = foldCounts(tenContacts, { thresholdSeconds: 60 });
    expect(at60.handledWithinThreshold).toBe(3);
    expect(at60.abandonedWithinThreshold).toBe(4);
  });
});

describe("addCounts", () => {
  it("refuses counts made under different thresholds", () => {
    expect(() =>
      addCounts(emptyCounts({ thresholdSeconds: 20 }), emptyCounts({ thresholdSeconds: 30 })),
    ).toThrow(/different rules: threshold 20 s.*threshold 30 s/);
  });
});

describe("bad contacts are rejected, naming the problem", () => {
  it.each<[string, QueuedContact, RegExp]>([
    [
      "two exits",
      { queuedAt: t0, connectedAt: t0 + 1000, abandonedAt: t0 + 2000, waitSeconds: 1 },
      /leaves a queue once.*connectedAt and abandonedAt/,
    ],
    ["negative wait", { queuedAt: t0, connectedAt: t0, waitSeconds: -1 }, /waitSeconds.*-1/],
    ["NaN wait", { queuedAt: t0, waitSeconds: Number.NaN }, /waitSeconds.*NaN/],
    [
      "exit before queued",
      { queuedAt: t0, abandonedAt: t0 - 1000, waitSeconds: 0 },
      /abandonedAt.*before queuedAt/,
    ],
    [
      "negative talk",
      { queuedAt: t0, connectedAt: t0, waitSeconds: 0, talkSeconds: -5 },
      /talkSeconds must be a finite number >= 0, got -5/,
    ],
  ])("%s", (_name, contact, message) => {
    expect(() => foldCounts([contact], rules)).toThrow(RangeError);
    expect(() => foldCounts([contact], rules)).toThrow(message);
  });

  it("a negative threshold", () => {
    expect(() => emptyCounts({ thresholdSeconds: -20 })).toThrow(/thresholdSeconds.*-20/);
  });
});
