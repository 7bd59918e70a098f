import { describe, expect, it } from "vitest";
import { firstResponseSeconds, mean, median, type TimedMessage } from "../../src/metrics/index";

const msg = (seconds: number, senderRole: TimedMessage["senderRole"]): TimedMessage => ({
  at: 1_700_000_000_000 + seconds * 1000,
  senderRole,
});

describe("firstResponseSeconds", () => {
  it.each<[string, TimedMessage[], number | null]>([
    ["customer then agent", [msg(0, "customer"), msg(45, "agent")], 45],
    ["a bot greeting is not a response", [msg(0, "customer"), msg(1, "bot"), msg(90, "agent")], 90],
    ["system notices are not responses", [msg(0, "customer"), msg(2, "system"), msg(30, "agent")], 30],
    ["from the first customer message", [msg(0, "customer"), msg(20, "customer"), msg(50, "agent")], 50],
    ["proactive agent message first", [msg(0, "agent"), msg(10, "customer"), msg(40, "agent")], 30],
    ["any order", [msg(40, "agent"), msg(10, "customer"), msg(100, "agent")], 30],
    ["no reply yet", [msg(0, "customer"), msg(5, "bot")], null],
    ["customer never wrote", [msg(0, "agent")], null],
    ["empty", [], null],
  ])("%s -> %s", (_name, messages, expected) => {
    expect(firstResponseSeconds(messages)).toBe(expected);
  });

  it("rejects a message without a time", () => {
    expect(() => firstResponseSeconds([{ at: Number.NaN, senderRole: "customer" }])).toThrow(/NaN/);
  });
});

describe("median and mean", () => {
  it.each([
    [[5, 1, 3], 3, 3],
    [[4, 1, 3, 2], 2.5, 2.5],
    [[30, 40, 3600], 40, 1223.3333333333333],
    [[7], 7, 7],
    [[], null, null],
  ])("%j -> median %s, mean %s", (values, expectedMedian, expectedMean) => {
    expect(median(values)).toBe(expectedMedian);
    expect(mean(values)).toBe(expectedMean);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("rejects NaN rather than sorting it somewhere", () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });
});
