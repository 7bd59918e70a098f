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
  const outbound = sorted.filter((r) => field(r, "direction") === "outbound");
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
    } else if (field(row, "direction") !== "outbound") describeInbound(h, row, uuid, epoch, outbound);
    events.push({ headers: h });
  }
  return { ok: true, events, listed };
}

const answeredStates = new Set(["ACTIVE", "HELD"]);

/**
 * What the row says about a contact leg that started while we were away. Answered (callstate ACTIVE
 * or HELD): FreeSWITCH keeps no answer time in the table, so the creation time stands in, a lower
 * bound. Bridged to an agent: an outbound leg whose call_uuid names this one (or the other way
 * round, as the calls table pairs them) is the agent's; its destination is the agent's extension
 * and its creation time stands in for the bridge. Without this a call answered by an agent during
 * the outage was closed as self-service, its agent and talk time lost.
 */
function describeInbound(h: FsHeaders, row: unknown, uuid: string, epoch: string, outbound: unknown[]): void {
  if (!answeredStates.has(field(row, "callstate") ?? "")) return;
  h.add("Caller-Channel-Answered-Time", `${epoch}000000`);
  const own = field(row, "call_uuid");
  const agentLeg = outbound.find(
    (o) => field(o, "call_uuid") === uuid || (own !== undefined && own !== "" && field(o, "uuid") === own),
  );
  const legUuid = field(agentLeg, "uuid");
  const legEpoch = field(agentLeg, "created_epoch");
  const extension = field(agentLeg, "dest");
  if (legUuid === undefined || legEpoch === undefined || !/^\d+$/.test(legEpoch) || !extension) return;
  h.add("Other-Type", "originatee");
  h.add("Other-Leg-Unique-ID", legUuid);
  h.add("Other-Leg-Destination-Number", extension);
  h.add("Caller-Channel-Bridged-Time", `${legEpoch}000000`);
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
