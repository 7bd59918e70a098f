import type { Direction, StarboardEvent } from "@starboard/core";
import type { LiveCall } from "./call-table";
import { parseMicros } from "./fs-time";
import { createdData, envelope, eventId, type MapContext, recognizeCaller } from "./map-context";

// Every channel event carries the caller profile (switch_caller.c: Caller-Channel-Created-Time,
// Caller-Channel-Answered-Time, Caller-Channel-Bridged-Time in microseconds) and, once bridged,
// the other leg's (Other-Type, Other-Leg-Destination-Number). So a contact we missed the start of
// (we connected mid-call, or replay a partial capture) is adopted from whatever event names it,
// with the same deterministic ids the live path would have produced: nothing is counted twice.

export interface Adopted {
  call: LiveCall;
  events: StarboardEvent[];
}

export function adoptChannel(ctx: MapContext, uuid: string): Adopted | undefined {
  const h = ctx.headers;
  if (ctx.calls.isEnded(uuid)) return undefined;
  if (h.get("Other-Type") === "originator") return undefined;
  if (h.get("variable_starboard_role") !== undefined) return undefined;
  const direction: Direction = h.get("Call-Direction") === "outbound" ? "outbound" : "inbound";
  const created = parseMicros(h.get("Caller-Channel-Created-Time")) ?? ctx.micros;
  const answered = parseMicros(h.get("Caller-Channel-Answered-Time"));
  const call: LiveCall = {
    contactId: uuid,
    direction,
    from: h.get("Caller-Caller-ID-Number") || h.get("Caller-ANI") || "anonymous",
    to: h.get("Caller-Destination-Number") || "unknown",
    createdMicros: created,
    ...(answered === undefined ? {} : { answeredMicros: answered }),
    offers: 0,
    connected: false,
  };
  recognizeCaller(ctx, call);
  ctx.calls.add(call);
  const events: StarboardEvent[] = [
    {
      ...envelope(ctx, uuid, created),
      id: eventId(uuid, "contact.created"),
      type: "contact.created",
      data: createdData(call),
    },
  ];
  const bridged = parseMicros(h.get("Caller-Channel-Bridged-Time"));
  const agentId = h.get("Other-Leg-Destination-Number");
  const otherLeg = h.get("Other-Leg-Unique-ID");
  if (bridged !== undefined && h.get("Other-Type") === "originatee" && agentId) {
    ctx.calls.connect(call);
    call.connectedMicros = bridged;
    call.agentId = agentId;
    if (otherLeg !== undefined) ctx.calls.linkLeg(otherLeg, uuid);
    events.push({
      ...envelope(ctx, uuid, bridged),
      agentId,
      id: eventId(uuid, "contact.connected", agentId),
      type: "contact.connected",
      data: { waitSeconds: 0, ringMs: 0 },
    });
  }
  return { call, events };
}
