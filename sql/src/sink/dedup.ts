import type { Warehouse } from "../client";
import type { RawEventRow } from "./rows";

/**
 * Ids per lookup. A server gets its query parameters in the URL: 2,000 ids keep it well under the
 * 1 MiB limit. chdb has no URL, and each lookup is a round trip the event loop must serve between
 * conversions, so one lookup per write is cheapest (measured: 100,000 ids in one query ~150-240 ms,
 * in 50 queries of 2,000 ~330 ms).
 */
const idsPerLookup = { chdb: 100_000, server: 2_000 } as const;

/**
 * Drops the candidates already in the warehouse (repeats within the batch went first, in
 * withoutRepeats). The lookup asks raw_events for the candidates' ids inside their time span: a
 * duplicate carries the same time as its original, and with ORDER BY (tenant, time, id) the span
 * prunes the scan to the batch's granules. On chdb the span is one min/max pass; a server's lookups
 * go in chunks of ids sorted by time, so each chunk's span stays narrow.
 */
export async function withoutStored(
  warehouse: Warehouse,
  candidates: readonly RawEventRow[],
): Promise<readonly RawEventRow[]> {
  const possible = await possiblyStored(warehouse, candidates);
  if (possible.length === 0) return candidates;
  if (warehouse.kind === "server") possible.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const stored = new Set<string>();
  const size = idsPerLookup[warehouse.kind];
  for (let i = 0; i < possible.length; i += size) {
    const chunk = possible.length <= size ? possible : possible.slice(i, i + size);
    const span = timeSpan(chunk);
    if (span === undefined) continue;
    const found = await warehouse.query<{ id: string }>(
      // IN (SELECT arrayJoin(...)) builds a hash set; `id IN {ids:Array(String)}` is quadratic in the
      // array's length here (measured on chdb: 100,000 ids over 200,000 rows, 287 ms against 129 s).
      // The ids travel as one String holding a JSON array, not as an Array(String) parameter: no
      // per-id quoting in JavaScript or array-literal parsing in ClickHouse (20,000 ids over 180,000
      // rows on chdb: ~40 ms of CPU against ~55), and any character an id may hold survives.
      "SELECT id FROM raw_events WHERE time >= {from:DateTime64(3, 'UTC')} AND time <= {to:DateTime64(3, 'UTC')} AND id IN (SELECT arrayJoin(JSONExtract({ids:String}, 'Array(String)')))",
      { from: span.from, to: span.to, ids: JSON.stringify(chunk.map((r) => r.id)) },
    );
    for (const { id } of found) stored.add(id);
  }
  return stored.size === 0 ? candidates : candidates.filter((r) => !stored.has(r.id));
}

/**
 * The rows without a second copy of an id already in the batch (the first copy stays) or in
 * `inFlight`, and every id the batch holds: each is then stored, in flight, or in `unique`, so the
 * next write can count them all as stored without building a set of its own (100,000 ids ~0.1-0.2 s).
 */
export function withoutRepeats(
  rows: readonly RawEventRow[],
  /** Ids to count as stored: a write whose INSERT has not finished, which the lookup cannot see yet. */
  inFlight: ReadonlySet<string> | undefined,
): { unique: RawEventRow[]; ids: Set<string> } {
  const ids = new Set<string>();
  const unique: RawEventRow[] = [];
  for (const row of rows) {
    if (ids.has(row.id)) continue;
    ids.add(row.id);
    if (inFlight?.has(row.id) === true) continue;
    unique.push(row);
  }
  return { unique, ids };
}

/** Earliest and latest time of the rows ("YYYY-MM-DD hh:mm:ss.sss" in UTC: text order is time order). */
function timeSpan(rows: readonly RawEventRow[]): { from: string; to: string } | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  let from = first.time;
  let to = first.time;
  for (const row of rows) {
    if (row.time < from) from = row.time;
    else if (row.time > to) to = row.time;
  }
  return { from, to };
}

/**
 * The candidates that can be in raw_events at all: a stored copy has the same time as its
 * duplicate, so nothing later than the latest stored time in the batch's span can be stored.
 * One cheap question (the time column of the span) spares the id lookup for a live stream, whose
 * new events are later than everything stored, and for a backfill into an empty range.
 */
async function possiblyStored(
  warehouse: Warehouse,
  candidates: readonly RawEventRow[],
): Promise<RawEventRow[]> {
  const span = timeSpan(candidates);
  if (span === undefined) return [];
  const [stored] = await warehouse.query<{ rows: number | string; latest: string }>(
    "SELECT count() AS rows, toString(max(time)) AS latest FROM raw_events WHERE time >= {from:DateTime64(3, 'UTC')} AND time <= {to:DateTime64(3, 'UTC')}",
    span,
  );
  if (stored === undefined || Number(stored.rows) === 0) return [];
  const latest = stored.latest;
  return candidates.filter((r) => r.time <= latest);
}
