// `starboard staffing`: the fewest agents that meet a service-level target under Erlang C.

import { type Staffing, staffingFromB, trafficErlangs } from "./erlang-c";
import { fraction, nonNegative, positive } from "./guards";

export interface StaffingRequest {
  callsPerInterval: number;
  intervalSeconds: number;
  ahtSeconds: number;
  /** e.g. 0.8 for 80 %; must be below 1 (Erlang C never promises that nobody waits). */
  targetServiceLevel: number;
  thresholdSeconds: number;
  /** Optional cap on A/N, e.g. 0.85, so a big queue is not staffed to burn-out occupancy. */
  maxOccupancy?: number;
}

/**
 * The smallest N > A with service level >= target (and A/N <= maxOccupancy when given).
 *
 * It walks N upward from 1 with the Erlang B recurrence and tests each N > A as it passes. Jumping
 * ahead (say to A + k·√A) would save nothing: B(N) can only be had by running the recurrence from 0
 * to N, so one evaluation at the answer already costs the whole walk, and the walk visits each N
 * once. Total work is O(answer) — about 10,000 cheap steps for 10,000 erlangs — and the result is
 * the smallest N by construction, without leaning on the service level being monotone in N.
 * The first candidate is floor(A) + 1, the smallest whole number above A (ceil(A) + 1 would skip
 * it when A is fractional).
 *
 * With no calls at all it answers 0 agents (service level 1, nobody waits).
 */
export function agentsNeeded(request: StaffingRequest): Staffing {
  const a = trafficErlangs(request);
  const ahtSeconds = positive("ahtSeconds", request.ahtSeconds);
  const thresholdSeconds = nonNegative("thresholdSeconds", request.thresholdSeconds);
  const target = fraction("targetServiceLevel", request.targetServiceLevel);
  if (target >= 1) throw new RangeError(`targetServiceLevel must be below 1, got ${target}`);
  const maxOccupancy = request.maxOccupancy ?? 1;
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
    throw new RangeError(`maxOccupancy must be in (0, 1], got ${request.maxOccupancy}`);
  }
  const model = { trafficErlangs: a, ahtSeconds, thresholdSeconds };
  if (a === 0) return staffingFromB({ ...model, agents: 0 }, 1);

  // Far past any answer: P(wait) is below 1e-300 by A + 50·√A, so the loop cannot reach this.
  const limit = Math.ceil(a + 50 * Math.sqrt(a) + 1000);
  let b = 1;
  for (let n = 1; n <= limit; n++) {
    b = (a * b) / (n + a * b);
    if (n <= a || a / n > maxOccupancy) continue;
    const staffing = staffingFromB({ ...model, agents: n }, b);
    if (staffing.serviceLevel >= target) return staffing;
  }
  throw new Error(`no staffing up to ${limit} agents meets ${target} for ${a} erlangs`);
}
