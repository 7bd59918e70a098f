import type { SimulatorProfile } from "./profile";
import type { Rng } from "./rng";

const HOUR_MS = 3_600_000;

/** Local hour (0..23) and weekday (0 = Sunday) of an instant in the center's time zone. */
export function localTime(profile: SimulatorProfile, ms: number): { hour: number; weekday: number } {
  const local = new Date(ms + profile.utcOffsetMinutes * 60_000);
  return { hour: local.getUTCHours(), weekday: local.getUTCDay() };
}

/** Expected contacts per hour at `ms`: daily volume x weekday factor x the hour's share of a day. */
export function arrivalsPerHour(profile: SimulatorProfile, ms: number): number {
  const { hour, weekday } = localTime(profile, ms);
  const hourSum = profile.hourly.reduce((a, b) => a + b, 0);
  const weekdayMean = profile.weekday.reduce((a, b) => a + b, 0) / profile.weekday.length;
  const hourShare = (profile.hourly[hour] ?? 0) / hourSum;
  const dayFactor = (profile.weekday[weekday] ?? 1) / weekdayMean;
  return profile.dailyContacts * dayFactor * hourShare;
}

/**
 * Arrival instants in [fromMs, toMs): a Poisson process whose rate is constant within each clock
 * hour (the curve's resolution). Deterministic for the rng's state.
 */
export function arrivalsBetween(profile: SimulatorProfile, fromMs: number, toMs: number, rng: Rng): number[] {
  const out: number[] = [];
  let t = fromMs;
  while (t < toMs) {
    const hourEnd = Math.min(toMs, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS);
    const rate = arrivalsPerHour(profile, t) / HOUR_MS;
    if (rate <= 0) {
      t = hourEnd;
      continue;
    }
    let next = t + rng.exponential(1 / rate);
    while (next < hourEnd) {
      out.push(Math.floor(next));
      next += rng.exponential(1 / rate);
    }
    t = hourEnd;
  }
  return out;
}
