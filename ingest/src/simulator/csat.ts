import type { Rng } from "./rng";

export type PlannedOutcome = "handled" | "abandoned" | "self-service";

/** Share of customers who answer the survey, by outcome: angry and delighted people answer more. */
export const surveyResponse: Record<PlannedOutcome, number> = {
  handled: 0.35,
  abandoned: 0.15,
  "self-service": 0.2,
};

/**
 * A 1..5 score: a resolved contact starts high, an unresolved or abandoned one low, and every
 * minute waited costs about half a point (capped), plus the noise of real answers.
 */
export function csatScore(
  rng: Rng,
  c: { waitSeconds: number; outcome: PlannedOutcome; resolved: boolean },
): number {
  const base = c.outcome === "abandoned" ? 1.8 : c.resolved ? 4.6 : 3.0;
  const waitPenalty = Math.min(2.5, (c.waitSeconds / 60) * 0.5);
  const noise = (rng.float() + rng.float() - 1) * 1.2;
  return Math.max(1, Math.min(5, Math.round(base - waitPenalty + noise)));
}
