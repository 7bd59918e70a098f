import type { SimAgent, SimulatorProfile } from "./profile";

/** Local shift start hours, cycled over the agents: day shifts, a late one and a night one. */
const shiftStarts = [8, 9, 10, 12, 14, 15, 0, 9, 10, 16];
export const SHIFT_HOURS = 9;

/** Breaks as minutes after the shift start, with the not-ready reason the desktop reports. */
export const breaks: readonly { afterMinutes: number; minutes: number; reason: string }[] = [
  { afterMinutes: 120, minutes: 15, reason: "break" },
  { afterMinutes: 240, minutes: 45, reason: "meal" },
  { afterMinutes: 330, minutes: 30, reason: "training" },
  { afterMinutes: 420, minutes: 15, reason: "break" },
];

export function shiftStartHour(index: number): number {
  return shiftStarts[index % shiftStarts.length] ?? 9;
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
  return !breaks.some((b) => into >= b.afterMinutes && into < b.afterMinutes + b.minutes);
}

export function canServe(agent: SimAgent, skill: string, minLevel: number): boolean {
  return agent.skills.some((s) => s.skill === skill && s.level >= minLevel);
}
