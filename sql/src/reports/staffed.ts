import type { Warehouse } from "../client";
import { num, rangeParams, runNamedQuery, type TimeRange, timeParam } from "./named-query";

// Staffed agents per 15-minute interval from the agent state history (sql/queries/staffed_intervals.sql):
// the average number of agents on queue (ready, which includes handling) over the interval, i.e.
// ready agent-seconds / the interval's seconds. That is Erlang C's N, the figure "agents needed"
// is compared with. For the interval that holds "now", only its elapsed part counts.

export const staffedIntervalSeconds = 900;

export interface StaffedQuery extends TimeRange {
  /** The end of history: intervals stop here when the range reaches into the future. Default now. */
  now?: Date;
}

export interface SkillLevel {
  skill: string;
  level: number;
}

/** Ready agent-seconds of the agents who share one skill profile, in one interval. */
export interface StaffedSlice {
  /** ISO time, UTC, on a 15-minute boundary. */
  intervalStart: string;
  /** The agents' newest skills (see the query's note on re-labelling). */
  skills: SkillLevel[];
  agentSeconds: number;
  /** Agents of this profile ready at some moment of the interval. */
  agentsSeen: number;
}

export interface StaffedInterval {
  intervalStart: string;
  /** Seconds of the interval inside [from, min(to, now)): 900, less at the range's ends. */
  seconds: number;
  agentSeconds: number;
  /** agentSeconds / seconds. */
  agents: number;
}

interface Row {
  interval_start: number;
  skill_names: string[];
  skill_levels: number[];
  agents_seen: number;
  agent_seconds: number;
}

function until(query: StaffedQuery): Date {
  const now = query.now ?? new Date();
  return new Date(Math.min(now.getTime(), query.to.getTime()));
}

export async function staffedSlices(warehouse: Warehouse, query: StaffedQuery): Promise<StaffedSlice[]> {
  const end = until(query);
  if (end <= query.from) return [];
  const rows = await runNamedQuery<Row>(warehouse, "staffed_intervals", {
    ...rangeParams(query),
    until: timeParam(end),
  });
  return rows.map((r) => ({
    intervalStart: new Date(num(r.interval_start) * 1000).toISOString(),
    skills: r.skill_names.map((skill, i) => ({ skill, level: num(r.skill_levels[i] ?? 0) })),
    agentSeconds: num(r.agent_seconds),
    agentsSeen: num(r.agents_seen),
  }));
}

/**
 * Every 15-minute interval of [from, min(to, now)), with the agent-seconds of the slices `admit`
 * accepts (default: every agent). Intervals without a ready agent are there with 0, so a chart
 * shows a gap in staffing as 0 rather than as missing.
 */
export function staffedIntervals(
  slices: readonly StaffedSlice[],
  query: StaffedQuery,
  admit: (skills: readonly SkillLevel[]) => boolean = () => true,
): StaffedInterval[] {
  const end = until(query).getTime();
  const from = query.from.getTime();
  const step = staffedIntervalSeconds * 1000;
  const seconds = new Map<string, number>();
  for (const s of slices) {
    if (!admit(s.skills)) continue;
    seconds.set(s.intervalStart, (seconds.get(s.intervalStart) ?? 0) + s.agentSeconds);
  }
  const out: StaffedInterval[] = [];
  for (let start = Math.floor(from / step) * step; start < end; start += step) {
    const intervalStart = new Date(start).toISOString();
    const covered = (Math.min(start + step, end) - Math.max(start, from)) / 1000;
    const agentSeconds = seconds.get(intervalStart) ?? 0;
    out.push({ intervalStart, seconds: covered, agentSeconds, agents: agentSeconds / covered });
  }
  return out;
}

/** The queue's rule for who may serve it (core's live state uses the same): every skill at its level. */
export function servesQueue(
  requirements: readonly { skill: string; minLevel: number }[],
): (skills: readonly SkillLevel[]) => boolean {
  return (skills) =>
    requirements.every((r) => (skills.find((s) => s.skill === r.skill)?.level ?? 0) >= r.minLevel);
}
