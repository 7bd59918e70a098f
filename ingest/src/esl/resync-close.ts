import type { StarboardEvent } from "@starboard/core";
import type { CallTable } from "./call-table";
import { FsHeaders } from "./headers";
import { envelope, eventId, type MapperOptions } from "./map-context";

/**
 * Contacts we still hold open that `show channels` no longer lists hung up while the socket was
 * down: their CHANNEL_HANGUP_COMPLETE is lost for good (FreeSWITCH does not queue events for a
 * closed socket). Close each with `contact.disconnected` so it does not stay open forever.
 *
 * - The id is the one the real hangup would have had, so a second resync, or a hangup event that
 *   does turn up late, is deduplicated by id; the contact also leaves the call table (marked
 *   ended), so the mapper drops such a late hangup instead of adopting the channel again.
 * - `endedBy: "system"` and no `hangupCause`: who hung up and why went with the lost event; the
 *   schema lets the cause be omitted, and inventing one (NORMAL_CLEARING...) would skew reports.
 * - Time is `atMicros`, the resync instant (see EslAdapter.resync for where it comes from): the
 *   hangup happened before it, at a moment nobody recorded.
 */
export function closeVanished(
  calls: CallTable,
  options: MapperOptions,
  listed: ReadonlySet<string>,
  atMicros: number,
): StarboardEvent[] {
  const vanished = [...calls.contacts()].filter((call) => !listed.has(call.contactId));
  const ctx = { options, calls, headers: new FsHeaders(), micros: atMicros };
  return vanished.map((call) => {
    calls.remove(call.contactId);
    return {
      ...envelope(ctx, call.contactId, Math.max(atMicros, call.createdMicros)),
      ...(call.agentId === undefined ? {} : { agentId: call.agentId }),
      id: eventId(call.contactId, "contact.disconnected"),
      type: "contact.disconnected",
      data: { endedBy: "system" },
    };
  });
}
