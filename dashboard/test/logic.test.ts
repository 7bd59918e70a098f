import { describe, expect, it } from "vitest";
import { lookupVariables } from "../src/components/customers/lookup";
import { queueHealth, serviceLevelHealth, waitHealth } from "../src/components/wallboard/thresholds";
import { toCsv } from "../src/lib/csv";
import { formatDuration, formatters } from "../src/lib/format";
import { fill, messages } from "../src/lib/i18n";
import { applyDelta, OrderedStore } from "../src/lib/live-store-core";
import type { Queue } from "../src/lib/live-types";
import { rangeToIso } from "../src/lib/range";

// The dashboard's pure rules: colours, deltas, formats, CSV, look-up parsing, ranges.

const queue = (over: Partial<Queue>): Queue => ({
  id: "q",
  waiting: 0,
  longestWaitSeconds: 0,
  agents: { available: 0, ringing: 0, busy: 0, wrapUp: 0, away: 0 },
  serviceLevel: 0.9,
  targetServiceLevel: 0.8,
  thresholdSeconds: 20,
  asaSeconds: null,
  abandonRate: null,
  estimatedWaitSeconds: null,
  counts: { offered: 0, handled: 0, abandoned: 0 },
  waitingContacts: [],
  ...over,
});

describe("queue tile colours", () => {
  it("service level: amber below target, red more than 10 points below, nothing when uncounted", () => {
    expect(serviceLevelHealth(0.8, 0.8)).toBe("ok");
    expect(serviceLevelHealth(0.75, 0.8)).toBe("warn");
    expect(serviceLevelHealth(0.69, 0.8)).toBe("crit");
    expect(serviceLevelHealth(null, 0.8)).toBe("ok");
  });
  it("longest wait: amber past the threshold, red past twice the threshold", () => {
    expect(waitHealth(20, 20)).toBe("ok");
    expect(waitHealth(21, 20)).toBe("warn");
    expect(waitHealth(41, 20)).toBe("crit");
  });
  it("a tile takes the worse of the two, and an empty queue's old wait does not count", () => {
    expect(queueHealth(queue({ waiting: 2, longestWaitSeconds: 50 })).overall).toBe("crit");
    expect(queueHealth(queue({ waiting: 0, longestWaitSeconds: 50 })).overall).toBe("ok");
    expect(queueHealth(queue({ serviceLevel: 0.78, waiting: 1, longestWaitSeconds: 5 })).overall).toBe(
      "warn",
    );
  });
});

describe("live deltas", () => {
  const a = { id: "a2", v: 1 };
  const b = { id: "a10", v: 1 };
  it("a snapshot replaces, a delta changes and removes by id", () => {
    let map = applyDelta(new Map(), { snapshot: true, removed: [], at: "", items: [a, b] });
    map = applyDelta(map, { snapshot: false, removed: ["a2"], at: "", items: [{ id: "a10", v: 2 }] });
    expect([...map.values()]).toEqual([{ id: "a10", v: 2 }]);
    map = applyDelta(map, { snapshot: true, removed: [], at: "", items: [a] });
    expect([...map.keys()]).toEqual(["a2"]);
  });
  it("keeps numeric id order and the identity of unchanged items", () => {
    const store = new OrderedStore<{ id: string; v: number }>();
    const first = store.apply({ snapshot: true, removed: [], at: "", items: [b, a, { id: "a1", v: 1 }] });
    expect(first.map((x) => x.id)).toEqual(["a1", "a2", "a10"]);
    const second = store.apply({ snapshot: false, removed: [], at: "", items: [{ id: "a2", v: 9 }] });
    expect(second.map((x) => x.id)).toEqual(["a1", "a2", "a10"]);
    expect(second[2]).toBe(first[2]);
    expect(second[1]).toEqual({ id: "a2", v: 9 });
    const third = store.apply({ snapshot: false, removed: ["a1"], at: "", items: [{ id: "a3", v: 1 }] });
    expect(third.map((x) => x.id)).toEqual(["a2", "a3", "a10"]);
  });
});

describe("formats", () => {
  it("durations read as clocks", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(65.9)).toBe("1:05");
    expect(formatDuration(3_725)).toBe("1:02:05");
    expect(formatDuration(null)).toBe("—");
  });
  it("numbers and percentages follow the language", () => {
    expect(formatters("en").int(12345)).toBe("12,345");
    expect(formatters("zh-CN").percent(0.805)).toBe("80.5%");
    expect(formatters("zh-CN").date("2026-11-30T00:00:00Z")).toContain("11月30日");
  });
  it("every English label has a Chinese one, and placeholders are filled", () => {
    expect(Object.keys(messages["zh-CN"]).sort()).toEqual(Object.keys(messages.en).sort());
    expect(fill(messages["zh-CN"].staleSince, { time: "09:00:00" })).toBe("数据已过期，自 09:00:00");
  });
});

describe("CSV export", () => {
  it("quotes commas, quotes and line breaks, and starts with a BOM for Excel", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["x,y", 'say "hi"'],
        [null, 3],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n,3\r\n');
  });
});

describe("look-ups and ranges", () => {
  it("a number is a phone, anything else a customer id", () => {
    expect(lookupVariables(" +86 138-0013-8000 ")).toEqual({ phone: "+8613800138000" });
    expect(lookupVariables("cust-42")).toEqual({ id: "cust-42" });
  });
  it("a range is whole UTC days and must move forward", () => {
    expect(rangeToIso("2026-11-01", "2026-11-08")).toEqual({
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-08T00:00:00.000Z",
    });
    expect(() => rangeToIso("2026-11-08", "2026-11-01")).toThrow(/before it starts/);
    expect(() => rangeToIso("soon", "2026-11-01")).toThrow(/not a date range/);
  });
});
