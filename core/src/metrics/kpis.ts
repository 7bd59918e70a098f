// The everyday queue and agent ratios. Each returns null when its denominator is empty, so an idle
// queue shows "—" rather than 0 s or NaN.

import type { QueueCounts } from "./counts";
import { count, nonNegative } from "./guards";
import { ratio } from "./ratio";

/** Average speed of answer, seconds: total queue wait of handled contacts / handled. */
export function asa(c: QueueCounts): number | null {
  return ratio(c.answeredWaitSecondsSum, c.handled);
}

/** Average handle time, seconds: (talk + hold + wrap-up) / handled. */
export function aht(c: QueueCounts): number | null {
  return ratio(c.handleSecondsSum, c.handled);
}

/**
 * Abandoned (not short) / (offered − short abandons): a misdial that hangs up in 2 s is neither an
 * offered contact nor a lost one. Flow-outs and contacts still waiting stay in the denominator.
 */
export function abandonRate(c: QueueCounts): number | null {
  return ratio(c.abandoned - c.shortAbandoned, c.offered - c.shortAbandoned);
}

export interface AgentTime {
  /** On contacts: talk, hold and wrap-up. */
  handlingSeconds: number;
  /** Available and waiting for a contact. Not-ready time (break, training) is in neither term. */
  availableIdleSeconds: number;
}

/**
 * Occupancy: handling / (handling + available idle), for one agent or a team. A team's occupancy is
 * the ratio of the summed times, not the mean of its agents' ratios: an agent signed in for ten
 * minutes must not weigh as much as one signed in all day.
 */
export function occupancy(time: AgentTime | readonly AgentTime[]): number | null {
  let handling = 0;
  let idle = 0;
  const times = "handlingSeconds" in time ? [time] : time;
  for (const t of times) {
    handling += nonNegative("handlingSeconds", t.handlingSeconds);
    idle += nonNegative("availableIdleSeconds", t.availableIdleSeconds);
  }
  return ratio(handling, handling + idle);
}

/**
 * Resolved / closed, for contacts or tickets; first-contact resolution when `resolved` counts those
 * the source marks resolved on first contact. Throws when resolved exceeds closed: that is a
 * counting bug upstream, and a rate above 100 % would hide it.
 */
export function resolutionRate(counts: { resolved: number; closed: number }): number | null {
  const resolved = count("resolved", counts.resolved);
  const closed = count("closed", counts.closed);
  if (resolved > closed) throw new RangeError(`resolved (${resolved}) exceeds closed (${closed})`);
  return ratio(resolved, closed);
}
