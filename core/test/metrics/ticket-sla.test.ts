import { describe, expect, it } from "vitest";
import {
  type TicketSlaInput,
  type TicketSlaState,
  ticketDueAt,
  ticketSlaStatus,
} from "../../src/metrics/index";

const hour = 3_600_000;
const start = Date.UTC(2026, 10, 30, 9, 0, 0);
const h = (hours: number) => start + hours * hour;

describe("ticketDueAt", () => {
  const windows = { low: 72 * 3600, normal: 24 * 3600, high: 8 * 3600, urgent: 2 * 3600 };
  it.each([
    ["urgent", h(2)],
    ["high", h(8)],
    ["low", h(72)],
  ] as const)("%s -> due %d", (priority, due) => {
    expect(ticketDueAt(priority, start, windows)).toBe(due);
  });

  it("throws for a priority without a window", () => {
    const partial: Record<string, number> = { normal: 3600 };
    expect(() => ticketDueAt<string>("vip", start, partial)).toThrow(/priority "vip"/);
  });
});

describe("ticketSlaStatus: 8 h window, reminder at 4 h without progress, breach at 8 h", () => {
  const base = { windowStartAt: start, dueAt: h(8) };
  it.each<[string, Omit<TicketSlaInput, "windowStartAt" | "dueAt">, TicketSlaState]>([
    ["1 h in, untouched", { now: h(1) }, "ok"],
    ["exactly half-way, untouched", { now: h(4) }, "reminder"],
    ["5 h in, untouched", { now: h(5) }, "reminder"],
    ["5 h in, commented at 2 h", { now: h(5), lastProgressAt: h(2) }, "ok"],
    ["5 h in, progress only before a reopen", { now: h(5), lastProgressAt: h(-1) }, "reminder"],
    ["exactly due", { now: h(8), lastProgressAt: h(2) }, "breached"],
    ["past due, however busy", { now: h(9), lastProgressAt: h(8.5) }, "breached"],
    ["resolved at 6 h, looked at later", { now: h(9), stoppedAt: h(6) }, "ok"],
    ["resolved late", { now: h(10), stoppedAt: h(9) }, "breached"],
    ["resolution in the future of now is ignored", { now: h(5), stoppedAt: h(6) }, "reminder"],
  ])("%s -> %s", (_name, input, state) => {
    expect(ticketSlaStatus({ ...base, ...input })).toEqual({ state, reminderAt: h(4), breachAt: h(8) });
  });

  it("a custom reminder share", () => {
    expect(ticketSlaStatus({ ...base, now: h(6), reminderFraction: 0.75 })).toEqual({
      state: "reminder",
      reminderAt: h(6),
      breachAt: h(8),
    });
  });

  it.each<[string, TicketSlaInput, RegExp]>([
    [
      "due before start",
      { windowStartAt: start, dueAt: start, now: start },
      /must be after the window start/,
    ],
    ["NaN now", { ...base, now: Number.NaN }, /now is not a time/],
    ["reminder share 1", { ...base, now: start, reminderFraction: 1 }, /reminderFraction/],
  ])("rejects %s", (_name, input, message) => {
    expect(() => ticketSlaStatus(input)).toThrow(message);
  });
});
