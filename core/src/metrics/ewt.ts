// Estimated wait time for a queued contact (announced to callers, shown on the wallboard), and how
// far the estimates were from the waits that followed.

import { count, nonNegative, positive } from "./guards";

export interface EwtInput {
  /** The contact's place in line among contacts these agents serve, 1-based. */
  position: number;
  /** Eligible agents signed in to this work, busy or available (for chat: free-able slots). */
  staffedAgents: number;
  /** Of those, idle and ready right now. */
  availableAgents: number;
  /** Recent average handle time, e.g. a RollingMean of finished contacts' handle seconds. */
  ahtSeconds: number;
}

/**
 * Expected seconds until this contact reaches an agent, or null when no eligible agent is staffed
 * (no honest number exists; announce nothing rather than position × AHT).
 *
 * Model. Each contact takes AHT seconds. An agent busy now frees after a residual time spread evenly
 * over [0, AHT), so among b busy agents the j-th to free does so after j·AHT/(b+1) on average (the
 * expected j-th order statistic of b uniform draws); an agent available now takes one of the first
 * `available` contacts and frees a full AHT later. Contacts at positions 1..available start at once
 * (EWT 0). The rest are served in turn as agents free: this one is the k-th to need a freed agent,
 * k = position − available; every agent frees once per AHT, so it is served in round r = ceil(k/N)
 * by the j-th freeing agent of that round, j = k − (r−1)·N:
 *
 *     EWT = (r − 1)·AHT + (j <= b ? j·AHT/(b + 1) : AHT)
 *
 * For a long queue this tends to position·AHT/N, the textbook estimate; near the head it accounts
 * for the calls in progress (the next caller behind b busy agents waits AHT/(b+1) on average, and
 * one behind agents who just picked up waits a full AHT). It assumes first-come order from here
 * on: a VIP who arrives later and jumps ahead, or a caller ahead who hangs up, moves the true wait,
 * which is why the estimate is recomputed as the position changes (Connect users ask for exactly
 * an EWT that updates while waiting). Its quality is measured with ewtAccuracy.
 */
export function estimatedWaitSeconds(input: EwtInput): number | null {
  const position = count("position", input.position);
  const staffed = count("staffedAgents", input.staffedAgents);
  const available = count("availableAgents", input.availableAgents);
  const aht = positive("ahtSeconds", input.ahtSeconds);
  if (position < 1) throw new RangeError(`position is 1-based, got ${position}`);
  if (available > staffed) {
    throw new RangeError(`availableAgents (${available}) exceeds staffedAgents (${staffed})`);
  }
  if (staffed === 0) return null;
  if (position <= available) return 0;
  const busy = staffed - available;
  const k = position - available;
  const round = Math.ceil(k / staffed);
  const j = k - (round - 1) * staffed;
  return (round - 1) * aht + (j <= busy ? (j * aht) / (busy + 1) : aht);
}

/** Signed error of one estimate, seconds: positive when the wait was shorter than announced. */
export function ewtError(predictedSeconds: number, actualSeconds: number): number {
  return nonNegative("predictedSeconds", predictedSeconds) - nonNegative("actualSeconds", actualSeconds);
}

export interface EwtAccuracy {
  samples: number;
  /** Mean |predicted − actual|, seconds: how far off an announcement typically is. */
  meanAbsoluteError: number | null;
  /** Mean (predicted − actual), seconds: > 0 over-announces (callers pleasantly surprised), < 0 under. */
  meanError: number | null;
}

/** Accuracy of announced estimates against the waits that followed (contact.queued's estimate vs the wait). */
export function ewtAccuracy(
  samples: Iterable<{ predictedSeconds: number; actualSeconds: number }>,
): EwtAccuracy {
  let n = 0;
  let absolute = 0;
  let signed = 0;
  for (const s of samples) {
    const error = ewtError(s.predictedSeconds, s.actualSeconds);
    n += 1;
    absolute += Math.abs(error);
    signed += error;
  }
  return {
    samples: n,
    meanAbsoluteError: n > 0 ? absolute / n : null,
    meanError: n > 0 ? signed / n : null,
  };
}
