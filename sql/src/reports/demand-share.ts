import type { Warehouse } from "../client";
import { num, rangeParams, ratio, runNamedQuery, type TimeRange } from "./named-query";

// Share of contacts per demand term (category, tracked keyword, IVR intent), over the range and day
// by day, with a trend: the least-squares slope of the daily share (share points per day), over the
// days that had contacts. "What share of contacts mention 物流慢, and is it growing?"

export type DemandTermKind = "category" | "keyword" | "intent";

export interface DemandShareDay {
  day: string;
  contacts: number;
  /** Of the day's contacts (contact.created and tickets); null on a day without contacts. */
  share: number | null;
}

export interface DemandShareTerm {
  kind: string;
  term: string;
  /** Distinct contacts over the range. */
  contacts: number;
  share: number | null;
  /** Slope of the daily share, per day (0.01 = one point of share more each day); null under two days. */
  trendPerDay: number | null;
  /** Every day of the range that had contacts, in order. */
  daily: DemandShareDay[];
}

export interface DemandShare {
  totalContacts: number;
  terms: DemandShareTerm[];
}

interface DayRow {
  row_type: "day" | "term";
  kind: string;
  term: string;
  day: string;
  contacts: number;
}

/** Least-squares slope of y over x = 0, 1, 2... (day index); null with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

const dayIndex = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Over whole UTC days [from, to); `kind` narrows to one kind. Most contacts first within a kind. */
export async function demandShare(
  warehouse: Warehouse,
  query: TimeRange & { kind?: DemandTermKind },
): Promise<DemandShare> {
  const params = { ...rangeParams(query), kind: query.kind ?? "" };
  const [days, totals] = await Promise.all([
    runNamedQuery<DayRow>(warehouse, "demand_share_days", params),
    runNamedQuery<{ kind: string; term: string; contacts: number }>(warehouse, "demand_share_totals", params),
  ]);
  const dayContacts = new Map<string, number>();
  const termDays = new Map<string, Map<string, number>>();
  for (const r of days) {
    if (r.row_type === "day") dayContacts.set(r.day, num(r.contacts));
    else {
      const key = `${r.kind}\u0000${r.term}`;
      const map = termDays.get(key) ?? new Map<string, number>();
      map.set(r.day, num(r.contacts));
      termDays.set(key, map);
    }
  }
  const allDays = [...dayContacts.keys()].sort();
  const totalContacts = num(totals.find((t) => t.kind === "" && t.term === "")?.contacts ?? 0);
  const terms = totals
    .filter((t) => t.kind !== "")
    .map((t) => {
      const perDay = termDays.get(`${t.kind}\u0000${t.term}`) ?? new Map<string, number>();
      // Days with contacts, plus days the term was counted without a created contact that day.
      const span = [...new Set([...allDays, ...perDay.keys()])].sort();
      const daily = span.map((day) => {
        const contacts = perDay.get(day) ?? 0;
        return { day, contacts, share: ratio(contacts, dayContacts.get(day) ?? 0) };
      });
      const points = daily.flatMap((d) => (d.share === null ? [] : [{ x: dayIndex(d.day), y: d.share }]));
      const contacts = num(t.contacts);
      return {
        kind: t.kind,
        term: t.term,
        contacts,
        share: ratio(contacts, totalContacts),
        trendPerDay: slope(points),
        daily,
      };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || b.contacts - a.contacts || a.term.localeCompare(b.term));
  return { totalContacts, terms };
}
