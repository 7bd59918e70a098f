import type { Warehouse } from "../client";
import { num, rangeParams, runNamedQuery, type TimeRange } from "./named-query";

// QA scorecards: rule hits per 100 contacts handled, per agent or per team (the teamId an agent
// signs in with; agents that never gave one form the "" group), by category and by day. A hit is a
// flag reviewers have not rejected: a false positive is the rule's fault, not the agent's, so it is
// counted apart and left out of the rate.

export type ScorecardGrouping = "agent" | "team";

export interface QaCategoryHits {
  category: string;
  flags: number;
  confirmed: number;
  falsePositives: number;
  /** flags − falsePositives. */
  hits: number;
  /** hits / handled × 100; null when the group handled nothing. */
  hitsPer100: number | null;
}

export interface QaScorecardDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  handled: number;
  hits: number;
  hitsPer100: number | null;
}

export interface QaScorecard {
  /** The agent id, or the team id ("" for agents without a team). */
  group: string;
  handled: number;
  flags: number;
  confirmed: number;
  falsePositives: number;
  hits: number;
  hitsPer100: number | null;
  /** By category, most hits first. */
  categories: QaCategoryHits[];
  /** Days with contacts handled or flags raised, in order. */
  daily: QaScorecardDay[];
}

interface HitRow {
  day: string;
  agent_id: string;
  team_id: string;
  category: string;
  flags: number;
  confirmed: number;
  false_positives: number;
}

interface HandledRow {
  day: string;
  agent_id: string;
  team_id: string;
  handled: number;
}

const per100 = (hits: number, handled: number) => (handled === 0 ? null : (hits * 100) / handled);

interface Tally {
  handled: number;
  flags: number;
  confirmed: number;
  falsePositives: number;
  categories: Map<string, { flags: number; confirmed: number; falsePositives: number }>;
  days: Map<string, { handled: number; hits: number }>;
}

function tallyOf(groups: Map<string, Tally>, key: string): Tally {
  let t = groups.get(key);
  if (t === undefined) {
    t = { handled: 0, flags: 0, confirmed: 0, falsePositives: 0, categories: new Map(), days: new Map() };
    groups.set(key, t);
  }
  return t;
}

function dayOf(t: Tally, day: string) {
  let d = t.days.get(day);
  if (d === undefined) {
    d = { handled: 0, hits: 0 };
    t.days.set(day, d);
  }
  return d;
}

/** Over whole UTC days [from, to): a partial first or last day counts as the whole day. */
export async function qaScorecards(
  warehouse: Warehouse,
  query: TimeRange & { groupBy: ScorecardGrouping },
): Promise<QaScorecard[]> {
  const params = rangeParams(query);
  const [hits, handled] = await Promise.all([
    runNamedQuery<HitRow>(warehouse, "qa_scorecard_hits", params),
    runNamedQuery<HandledRow>(warehouse, "qa_scorecard_handled", params),
  ]);
  const keyOf = (r: { agent_id: string; team_id: string }) =>
    query.groupBy === "agent" ? r.agent_id : r.team_id;
  const groups = new Map<string, Tally>();
  for (const r of handled) {
    const t = tallyOf(groups, keyOf(r));
    t.handled += num(r.handled);
    dayOf(t, r.day).handled += num(r.handled);
  }
  for (const r of hits) {
    const t = tallyOf(groups, keyOf(r));
    const flags = num(r.flags);
    const confirmed = num(r.confirmed);
    const falsePositives = num(r.false_positives);
    t.flags += flags;
    t.confirmed += confirmed;
    t.falsePositives += falsePositives;
    const c = t.categories.get(r.category) ?? { flags: 0, confirmed: 0, falsePositives: 0 };
    c.flags += flags;
    c.confirmed += confirmed;
    c.falsePositives += falsePositives;
    t.categories.set(r.category, c);
    dayOf(t, r.day).hits += flags - falsePositives;
  }
  return [...groups.entries()]
    .map(([group, t]) => {
      const hitCount = t.flags - t.falsePositives;
      return {
        group,
        handled: t.handled,
        flags: t.flags,
        confirmed: t.confirmed,
        falsePositives: t.falsePositives,
        hits: hitCount,
        hitsPer100: per100(hitCount, t.handled),
        categories: [...t.categories.entries()]
          .map(([category, c]) => ({
            category,
            ...c,
            hits: c.flags - c.falsePositives,
            hitsPer100: per100(c.flags - c.falsePositives, t.handled),
          }))
          .sort((a, b) => b.hits - a.hits || a.category.localeCompare(b.category)),
        daily: [...t.days.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([day, d]) => ({
            day,
            handled: d.handled,
            hits: d.hits,
            hitsPer100: per100(d.hits, d.handled),
          })),
      };
    })
    .sort((a, b) => a.group.localeCompare(b.group));
}
