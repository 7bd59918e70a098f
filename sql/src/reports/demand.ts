import type { Warehouse } from "../client";
import { num, rangeParams, runNamedQuery, type TimeRange } from "./named-query";

export interface DemandTerm {
  kind: "category" | "keyword";
  term: string;
  contacts: number;
  /** Of all contacts counted for this kind in the range. */
  share: number;
  daily: { day: string; contacts: number }[];
}

interface Row {
  kind: "category" | "keyword";
  term: string;
  contacts: number;
  share: number;
  daily: [string, number][];
}

export async function demand(warehouse: Warehouse, query: TimeRange): Promise<DemandTerm[]> {
  const rows = await runNamedQuery<Row>(warehouse, "demand", rangeParams(query));
  return rows.map((r) => ({
    kind: r.kind,
    term: r.term,
    contacts: num(r.contacts),
    share: num(r.share),
    daily: r.daily.map(([day, contacts]) => ({ day, contacts: num(contacts) })),
  }));
}
