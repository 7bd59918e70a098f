import type { SimAgent, SimulatorProfile } from "./profile";

/** Local shift start hours, cycled over the agents: day shifts, a late one and a night one. */
const shiftStarts = [8, 9, 10, 12, 14, 15, 0, 9, 10, 16];
export const SHIFT_HOURS = 9;

export interface ShiftBreak {
  afterMinutes: number;
  minutes: number;
  reason: string;
}

/** Breaks as minutes after the shift start, with the not-ready reason the desktop reports. */
const breaks: readonly ShiftBreak[] = [
  { afterMinutes: 120, minutes: 15, reason: "break" },
  { afterMinutes: 240, minutes: 45, reason: "meal" },
  { afterMinutes: 330, minutes: 30, reason: "training" },
  { afterMinutes: 420, minutes: 15, reason: "break" },
];

export function shiftStartHour(index: number): number {
  return shiftStarts[index % shiftStarts.length] ?? 9;
}

/**
 * Agents who start at the same hour take their breaks in three staggered groups, the way a
 * scheduler keeps a queue staffed (a night team of three used to leave the centre empty from
 * 02:00 to 02:15). The second group goes 45 minutes after the first, so a team of two never
 * overlaps: its meal starts as the first's ends and ends as the first's training starts. The
 * third goes in between, always while one of the others is back.
 * The last break still ends well inside the shift.
 */
const staggered: readonly (readonly ShiftBreak[])[] = [0, 45, 25].map((stagger) =>
  breaks.map((b) => ({ ...b, afterMinutes: b.afterMinutes + stagger })),
);

export function breaksOf(index: number): readonly ShiftBreak[] {
  return staggered[Math.floor(index / shiftStarts.length) % staggered.length] ?? breaks;
}

/** Minutes since the agent's shift started at `ms`, or undefined when off shift. */
export function minutesIntoShift(profile: SimulatorProfile, index: number, ms: number): number | undefined {
  const localMinutes = Math.floor((ms + profile.utcOffsetMinutes * 60_000) / 60_000) % 1_440;
  const into = (localMinutes - shiftStartHour(index) * 60 + 1_440) % 1_440;
  return into < SHIFT_HOURS * 60 ? into : undefined;
}

/** Whether the agent is on shift and not on a break at `ms`. */
export function available(profile: SimulatorProfile, index: number, ms: number): boolean {
  const into = minutesIntoShift(profile, index, ms);
  if (into === undefined) return false;
  return !breaksOf(index).some((b) => into >= b.afterMinutes && into < b.afterMinutes + b.minutes);
}

export function canServe(agent: SimAgent, skill: string, minLevel: number): boolean {
  return agent.skills.some((s) => s.skill === skill && s.level >= minLevel);
}
