// Ticket SLA clocks for the reminder (50 % of the window without progress) and breach (100 %)
// alerts. The state is recomputed from times by ticketSlaStatus, never stored as a flag.
//
// Alerts are evaluated every simulated second, and a busy center has tens of thousands of open
// tickets: re-judging every one each time grew the cost with the backlog (at 50x speed, 20k tickets
// were 1M judgements a wall second). A ticket's state can only change when one of its events
// arrives or when the clock passes one of its own times (reminder, due, last progress), so only
// those tickets are judged again: a heap of those times, and the set touched by events.

import type { StarboardEvent } from "../events/index";
import { type TicketSlaState, ticketSlaStatus } from "../metrics/index";

interface TicketClock {
  ticketNumber: string;
  windowStartAt: number;
  dueAt: number;
  lastProgressAt: number | undefined;
  /** The state last returned by changes() (what the alerts show). */
  reported: TicketSlaState;
}

/** A ticket whose state differs from what changes() last said; `to` is "ok" for a stopped ticket. */
export interface TicketChange {
  ticketNumber: string;
  from: TicketSlaState;
  to: TicketSlaState;
  dueAt: number;
  windowStartAt: number;
}

/** When a ticket must be judged again; a stale one (the ticket moved on) costs one idle judgement. */
interface Due {
  at: number;
  ticketNumber: string;
}

export class TicketClocks {
  private readonly open = new Map<string, TicketClock>();
  /** Touched by an event since the last changes(). */
  private readonly dirty = new Set<string>();
  /** Resolved or closed since the last changes() while an alert was up for them. */
  private readonly stopped = new Map<string, TicketSlaState>();
  private readonly due: Due[] = [];
  private lastNow = Number.NEGATIVE_INFINITY;
  /** Tickets judged by the last changes() call (the work done, for tests). */
  judged = 0;

  get size(): number {
    return this.open.size;
  }

  /** Scheduled re-judgements, for tests that check it stays bounded by the open tickets. */
  get scheduled(): number {
    return this.due.length;
  }

  apply(e: StarboardEvent, ms: number): void {
    switch (e.type) {
      case "ticket.created":
      case "ticket.reopened": {
        const n = e.data.ticketNumber;
        const prior = this.open.get(n);
        const clock: TicketClock = {
          ticketNumber: n,
          windowStartAt: ms,
          dueAt: Date.parse(e.data.dueAt),
          lastProgressAt: undefined,
          reported: prior?.reported ?? this.stopped.get(n) ?? "ok",
        };
        this.stopped.delete(n);
        this.open.set(n, clock);
        this.dirty.add(n);
        this.schedule(clock);
        return;
      }
      case "ticket.assigned":
      case "ticket.commented":
      case "ticket.moved": {
        const t = this.open.get(e.data.ticketNumber);
        if (t === undefined) return;
        t.lastProgressAt = ms;
        this.dirty.add(t.ticketNumber);
        // Progress in the future of the last evaluation changes the state when that time comes.
        this.push(ms, t);
        if (e.type === "ticket.moved" && e.data.dueAt !== undefined) {
          t.dueAt = Date.parse(e.data.dueAt);
          this.schedule(t);
        }
        return;
      }
      case "ticket.resolved":
      case "ticket.closed": {
        const n = e.data.ticketNumber;
        const t = this.open.get(n);
        if (t === undefined) return;
        this.open.delete(n);
        this.dirty.delete(n);
        if (t.reported !== "ok") this.stopped.set(n, t.reported);
        return;
      }
      default:
        return;
    }
  }

  /** Every ticket whose state changed since the last call, judged at `now`. */
  changes(now: number): TicketChange[] {
    const out: TicketChange[] = [];
    for (const [ticketNumber, from] of this.stopped)
      out.push({ ticketNumber, from, to: "ok", dueAt: 0, windowStartAt: 0 });
    this.stopped.clear();
    // Time going back (an explicit evaluate in the past) invalidates what the heap skipped: judge all.
    if (now < this.lastNow) for (const n of this.open.keys()) this.dirty.add(n);
    this.lastNow = now;
    for (let top = this.due[0]; top !== undefined && top.at <= now; top = this.due[0]) {
      this.pop();
      if (this.open.has(top.ticketNumber)) this.dirty.add(top.ticketNumber);
    }
    this.judged = 0;
    for (const n of this.dirty) {
      const t = this.open.get(n);
      if (t === undefined) continue;
      this.judged += 1;
      const to = stateAt(t, now);
      if (to === t.reported) continue;
      out.push({ ticketNumber: n, from: t.reported, to, dueAt: t.dueAt, windowStartAt: t.windowStartAt });
      t.reported = to;
    }
    this.dirty.clear();
    return out;
  }

  /** Judge the ticket again when its reminder and its due time come. */
  private schedule(t: TicketClock): void {
    if (t.dueAt <= t.windowStartAt) return;
    const { reminderAt, breachAt } = ticketSlaStatus({
      windowStartAt: t.windowStartAt,
      dueAt: t.dueAt,
      now: t.windowStartAt,
      lastProgressAt: t.lastProgressAt,
    });
    this.push(reminderAt, t);
    this.push(breachAt, t);
  }

  private push(at: number, t: TicketClock): void {
    if (at <= this.lastNow) return; // judged at the next evaluation anyway (dirty)
    const heap = this.due;
    heap.push({ at, ticketNumber: t.ticketNumber });
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      const a = heap[i] as Due;
      const b = heap[up] as Due;
      if (b.at <= a.at) break;
      heap[i] = b;
      heap[up] = a;
      i = up;
    }
  }

  private pop(): void {
    const heap = this.due;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && (heap[l] as Due).at < (heap[m] as Due).at) m = l;
      if (r < heap.length && (heap[r] as Due).at < (heap[m] as Due).at) m = r;
      if (m === i) return;
      const x = heap[i] as Due;
      heap[i] = heap[m] as Due;
      heap[m] = x;
      i = m;
    }
  }
}

function stateAt(t: TicketClock, now: number): TicketSlaState {
  if (t.dueAt <= t.windowStartAt) return "ok";
  return ticketSlaStatus({
    windowStartAt: t.windowStartAt,
    dueAt: t.dueAt,
    now,
    lastProgressAt: t.lastProgressAt,
  }).state;
}
