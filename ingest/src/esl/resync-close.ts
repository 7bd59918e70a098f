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
 * - A contact that never reached an agent also gets its `contact.ended`, as its real hangup would
 *   have written it (no wrap-up will follow to close it): abandoned if it was queued, self-service
 *   if answered, failed otherwise. Without it the contact stays open in every report for good.
 *   Wait runs to the resync instant, an upper bound; the talk time of a self-service call is
 *   unknown and left at 0 rather than guessed; resolved follows the outcome, as at a real hangup.
 */
export function closeVanished(
  calls: CallTable,
  options: MapperOptions,
  listed: ReadonlySet<string>,
  atMicros: number,
): StarboardEvent[] {
  const vanished = [...calls.contacts()].filter((call) => !listed.has(call.contactId));
  const ctx = { options, calls, headers: new FsHeaders(), micros: atMicros };
  return vanished.flatMap((call): StarboardEvent[] => {
    calls.remove(call.contactId);
    const at = Math.max(atMicros, call.createdMicros);
    const disconnected: StarboardEvent = {
      ...envelope(ctx, call.contactId, at),
      ...(call.agentId === undefined ? {} : { agentId: call.agentId }),
      id: eventId(call.contactId, "contact.disconnected"),
      type: "contact.disconnected",
      data: { endedBy: "system" },
    };
    if (call.connected) return [disconnected];
    const outcome =
      call.queueId !== undefined
        ? "abandoned"
        : call.answeredMicros !== undefined
          ? "self-service"
          : "failed";
    const waitSeconds =
      call.queuedAtSeconds === undefined ? 0 : Math.max(0, Math.floor(at / 1e6) - call.queuedAtSeconds);
    return [
      disconnected,
      {
        ...envelope(ctx, call.contactId, at),
        id: eventId(call.contactId, "contact.ended"),
        type: "contact.ended",
        data: {
          endedBy: "system",
          outcome,
          resolved: outcome === "self-service",
          ...(call.queueId === undefined ? {} : { queueId: call.queueId }),
          waitSeconds,
          talkSeconds: 0,
          holdSeconds: 0,
          wrapupSeconds: 0,
          categories: [],
        },
      },
    ];
  });
}
