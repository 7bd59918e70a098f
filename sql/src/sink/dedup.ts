import type { Warehouse } from "../client";
import type { RawEventRow } from "./rows";

/** Ids per lookup: keeps a server's URL-carried query parameters well under its 1 MiB limit. */
const idsPerLookup = 2_000;

/**
 * Drops events already in the warehouse and repeats within the batch. The lookup asks raw_events
 * for the batch's ids inside the batch's time span: a duplicate carries the same time as its
 * original, and with ORDER BY (tenant, time, id) the span prunes the scan to the batch's granules.
 */
export async function withoutStored(
  warehouse: Warehouse,
  rows: readonly RawEventRow[],
): Promise<RawEventRow[]> {
  const unique = new Map<string, RawEventRow>();
  for (const row of rows) if (!unique.has(row.id)) unique.set(row.id, row);
  const candidates = [...unique.values()].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const stored = new Set<string>();
  for (let i = 0; i < candidates.length; i += idsPerLookup) {
    const chunk = candidates.slice(i, i + idsPerLookup);
    const first = chunk[0];
    const last = chunk[chunk.length - 1];
    if (first === undefined || last === undefined) continue;
    const found = await warehouse.query<{ id: string }>(
      "SELECT id FROM raw_events WHERE time >= {from:DateTime64(3, 'UTC')} AND time <= {to:DateTime64(3, 'UTC')} AND id IN {ids:Array(String)}",
      { from: first.time, to: last.time, ids: chunk.map((r) => r.id) },
    );
    for (const { id } of found) stored.add(id);
  }
  return stored.size === 0 ? candidates : candidates.filter((r) => !stored.has(r.id));
}
