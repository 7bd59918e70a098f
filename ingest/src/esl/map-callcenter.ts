import type { LiveCall } from "./call-table";
import { parseEpochSeconds } from "./fs-time";
import { drop, envelope, eventId, type MapContext, type MapResult, ok } from "./map-context";

// mod_callcenter's `CUSTOM callcenter::info` events. Names from
// src/mod/applications/mod_callcenter/mod_callcenter.c: CC-Action values member-queue-start,
// member-queue-resume, member-queue-end (CC-Cause Terminated | Cancel, CC-Cancel-Reason),
// agent-offering, bridge-agent-start, bridge-agent-fail; CC-Queue, CC-Agent,
// CC-Member-Session-UUID (the caller's channel), CC-Member-Joined-Time, CC-Member-Leaving-Time,
// CC-Agent-Called-Time, CC-Agent-Answered-Time, CC-Agent-Aborted-Time, CC-Hangup-Cause — all
// `*-Time` values epoch seconds. agent-offering and bridge-agent-start do not carry the member's
// channel data (bridge-agent-start carries the agent's), so the contact is CC-Member-Session-UUID.

export const callcenterSubclass = "callcenter::info";

export function mapCallcenter(ctx: MapContext): MapResult {
  const h = ctx.headers;
  const action = h.get("CC-Action");
  const queueId = h.get("CC-Queue");
  const memberUuid = h.get("CC-Member-Session-UUID");
  if (action === undefined) return drop("callcenter event without CC-Action");
  if (queueId === undefined || memberUuid === undefined)
    return drop(`callcenter ${action} is not about a member`);
  const call = ctx.calls.get(memberUuid);
  if (call === undefined) return drop(`callcenter ${action} for a member channel we never saw`);
  switch (action) {
    case "member-queue-start":
    case "member-queue-resume":
      return queued(ctx, call, queueId, action === "member-queue-start" ? "new" : "requeue");
    case "agent-offering":
      return offered(ctx, call, queueId);
    case "bridge-agent-start":
      return connected(ctx, call, queueId);
    case "bridge-agent-fail":
      return offerFailed(ctx, call, queueId);
    case "member-queue-end":
      return queueEnd(ctx, call, queueId);
    default:
      return drop(`callcenter ${action} is not a contact event`);
  }
}

function queued(ctx: MapContext, call: LiveCall, queueId: string, entry: "new" | "requeue"): MapResult {
  const joined = Math.floor(ctx.micros / 1e6);
  // agent-offering may come first (freeswitch PR #1373): keep the earlier join time then.
  if (call.queueId !== queueId || call.queuedAtSeconds === undefined)
    ctx.calls.enqueue(call, queueId, joined);
  return ok({
    ...envelope(ctx, call.contactId),
    id: eventId(call.contactId, "contact.queued", queueId, entry === "new" ? "new" : ctx.micros),
    type: "contact.queued",
    data: {
      queueId,
      requiredSkills: [],
      priority: 0,
      entry,
      position: ctx.calls.position(call),
      ...(call.customer?.tier === undefined ? {} : { customerTier: call.customer.tier }),
    },
  });
}

function agentOf(ctx: MapContext): string | undefined {
  const agent = ctx.headers.get("CC-Agent");
  return agent === undefined || agent === "" ? undefined : agent.slice(0, 128);
}

function offered(ctx: MapContext, call: LiveCall, queueId: string): MapResult {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return drop("agent-offering without CC-Agent");
  if (call.queueId === undefined) ctx.calls.enqueue(call, queueId, Math.floor(ctx.micros / 1e6));
  call.offers += 1;
  return ok({
    ...envelope(ctx, call.contactId),
    agentId,
    id: eventId(call.contactId, "contact.offered", agentId, ctx.micros),
    type: "contact.offered",
    data: { queueId, ringTimeoutSeconds: ctx.options.ringTimeoutSeconds, attempt: Math.max(1, call.offers) },
  });
}

function connected(ctx: MapContext, call: LiveCall, queueId: string): MapResult {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return drop("bridge-agent-start without CC-Agent");
  const agentLeg = ctx.headers.get("CC-Agent-UUID") ?? ctx.headers.get("Unique-ID");
  if (agentLeg !== undefined) ctx.calls.linkLeg(agentLeg, call.contactId);
  if (call.connected && call.agentId === agentId) return drop("connect already reported");
  const joined = parseEpochSeconds(ctx.headers.get("CC-Member-Joined-Time")) ?? call.queuedAtSeconds;
  const called = parseEpochSeconds(ctx.headers.get("CC-Agent-Called-Time"));
  const answered =
    parseEpochSeconds(ctx.headers.get("CC-Agent-Answered-Time")) ?? Math.floor(ctx.micros / 1e6);
  ctx.calls.connect(call);
  call.connectedMicros = answered * 1e6;
  call.agentId = agentId;
  return ok({
    ...envelope(ctx, call.contactId),
    agentId,
    id: eventId(call.contactId, "contact.connected", agentId),
    type: "contact.connected",
    data: {
      queueId,
      waitSeconds: joined === undefined ? 0 : Math.max(0, answered - joined),
      ringMs: called === undefined ? 0 : Math.max(0, answered - called) * 1000,
    },
  });
}

function offerFailed(ctx: MapContext, call: LiveCall, queueId: string): MapResult {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return drop("bridge-agent-fail without CC-Agent");
  const called = parseEpochSeconds(ctx.headers.get("CC-Agent-Called-Time"));
  const aborted = parseEpochSeconds(ctx.headers.get("CC-Agent-Aborted-Time")) ?? Math.floor(ctx.micros / 1e6);
  const ringMs = called === undefined ? 0 : Math.max(0, aborted - called) * 1000;
  const cause = ctx.headers.get("CC-Hangup-Cause") ?? "";
  const base = { ...envelope(ctx, call.contactId), agentId };
  if (cause === "NO_ANSWER" || cause === "ALLOTTED_TIMEOUT" || cause === "PROGRESS_TIMEOUT") {
    return ok({
      ...base,
      id: eventId(call.contactId, "contact.offer-timeout", agentId, ctx.micros),
      type: "contact.offer-timeout",
      data: { queueId, ringMs },
    });
  }
  return ok({
    ...base,
    id: eventId(call.contactId, "contact.offer-rejected", agentId, ctx.micros),
    type: "contact.offer-rejected",
    data: cause === "" ? { queueId, ringMs } : { queueId, ringMs, reason: cause.slice(0, 256) },
  });
}

/** CC-Cause Cancel: the caller left (hung up, timed out, pressed an exit key) before an agent. */
function queueEnd(ctx: MapContext, call: LiveCall, queueId: string): MapResult {
  if (ctx.headers.get("CC-Cause") !== "Cancel") return drop("member left the queue after being served");
  const joined = parseEpochSeconds(ctx.headers.get("CC-Member-Joined-Time")) ?? call.queuedAtSeconds;
  const leaving =
    parseEpochSeconds(ctx.headers.get("CC-Member-Leaving-Time")) ?? Math.floor(ctx.micros / 1e6);
  const position = ctx.calls.position(call);
  return ok({
    ...envelope(ctx, call.contactId),
    id: eventId(call.contactId, "contact.abandoned", queueId),
    type: "contact.abandoned",
    data: { queueId, waitSeconds: joined === undefined ? 0 : Math.max(0, leaving - joined), position },
  });
}
