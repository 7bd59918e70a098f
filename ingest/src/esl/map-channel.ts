import type { Direction, EndedBy, StarboardEvent } from "@starboard/core";
import { adoptChannel } from "./adopt";
import type { LiveCall } from "./call-table";
import { parseMicros, secondsBetween } from "./fs-time";
import {
  createdData,
  dlq,
  drop,
  envelope,
  eventId,
  type MapContext,
  type MapResult,
  ok,
  recognizeCaller,
} from "./map-context";

// Channel events. Header names are FreeSWITCH's own: switch_channel.c
// (switch_channel_event_set_basic_data: Unique-ID, Call-Direction, Answer-State, Hangup-Cause,
// Other-Type, Other-Leg-*), switch_caller.c (Caller-Caller-ID-Number, Caller-Destination-Number),
// switch_ivr_bridge.c (Bridge-A-Unique-ID, Bridge-B-Unique-ID), switch_core_session.c
// (Application, Application-Data), switch_ivr_async.c (Record-File-Path), and the variables set
// at hangup in switch_channel.c (switch_channel_set_timestamps: duration, billsec, waitsec,
// hold_accum_seconds).

function uuidOf(ctx: MapContext): string | undefined {
  return ctx.headers.get("Unique-ID");
}

export function mapCreate(ctx: MapContext): MapResult {
  const h = ctx.headers;
  const uuid = uuidOf(ctx);
  if (uuid === undefined) return dlq("CHANNEL_CREATE without Unique-ID");
  if (h.get("variable_starboard_role") !== undefined) return drop("a leg Starboard originated (supervisor)");
  const direction: Direction = h.get("Call-Direction") === "outbound" ? "outbound" : "inbound";
  // An outbound leg created by a bridge (mod_callcenter ringing an agent, a transfer) carries its
  // originator's profile: it serves an existing contact rather than being one.
  const originator = h.get("Other-Type") === "originator" ? h.get("Other-Leg-Unique-ID") : undefined;
  if (direction === "outbound" && originator !== undefined) {
    if (ctx.calls.resolve(originator) !== undefined)
      ctx.calls.linkLeg(uuid, ctx.calls.resolve(originator)?.contactId ?? originator);
    else ctx.calls.linkLeg(uuid, originator);
    return drop("agent or B-leg of an existing contact");
  }
  if (ctx.calls.get(uuid) !== undefined) return drop("contact already known (resync)");
  // A resync row for a channel whose hangup we handled while `show channels` was in flight.
  if (ctx.calls.isEnded(uuid)) return drop("contact already ended");
  // A resync row for a call already answered (perhaps bridged to an agent) while we were away: a
  // live CHANNEL_CREATE is never answered, so this is an adoption, with what the row told us.
  if (parseMicros(h.get("Caller-Channel-Answered-Time")) !== undefined) {
    const adopted = adoptChannel(ctx, uuid);
    return adopted === undefined ? drop("channel not adoptable") : ok(...adopted.events);
  }
  const from = h.get("Caller-Caller-ID-Number") || h.get("Caller-ANI") || "anonymous";
  const to = h.get("Caller-Destination-Number") || "unknown";
  const call: LiveCall = {
    contactId: uuid,
    direction,
    from,
    to,
    createdMicros: ctx.micros,
    offers: 0,
    connected: false,
  };
  recognizeCaller(ctx, call);
  ctx.calls.add(call);
  return ok(createdEvent(ctx, call));
}

export function createdEvent(ctx: MapContext, call: LiveCall): StarboardEvent {
  return {
    ...envelope(ctx, call.contactId),
    id: eventId(call.contactId, "contact.created"),
    type: "contact.created",
    data: createdData(call),
  };
}

export function mapAnswer(ctx: MapContext): MapResult {
  const uuid = uuidOf(ctx) ?? "";
  const known = ctx.calls.resolve(uuid);
  if (known === undefined && !ctx.calls.isLeg(uuid)) {
    const adopted = adoptChannel(ctx, uuid);
    if (adopted !== undefined) return ok(...adopted.events);
  }
  if (known === undefined || known.contactId !== uuid) return drop("answer of a leg that is not a contact");
  known.answeredMicros ??= ctx.micros;
  return drop("answer recorded (no event of its own)");
}

export function mapExecute(ctx: MapContext): MapResult {
  const h = ctx.headers;
  if (h.get("Application") !== "ivr") return drop(`application ${h.get("Application") ?? "?"} is not an IVR`);
  const call = ctx.calls.get(uuidOf(ctx) ?? "");
  const menu = h.get("Application-Data");
  if (call === undefined || !menu) return drop("IVR on a leg that is not a contact");
  return ok({
    ...envelope(ctx, call.contactId),
    id: eventId(call.contactId, "contact.ivr-entered", ctx.micros),
    type: "contact.ivr-entered",
    data: { ivrId: menu.slice(0, 128), menu: menu.slice(0, 64) },
  });
}

/** A bridge outside mod_callcenter (direct call to an extension): connected with no queue. */
export function mapBridge(ctx: MapContext): MapResult {
  const h = ctx.headers;
  const a = h.get("Bridge-A-Unique-ID") ?? uuidOf(ctx) ?? "";
  const b = h.get("Bridge-B-Unique-ID") ?? h.get("Other-Leg-Unique-ID");
  const call = ctx.calls.resolve(a) ?? (b === undefined ? undefined : ctx.calls.resolve(b));
  if (call === undefined) return drop("bridge between legs that are not contacts");
  const other = call.contactId === a ? b : a;
  if (other !== undefined) ctx.calls.linkLeg(other, call.contactId);
  // mod_callcenter reports its own bridges (bridge-agent-start) with the queue and the wait.
  if (call.queueId !== undefined || call.connected) return drop("bridge already reported by mod_callcenter");
  const agentId = h.get("Other-Leg-Destination-Number") || h.get("Other-Leg-Callee-ID-Number");
  if (!agentId) return drop("bridge without the other leg's number");
  ctx.calls.connect(call);
  call.connectedMicros = ctx.micros;
  call.agentId = agentId;
  return ok({
    ...envelope(ctx, call.contactId),
    agentId,
    id: eventId(call.contactId, "contact.connected", agentId),
    type: "contact.connected",
    data: { waitSeconds: 0, ringMs: 0 },
  });
}

export function mapHold(ctx: MapContext, on: boolean): MapResult {
  const call = ctx.calls.resolve(uuidOf(ctx) ?? "");
  if (call === undefined) return drop("hold on a leg that is not a contact");
  if (call.agentId === undefined) return drop("hold before an agent was connected");
  const base = { ...envelope(ctx, call.contactId), agentId: call.agentId };
  if (on) {
    if (call.heldMicros !== undefined) return drop("already on hold");
    call.heldMicros = ctx.micros;
    return ok({
      ...base,
      id: eventId(call.contactId, "contact.held", ctx.micros),
      type: "contact.held",
      data: { heldBy: "agent" },
    });
  }
  const since = call.heldMicros;
  if (since === undefined) return drop("unhold without a hold");
  call.heldMicros = undefined;
  call.heldTotalMicros = (call.heldTotalMicros ?? 0) + Math.max(0, ctx.micros - since);
  return ok({
    ...base,
    id: eventId(call.contactId, "contact.resumed", ctx.micros),
    type: "contact.resumed",
    data: { holdSeconds: secondsBetween(since, ctx.micros) },
  });
}

export function mapRecord(ctx: MapContext, start: boolean): MapResult {
  const call = ctx.calls.resolve(uuidOf(ctx) ?? "");
  const path = ctx.headers.get("Record-File-Path");
  if (call === undefined || !path) return drop("recording on a leg that is not a contact");
  const recordingId = eventId(call.contactId, "rec", path.split("/").pop() ?? path).slice(0, 128);
  if (start) {
    return ok({
      ...envelope(ctx, call.contactId),
      id: eventId(call.contactId, "contact.recording-started", path),
      type: "contact.recording-started",
      data: { recordingId, location: path.slice(0, 2048) },
    });
  }
  const seconds = Number(ctx.headers.get("variable_record_seconds") ?? "0");
  return ok({
    ...envelope(ctx, call.contactId),
    id: eventId(call.contactId, "contact.recording-stopped", path),
    type: "contact.recording-stopped",
    data: { recordingId, recordingSeconds: Number.isFinite(seconds) ? seconds : 0, stoppedBy: "system" },
  });
}

/** Who hung up, from the SIP disposition (mod_sofia sets sip_hangup_disposition) and the cause. */
function endedBy(ctx: MapContext, call: LiveCall): EndedBy {
  const cause = ctx.headers.get("Hangup-Cause");
  if (cause === "MANAGER_REQUEST") return "supervisor";
  const disposition = ctx.headers.get("variable_sip_hangup_disposition") ?? "";
  if (disposition.startsWith("recv_") || cause === "ORIGINATOR_CANCEL") return "customer";
  return call.connected ? "agent" : "system";
}

export function mapHangupComplete(ctx: MapContext): MapResult {
  const h = ctx.headers;
  const uuid = uuidOf(ctx) ?? "";
  const adopted =
    ctx.calls.get(uuid) === undefined && !ctx.calls.isLeg(uuid) ? adoptChannel(ctx, uuid) : undefined;
  const call = ctx.calls.get(uuid);
  if (call === undefined) {
    ctx.calls.remove(uuid);
    return drop("hangup of a leg that is not a contact");
  }
  ctx.calls.remove(uuid);
  const prior = adopted?.events ?? [];
  const cause = h.get("Hangup-Cause") ?? h.get("variable_hangup_cause");
  const by = endedBy(ctx, call);
  const hangupCause = cause !== undefined && /^[A-Z][A-Z0-9_]{1,63}$/.test(cause) ? cause : undefined;
  const disconnected: StarboardEvent = {
    ...envelope(ctx, call.contactId),
    ...(call.agentId === undefined ? {} : { agentId: call.agentId }),
    id: eventId(call.contactId, "contact.disconnected"),
    type: "contact.disconnected",
    version: 2,
    data: {
      endedBy: by,
      ...(hangupCause === undefined ? {} : { hangupCause }),
      ...handledDurations(ctx, call),
    },
  };
  if (call.connected) return ok(...prior, disconnected);
  // Never reached an agent: nothing (no wrap-up) will follow, so the closing record is ours to
  // write, with the durations FreeSWITCH computed at hangup (billsec = answered time).
  const billsec = numberVar(ctx, "variable_billsec");
  const answered = call.answeredMicros !== undefined || billsec > 0;
  const outcome = call.queueId !== undefined ? "abandoned" : answered ? "self-service" : "failed";
  const waitSeconds =
    call.queuedAtSeconds !== undefined ? Math.max(0, Math.floor(ctx.micros / 1e6) - call.queuedAtSeconds) : 0;
  return ok(...prior, disconnected, {
    ...envelope(ctx, call.contactId),
    id: eventId(call.contactId, "contact.ended"),
    type: "contact.ended",
    data: {
      endedBy: by,
      ...(hangupCause === undefined ? {} : { hangupCause }),
      outcome,
      resolved: outcome === "self-service",
      ...(call.queueId === undefined ? {} : { queueId: call.queueId }),
      waitSeconds,
      talkSeconds: outcome === "self-service" ? billsec : 0,
      holdSeconds: numberVar(ctx, "variable_hold_accum_seconds"),
      wrapupSeconds: 0,
      categories: [],
    },
  });
}

function numberVar(ctx: MapContext, name: string): number {
  const n = Number(ctx.headers.get(name) ?? "0");
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

/**
 * Durations of a call at hangup. Talk runs from the moment the customer reached the agent (the
 * bridge), not from answer: FreeSWITCH's billsec starts at answer and so also counts IVR and queue
 * time. Hold is FreeSWITCH's own accumulated hold time, taken out of talk (AHT adds them back).
 * Ring is duration - billsec, the time before answer.
 */
function handledDurations(
  ctx: MapContext,
  call: { connectedMicros?: number; heldMicros?: number; heldTotalMicros?: number },
): { talkSeconds?: number; holdSeconds?: number; ringSeconds?: number } {
  // hold_accum_seconds counts holds of this channel only; a hold put on the agent's phone lands on
  // the agent leg. The holds this adapter resolved to the contact (including one still open at
  // hangup) cover both, so the larger of the two is the contact's hold time.
  const seen =
    (call.heldTotalMicros ?? 0) + (call.heldMicros === undefined ? 0 : ctx.micros - call.heldMicros);
  const holdSeconds = Math.floor(Math.max(seen / 1e6, numberVar(ctx, "variable_hold_accum_seconds")));
  const durations: { talkSeconds?: number; holdSeconds?: number; ringSeconds?: number } = { holdSeconds };
  if (call.connectedMicros !== undefined) {
    const connected = Math.floor(Math.max(0, ctx.micros - call.connectedMicros) / 1e6);
    durations.talkSeconds = Math.max(0, connected - holdSeconds);
  }
  const duration = ctx.headers.get("variable_duration");
  const billsec = ctx.headers.get("variable_billsec");
  if (duration !== undefined && billsec !== undefined && /^\d+$/.test(duration) && /^\d+$/.test(billsec)) {
    durations.ringSeconds = Math.max(0, Number(duration) - Number(billsec));
  }
  return durations;
}
