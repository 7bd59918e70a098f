import { badInput } from "../errors";

// Report ranges arrive as ISO-8601 strings with an offset and an IANA time zone for the buckets.

const maxRangeDays = 400;
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseDateTime(value: unknown, argument: string): Date {
  if (typeof value !== "string" || !isoWithOffset.test(value))
    throw badInput(
      `${argument}: expected ISO-8601 with an offset (2026-11-30T09:00:00+08:00), got ${JSON.stringify(value)}`,
      argument,
    );
  const date = new Date(value);
  // Date would roll 2026-02-30 over to March 2: check the calendar day exists.
  const [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  if (Number.isNaN(date.getTime()) || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d)
    throw badInput(`${argument}: ${value} is not a real date`, argument);
  return date;
}

export interface Range {
  from: Date;
  to: Date;
}

export function parseRange(from: unknown, to: unknown): Range {
  const range = { from: parseDateTime(from, "from"), to: parseDateTime(to, "to") };
  if (range.to.getTime() <= range.from.getTime()) throw badInput("to: must be after from", "to");
  if (range.to.getTime() - range.from.getTime() > maxRangeDays * 86_400_000)
    throw badInput(`to: a range is at most ${maxRangeDays} days`, "to");
  return range;
}

export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone }).format(0);
    return timeZone;
  } catch {
    throw badInput(`timeZone: "${timeZone}" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`, "timeZone");
  }
}

/** Minutes east of UTC that `timeZone` has at `date`. */
export function offsetMinutes(timeZone: string, date: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** Local midnight (in `timeZone`) at or before `date`, as an instant. */
export function startOfLocalDay(date: Date, timeZone: string): Date {
  const offset = offsetMinutes(timeZone, date);
  const local = date.getTime() + offset * 60_000;
  const midnightLocal = Math.floor(local / 86_400_000) * 86_400_000;
  // The offset at midnight may differ (a DST change that day): correct once.
  const guess = midnightLocal - offset * 60_000;
  return new Date(midnightLocal - offsetMinutes(timeZone, new Date(guess)) * 60_000);
}

/** Day or ISO-week (Monday) buckets covering the range, on local boundaries of `timeZone`. */
export function dayBuckets(range: Range, timeZone: string, weeks: boolean): Range[] {
  const buckets: Range[] = [];
  let start = startOfLocalDay(range.from, timeZone);
  if (weeks) {
    const local = new Date(start.getTime() + offsetMinutes(timeZone, start) * 60_000);
    const back = (local.getUTCDay() + 6) % 7;
    start = startOfLocalDay(new Date(start.getTime() - back * 86_400_000 + 3_600_000 * 12), timeZone);
  }
  while (start < range.to) {
    const step = weeks ? 7 : 1;
    const next = startOfLocalDay(new Date(start.getTime() + step * 86_400_000 + 3_600_000 * 12), timeZone);
    buckets.push({ from: start, to: next });
    start = next;
  }
  return buckets;
}

/**
 * The report interval a 15-minute start falls in: itself for MINUTE_15, else the local hour, day or
 * week (Monday) of `timeZone` (every zone's offset is a multiple of 15 min, so 15-minute rows regroup exactly).
 */
export function intervalBucket(at: Date, interval: string, timeZone: string): string {
  if (interval === "MINUTE_15") return at.toISOString();
  const offset = offsetMinutes(timeZone, at) * 60_000;
  const size = interval === "HOUR" ? 3_600_000 : interval === "DAY" ? 86_400_000 : 7 * 86_400_000;
  const local = at.getTime() + offset;
  const weekShift = interval === "WEEK" ? 4 * 86_400_000 : 0; // epoch day 0 was a Thursday
  return new Date(Math.floor((local - weekShift) / size) * size + weekShift - offset).toISOString();
}
