// Erlang C (M/M/N): the chance a call waits, and what that means for service level and ASA, for N
// agents offered A erlangs. Computed through the Erlang B recurrence, never with factorials or
// powers: A^N/N! overflows a double near N = 171, while the recurrence only ever holds a
// probability in (0, 1], so it stays exact for tens of thousands of agents.
// Erlang C assumes nobody abandons, so it overstates the staff a real queue needs (Erlang A models
// patience); it is the industry's common yardstick, which is why `starboard staffing` uses it.

import { count, nonNegative, positive } from "./guards";

export interface OfferedLoad {
  /** N, whole agents. */
  agents: number;
  /** A = arrival rate × AHT, in erlangs. */
  trafficErlangs: number;
}

export interface QueueModel extends OfferedLoad {
  ahtSeconds: number;
  thresholdSeconds: number;
}

/** The queue at one staffing level. */
export interface Staffing {
  agents: number;
  trafficErlangs: number;
  /** False when N <= A: the queue grows without bound, every call waits. */
  stable: boolean;
  /** P(wait), Erlang C. 1 when unstable. */
  waitProbability: number;
  /** 1 − P(wait)·e^(−(N−A)·T/AHT). 0 when unstable. */
  serviceLevel: number;
  /** P(wait)·AHT/(N−A), seconds. Infinity when unstable (JSON prints it as null). */
  asa: number;
  /** A/N, at most 1. */
  occupancy: number;
}

/** A = calls per interval × AHT / interval length. */
export function trafficErlangs(load: {
  callsPerInterval: number;
  intervalSeconds: number;
  ahtSeconds: number;
}): number {
  return (
    (nonNegative("callsPerInterval", load.callsPerInterval) * positive("ahtSeconds", load.ahtSeconds)) /
    positive("intervalSeconds", load.intervalSeconds)
  );
}

/** Erlang B (blocking probability): B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)). O(N). */
export function erlangB(load: OfferedLoad): number {
  const { agents, trafficErlangs: a } = checkLoad(load);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (a * b) / (n + a * b);
  return b;
}

/** Erlang C: the probability that a call waits. 1 when N <= A (and A > 0). */
export function erlangC(load: OfferedLoad): number {
  return erlangCFromB(load.agents, load.trafficErlangs, erlangB(load));
}

/** Service level for threshold T: 1 − P(wait)·e^(−(N−A)·T/AHT). */
export function erlangServiceLevel(model: QueueModel): number {
  return staffingAt(model).serviceLevel;
}

/** Average speed of answer, seconds: P(wait)·AHT/(N−A). */
export function erlangAsa(model: Omit<QueueModel, "thresholdSeconds">): number {
  return staffingAt({ ...model, thresholdSeconds: 0 }).asa;
}

/** Agent occupancy A/N, capped at 1 (an unstable queue keeps every agent busy). */
export function erlangOccupancy(load: OfferedLoad): number {
  const { agents, trafficErlangs: a } = checkLoad(load);
  if (a === 0) return 0;
  return agents > a ? a / agents : 1;
}

/** Every Erlang C figure for one staffing level. */
export function staffingAt(model: QueueModel): Staffing {
  return staffingFromB(model, erlangB(model));
}

/**
 * The figures for N agents given B(N): shared with agentsNeeded, which walks the recurrence once and
 * must not recompute B from scratch for every candidate N.
 */
export function staffingFromB(model: QueueModel, b: number): Staffing {
  const { agents, trafficErlangs: a } = checkLoad(model);
  const aht = positive("ahtSeconds", model.ahtSeconds);
  const threshold = nonNegative("thresholdSeconds", model.thresholdSeconds);
  const base = { agents, trafficErlangs: a, occupancy: erlangOccupancy(model) };
  if (a === 0) return { ...base, stable: true, waitProbability: 0, serviceLevel: 1, asa: 0 };
  if (agents <= a) {
    return { ...base, stable: false, waitProbability: 1, serviceLevel: 0, asa: Number.POSITIVE_INFINITY };
  }
  const c = erlangCFromB(agents, a, b);
  const spare = agents - a;
  return {
    ...base,
    stable: true,
    waitProbability: c,
    serviceLevel: 1 - c * Math.exp((-spare * threshold) / aht),
    asa: (c * aht) / spare,
  };
}

/** C = N·B / (N − A·(1 − B)), valid for N > A; the denominator is then > 0. */
function erlangCFromB(agents: number, a: number, b: number): number {
  if (a === 0) return 0;
  if (agents <= a) return 1;
  return Math.min(1, (agents * b) / (agents - a * (1 - b)));
}

/** Beyond this the recurrence still works but a staffing question no longer makes sense. */
const MAX_TRAFFIC_ERLANGS = 10_000_000;

function checkLoad(load: OfferedLoad): OfferedLoad {
  const agents = count("agents", load.agents);
  const a = nonNegative("trafficErlangs", load.trafficErlangs);
  if (a > MAX_TRAFFIC_ERLANGS) {
    throw new RangeError(`trafficErlangs must be at most ${MAX_TRAFFIC_ERLANGS}, got ${a}`);
  }
  return { agents, trafficErlangs: a };
}
