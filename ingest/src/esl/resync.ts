import type { FsEvent } from "./frame-types";
import { FsHeaders } from "./headers";

// After a reconnect, `show channels as json` lists the live channels (switch_core_sqldb.c's
// channels table: uuid, direction, created_epoch, cid_num, dest, call_uuid...). Each row becomes a
// CHANNEL_CREATE-shaped event for the mapper: a channel it already knows is dropped there, a new
// one gets the same deterministic contact id the live CHANNEL_CREATE would have given it.

/** `listed`: every channel uuid FreeSWITCH still has; an open contact not in it hung up while we were away. */
export type ResyncParse =
  | { ok: true; events: FsEvent[]; listed: Set<string> }
  | { ok: false; reason: string };

export function channelsToEvents(json: string): ResyncParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, reason: `show channels did not return JSON: ${json.slice(0, 80)}` };
  }
  if (typeof parsed !== "object" || parsed === null)
    return { ok: false, reason: "show channels: not an object" };
  const rows: unknown = "rows" in parsed ? parsed.rows : [];
  if (!Array.isArray(rows)) return { ok: false, reason: "show channels: rows is not a list" };
  const events: FsEvent[] = [];
  const listed = new Set<string>();
  // Inbound (contact) legs first, so the outbound legs bridged to them can be linked.
  const sorted = [...rows].sort(
    (a, b) => Number(field(b, "direction") === "inbound") - Number(field(a, "direction") === "inbound"),
  );
  for (const row of sorted) {
    const uuid = field(row, "uuid");
    const epoch = field(row, "created_epoch");
    if (uuid !== undefined) listed.add(uuid);
    if (uuid === undefined || epoch === undefined || !/^\d+$/.test(epoch)) continue;
    const h = new FsHeaders();
    h.add("Event-Name", "CHANNEL_CREATE");
    h.add("Event-Date-Timestamp", `${epoch}000000`);
    h.add("Unique-ID", uuid);
    h.add("Call-Direction", field(row, "direction") === "outbound" ? "outbound" : "inbound");
    h.add("Caller-Caller-ID-Number", field(row, "cid_num") ?? "");
    h.add("Caller-Destination-Number", field(row, "dest") ?? "");
    const peer = field(row, "call_uuid");
    if (field(row, "direction") === "outbound" && peer && peer !== uuid) {
      h.add("Other-Type", "originator");
      h.add("Other-Leg-Unique-ID", peer);
    }
    events.push({ headers: h });
  }
  return { ok: true, events, listed };
}

function field(row: unknown, name: string): string | undefined {
  if (typeof row !== "object" || row === null || !(name in row)) return undefined;
  const value: unknown = (row as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * `strepoch` with no argument prints FreeSWITCH's own clock in epoch seconds (mod_commands.c,
 * strepoch_api_function). Microseconds, or undefined if the answer is not a plain number.
 */
export function strepochMicros(answer: string): number | undefined {
  const text = answer.trim();
  return /^\d{1,12}$/.test(text) && Number(text) > 0 ? Number(text) * 1e6 : undefined;
}
