import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StarboardEvent } from "../../src/events/index";
import { TicketClocks } from "../../src/live/tickets";
import { type TicketSlaState, ticketSlaStatus } from "../../src/metrics/index";

// TicketClocks judges only the tickets whose state may have changed; its answers must be those of
// judging every open ticket at every evaluation, and its work must not grow with idle open tickets.

const T0 = Date.parse("2026-11-30T09:00:00.000Z");
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const envelope = (id: string, s: number) => ({
  id,
  version: 1 as const,
  time: iso(s),
  tenant: "default",
  source: "t",
});

type Step =
  | { kind: "created" | "reopened"; ticket: number; dueAfter: number }
  | { kind: "progress"; ticket: number }
  | { kind: "moved"; ticket: number; dueAfter: number }
  | { kind: "stopped"; ticket: number }
  | { kind: "evaluate" };

function event(step: Exclude<Step, { kind: "evaluate" }>, s: number, i: number): StarboardEvent {
  const ticketNumber = `T-20261130-${String(step.ticket).padStart(6, "0")}`;
  const e = envelope(`e${i}`, s);
  switch (step.kind) {
    case "created":
      return {
        ...e,
        type: "ticket.created",
        data: {
          ticketNumber,
          subject: "s",
          priority: "high",
          department: "d",
          dueAt: iso(s + step.dueAfter),
          customer: {},
          openedBy: "customer",
          categories: [],
        },
      };
    case "reopened":
      return {
        ...e,
        type: "ticket.reopened",
        data: { ticketNumber, dueAt: iso(s + step.dueAfter), reopenedBy: "customer" },
      };
    case "progress":
      return {
        ...e,
        type: "ticket.commented",
        data: {
          ticketNumber,
          commentId: `c${i}`,
          visibility: "internal",
          authorRole: "agent",
          authorId: "a",
          text: "x",
        },
      };
    case "moved":
      return {
        ...e,
        type: "ticket.moved",
        data: {
          ticketNumber,
          fromDepartment: "d",
          toDepartment: "e",
          movedBy: "a",
          reason: "r",
          dueAt: iso(s + step.dueAfter),
        },
      };
    case "stopped":
      return { ...e, type: "ticket.closed", data: { ticketNumber, closedBy: "agent", reason: "cancelled" } };
  }
}

/** The reference: every open ticket judged at every evaluation, as the code did before. */
class Naive {
  readonly open = new Map<string, { windowStartAt: number; dueAt: number; lastProgressAt?: number }>();
  apply(e: StarboardEvent, ms: number): void {
    if (e.type === "ticket.created" || e.type === "ticket.reopened")
      this.open.set(e.data.ticketNumber, { windowStartAt: ms, dueAt: Date.parse(e.data.dueAt) });
    else if (e.type === "ticket.commented" || e.type === "ticket.moved") {
      const t = this.open.get(e.data.ticketNumber);
      if (t === undefined) return;
      t.lastProgressAt = ms;
      if (e.type === "ticket.moved" && e.data.dueAt !== undefined) t.dueAt = Date.parse(e.data.dueAt);
    } else if (e.type === "ticket.closed") this.open.delete(e.data.ticketNumber);
  }
  states(now: number): Map<string, TicketSlaState> {
    const out = new Map<string, TicketSlaState>();
    for (const [n, t] of this.open) {
      if (t.dueAt <= t.windowStartAt) continue;
      const { state } = ticketSlaStatus({ ...t, now });
      if (state !== "ok") out.set(n, state);
    }
    return out;
  }
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("created" as const, "reopened" as const),
    ticket: fc.integer({ min: 0, max: 5 }),
    dueAfter: fc.integer({ min: -5, max: 400 }),
  }),
  fc.record({ kind: fc.constant("progress" as const), ticket: fc.integer({ min: 0, max: 5 }) }),
  fc.record({
    kind: fc.constant("moved" as const),
    ticket: fc.integer({ min: 0, max: 5 }),
    dueAfter: fc.integer({ min: -5, max: 400 }),
  }),
  fc.record({ kind: fc.constant("stopped" as const), ticket: fc.integer({ min: 0, max: 5 }) }),
  fc.constant({ kind: "evaluate" as const }),
);

describe("TicketClocks", () => {
  it("reports the same overdue tickets as judging every open ticket at every evaluation", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 120 })), { maxLength: 80 }), (steps) => {
        const clocks = new TicketClocks();
        const naive = new Naive();
        const shown = new Map<string, TicketSlaState>();
        let s = 0;
        steps.forEach(([st, gap], i) => {
          s += gap;
          const ms = T0 + s * 1000;
          if (st.kind === "evaluate") {
            for (const c of clocks.changes(ms)) {
              expect(shown.get(c.ticketNumber) ?? "ok").toBe(c.from);
              if (c.to === "ok") shown.delete(c.ticketNumber);
              else shown.set(c.ticketNumber, c.to);
            }
            expect(shown).toEqual(naive.states(ms));
            return;
          }
          const e = event(st, s, i);
          clocks.apply(e, ms);
          naive.apply(e, ms);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("judges none of 10,000 open tickets when no time of theirs has come, and keeps no schedule for stopped ones", () => {
    const clocks = new TicketClocks();
    for (let i = 0; i < 10_000; i++)
      clocks.apply(event({ kind: "created", ticket: i, dueAfter: 3_600 }, 0, i), T0);
    expect(clocks.changes(T0)).toEqual([]);
    expect(clocks.judged).toBe(10_000);
    // Every simulated second until the reminders: nothing to judge.
    for (let s = 1; s < 1_800; s += 1) expect(clocks.changes(T0 + s * 1000)).toEqual([]);
    expect(clocks.judged).toBe(0);
    expect(clocks.changes(T0 + 1_800_000)).toHaveLength(10_000);
    expect(clocks.judged).toBe(10_000);
    for (let i = 0; i < 10_000; i++)
      clocks.apply(event({ kind: "stopped", ticket: i }, 1_900, i), T0 + 1_900_000);
    expect(clocks.changes(T0 + 1_900_000).every((c) => c.from === "reminder" && c.to === "ok")).toBe(true);
    expect(clocks.size).toBe(0);
    // The due times still scheduled fire once, find nothing open, and leave nothing behind.
    expect(clocks.changes(T0 + 3_600_000)).toEqual([]);
    expect(clocks.scheduled).toBe(0);
  });
});
