// Ticket SLA clocks for the reminder (50 % of the window without progress) and breach (100 %)
// alerts. The state is recomputed from times by ticketSlaStatus, never stored as a flag.

import type { StarboardEvent } from "../events/index";
import { type TicketSlaState, ticketSlaStatus } from "../metrics/index";

interface TicketClock {
  ticketNumber: string;
  windowStartAt: number;
  dueAt: number;
  lastProgressAt: number | undefined;
}

export class TicketClocks {
  private readonly open = new Map<string, TicketClock>();

  get size(): number {
    return this.open.size;
  }

  apply(e: StarboardEvent, ms: number): void {
    switch (e.type) {
      case "ticket.created":
        this.open.set(e.data.ticketNumber, {
          ticketNumber: e.data.ticketNumber,
          windowStartAt: ms,
          dueAt: Date.parse(e.data.dueAt),
          lastProgressAt: undefined,
        });
        return;
      case "ticket.reopened":
        this.open.set(e.data.ticketNumber, {
          ticketNumber: e.data.ticketNumber,
          windowStartAt: ms,
          dueAt: Date.parse(e.data.dueAt),
          lastProgressAt: undefined,
        });
        return;
      case "ticket.assigned":
      case "ticket.commented":
      case "ticket.moved": {
        const t = this.open.get(e.data.ticketNumber);
        if (t === undefined) return;
        t.lastProgressAt = ms;
        if (e.type === "ticket.moved" && e.data.dueAt !== undefined) t.dueAt = Date.parse(e.data.dueAt);
        return;
      }
      case "ticket.resolved":
      case "ticket.closed":
        this.open.delete(e.data.ticketNumber);
        return;
      default:
        return;
    }
  }

  /** Every open ticket that is not ok now (reminder or breached), with its window. */
  overdue(
    now: number,
  ): { ticketNumber: string; state: TicketSlaState; dueAt: number; windowStartAt: number }[] {
    const out: { ticketNumber: string; state: TicketSlaState; dueAt: number; windowStartAt: number }[] = [];
    for (const t of this.open.values()) {
      if (t.dueAt <= t.windowStartAt) continue;
      // Evaluated every simulated second over every open ticket: a literal, not a spread (a spread
      // with more properties costs ~7 µs per object on Node 20).
      const { state } = ticketSlaStatus({
        windowStartAt: t.windowStartAt,
        dueAt: t.dueAt,
        now,
        lastProgressAt: t.lastProgressAt,
      });
      if (state !== "ok")
        out.push({ ticketNumber: t.ticketNumber, state, dueAt: t.dueAt, windowStartAt: t.windowStartAt });
    }
    return out;
  }
}
