// Ticket SLA (工单时效): a due time per priority; a reminder at 50 % of the window when nobody has
// made progress, a breach at 100 %. The state is a pure function of times, recomputed whenever asked,
// so it cannot get stuck the way stored escalation flags do (Zammad #2579, #3523). Times are epoch
// milliseconds of wall-clock time; business-hours calendars are not applied here.

export type TicketSlaState = "ok" | "reminder" | "breached";

export interface TicketSlaStatus {
  state: TicketSlaState;
  /** When the reminder falls due (if no progress by then): a scheduler can set its timer on it. */
  reminderAt: number;
  /** The due time: breached from this instant on. */
  breachAt: number;
}

export interface TicketSlaInput {
  /** Start of the window: creation, or the latest reopen (a reopen restarts the window). */
  windowStartAt: number;
  /** Due time for the ticket's priority (see ticketDueAt); a move may set a new one. */
  dueAt: number;
  now: number;
  /**
   * Latest progress: assigned, moved, commented or resolved — any ticket event but created/closed.
   * Progress before windowStartAt (before a reopen) does not count for the new window.
   */
  lastProgressAt?: number;
  /** Resolved or closed: the clock stops here; a late stop stays breached, an early one is ok. */
  stoppedAt?: number;
  /** Share of the window after which a ticket without progress gets a reminder. Default 0.5. */
  reminderFraction?: number;
}

/** Due time for a priority: window start + that priority's window. Throws for an unknown priority. */
export function ticketDueAt<P extends string>(
  priority: P,
  windowStartAt: number,
  windowSecondsByPriority: Readonly<Record<P, number>>,
): number {
  const seconds: number | undefined = windowSecondsByPriority[priority];
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`no SLA window (seconds > 0) for priority "${priority}": got ${seconds}`);
  }
  if (!Number.isFinite(windowStartAt)) throw new RangeError(`windowStartAt is not a time: ${windowStartAt}`);
  return windowStartAt + seconds * 1000;
}

export function ticketSlaStatus(input: TicketSlaInput): TicketSlaStatus {
  const { windowStartAt, dueAt, now, lastProgressAt, stoppedAt, reminderFraction = 0.5 } = input;
  // Checked without building a list: live state calls this for every open ticket each second.
  if (!Number.isFinite(windowStartAt)) throw new RangeError(`windowStartAt is not a time: ${windowStartAt}`);
  if (!Number.isFinite(dueAt)) throw new RangeError(`dueAt is not a time: ${dueAt}`);
  if (!Number.isFinite(now)) throw new RangeError(`now is not a time: ${now}`);
  if (dueAt <= windowStartAt) {
    throw new RangeError(`dueAt (${dueAt}) must be after the window start (${windowStartAt})`);
  }
  if (!(reminderFraction > 0 && reminderFraction < 1)) {
    throw new RangeError(`reminderFraction must be between 0 and 1, got ${reminderFraction}`);
  }
  const reminderAt = windowStartAt + (dueAt - windowStartAt) * reminderFraction;
  // A stopped ticket needs no reminder: it is judged once, at its stop time.
  if (stoppedAt !== undefined && stoppedAt <= now) {
    return { state: stoppedAt >= dueAt ? "breached" : "ok", reminderAt, breachAt: dueAt };
  }
  const progressed = lastProgressAt !== undefined && lastProgressAt >= windowStartAt && lastProgressAt <= now;
  const state: TicketSlaState =
    now >= dueAt ? "breached" : now >= reminderAt && !progressed ? "reminder" : "ok";
  return { state, reminderAt, breachAt: dueAt };
}
