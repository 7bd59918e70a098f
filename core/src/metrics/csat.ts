// Customer satisfaction from post-contact surveys on a 1..5 scale. Reports store the tally (three
// sums that add across intervals and queues), never the ratio, which does not.

export interface CsatTally {
  responses: number;
  /** Scores of 4 or 5. */
  satisfied: number;
  scoreSum: number;
}

export interface CsatSummary {
  /** Share of responses scoring >= 4 (Chatwoot's CSAT: (count of 4s + 5s) / responses). */
  satisfaction: number | null;
  mean: number | null;
  responses: number;
}

export const SATISFIED_SCORE = 4;

/**
 * Tallies survey scores. A score outside 1..5 (or not a whole number) throws a RangeError naming it:
 * a 0 or a 10 from a misconfigured survey must not be averaged into a plausible-looking mean.
 */
export function csatTally(scores: Iterable<number>): CsatTally {
  const tally: CsatTally = { responses: 0, satisfied: 0, scoreSum: 0 };
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new RangeError(`CSAT score must be a whole number from 1 to 5, got ${score}`);
    }
    tally.responses += 1;
    tally.scoreSum += score;
    if (score >= SATISFIED_SCORE) tally.satisfied += 1;
  }
  return tally;
}

export function addCsatTallies(a: CsatTally, b: CsatTally): CsatTally {
  return {
    responses: a.responses + b.responses,
    satisfied: a.satisfied + b.satisfied,
    scoreSum: a.scoreSum + b.scoreSum,
  };
}

export function csatSummary(tally: CsatTally): CsatSummary {
  const { responses } = tally;
  return {
    satisfaction: responses > 0 ? tally.satisfied / responses : null,
    mean: responses > 0 ? tally.scoreSum / responses : null,
    responses,
  };
}

/** Share satisfied (>= 4), mean score and response count of a list of scores. */
export function csat(scores: Iterable<number>): CsatSummary {
  return csatSummary(csatTally(scores));
}
