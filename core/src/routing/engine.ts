// The routing engine: events in, decisions out. Every input carries its own time and the engine
// reads no clock and draws no random numbers, so the same log always yields the same decisions.

import type { StarboardEvent } from "../events/index";
import type { RoutedAgent } from "./agent";
import {
  onNotReady,
  onReady,
  onSignedIn,
  onSignedOut,
  onSkillsChanged,
  onStateChangeRequested,
  onSupervisorAction,
} from "./agent-events";
import type { AnomalyKind } from "./anomalies";
import type { RoutingConfig } from "./config";
import { type RoutedContact, servedBefore } from "./contact";
import {
  failOffer,
  onAbandoned,
  onActivity,
  onCallbackRequested,
  onConnected,
  onFinished,
  onOfferFailed,
  onOverflowed,
  onQueued,
} from "./contact-events";
import { Emitter, type RouterOutput } from "./emit";
import { explainText, explainWait, type WaitExplanation, type WaitReason, waitReasonOf } from "./explain";
import { fire } from "./rules";
import { RouterState, type Step } from "./state";

export class RoutingEngine {
  readonly state: RouterState;

  constructor(config: RoutingConfig) {
    this.state = new RouterState(config);
  }

  /** Apply one event; returns what the router publishes because of it (and of timers due by then). */
  handle(event: StarboardEvent): RouterOutput[] {
    const s = this.state;
    const eventMs = Date.parse(event.time);
    const out = new Emitter(event.id, event.tenant, eventMs, event.time);
    const step: Step = { s, out, nowMs: s.clockMs, eventId: event.id, eventType: event.type };
    if (event.source === "router" && (event.type === "router.decision" || event.type.startsWith("command.")))
      return [];
    if (s.seen.seen(event.id)) {
      this.anomaly(step, "duplicate", `event id ${event.id} seen before`);
      return [];
    }
    if (endsContact(event)) s.ended.seen(event.contactId);
    if (eventMs < s.clockMs - s.reorderToleranceMs) {
      this.anomaly(
        step,
        "out-of-order",
        `${event.time} is ${(s.clockMs - eventMs) / 1000} s behind the router clock`,
      );
      // A late queue event is still a customer waiting now: applied at the current clock (its
      // priority ages from there, so it is served after those who queued in time), unless it is so
      // late that its contact is history, the router already holds the contact, or the contact
      // ended (it came after its own end). A chat webhook retried past the tolerance had left its
      // chat unrouted.
      if (
        event.type === "contact.queued" &&
        eventMs >= s.clockMs - s.lateQueueToleranceMs &&
        !s.contacts.has(event.contactId) &&
        !s.ended.has(event.contactId)
      ) {
        dispatch(step, event);
        return out.events;
      }
      // A late end still ends the contact, at the current clock: dropped, it left the contact waiting
      // (offered to agents) or its agent busy, and its note, for ever. At --simulator load --speed 50
      // chats whose stream lagged ended late: the router kept 8,000 notes of ended chats after 170 s.
      // Only for a contact the router holds: a history back-fill's late ends change nothing.
      if (!endsContact(event) || !(s.contacts.has(event.contactId) || s.notes.has(event.contactId)))
        return [];
      dispatch(step, event);
      return out.events;
    }
    // Within the tolerance an early event is applied at the current clock: time never runs backwards.
    this.advance(step, Math.max(eventMs, s.clockMs));
    dispatch(step, event);
    return out.events;
  }

  /** Fire the timers due by `ms` (relax, overflow, callback offer, wrap-up limit) in order. */
  private advance(step: Step, ms: number): void {
    const s = step.s;
    for (let timer = s.timers.due(ms); timer !== undefined; timer = s.timers.due(ms)) {
      step.nowMs = Math.max(s.clockMs, timer.dueMs);
      s.clockMs = step.nowMs;
      fire(step, timer);
    }
    s.clockMs = ms;
    step.nowMs = ms;
  }

  private anomaly(step: Step, kind: AnomalyKind, detail: string): void {
    step.s.anomalies.record({ kind, eventId: step.eventId, eventType: step.eventType, detail });
  }

  get anomalies(): { counts: Readonly<Record<AnomalyKind, number>>; total: number } {
    return { counts: { ...this.state.anomalies.counts }, total: this.state.anomalies.total };
  }

  contact(id: string): Readonly<RoutedContact> | undefined {
    return this.state.contacts.get(id);
  }

  agent(id: string): Readonly<RoutedAgent> | undefined {
    return this.state.agents.get(id);
  }

  /** Waiting contacts of one queue in service order: O(n log n), for snapshots, not decisions. */
  waitingIn(queueId: string): RoutedContact[] {
    return [...this.state.waiting.waitingIn(queueId)].sort((a, b) => (servedBefore(a, b) ? -1 : 1));
  }

  /** Just the sentence of explain(), without the O(bucket) position count: cheap enough per contact. */
  whyWaiting(contactId: string, nowMs = this.state.clockMs): string | undefined {
    const c = this.state.contacts.get(contactId);
    return c?.phase === "waiting"
      ? explainText(this.state, c, nowMs, this.state.idle.eligible(c.channel, c.requirements))
      : undefined;
  }

  /** whyWaiting's facts as a code and numbers (for clients that word it in their own language). */
  waitReason(contactId: string, nowMs = this.state.clockMs): WaitReason | undefined {
    const c = this.state.contacts.get(contactId);
    return c?.phase === "waiting"
      ? waitReasonOf(this.state, c, nowMs, this.state.idle.eligible(c.channel, c.requirements))
      : undefined;
  }

  /** Why this contact waits; undefined when it does not. */
  explain(contactId: string, nowMs = this.state.clockMs): WaitExplanation | undefined {
    const c = this.state.contacts.get(contactId);
    return c?.phase === "waiting" ? explainWait(this.state, c, nowMs) : undefined;
  }
}

/** Events that let go of a contact: applied even when late, so nothing holds it after its end. */
function endsContact(
  event: StarboardEvent,
): event is Extract<StarboardEvent, { type: "contact.ended" | "contact.abandoned" }> {
  return event.type === "contact.ended" || event.type === "contact.abandoned";
}

function dispatch(step: Step, event: StarboardEvent): void {
  const s = step.s;
  switch (event.type) {
    case "contact.created":
    case "bot.handoff": {
      const note = s.notes.get(event.contactId) ?? {
        customerId: undefined,
        customerTier: undefined,
        handoff: undefined,
      };
      if (event.type === "contact.created") {
        note.customerId = event.data.customerId;
        note.customerTier = event.data.customerTier;
      } else note.handoff = event.data.reason;
      s.notes.set(event.contactId, note);
      return;
    }
    case "contact.queued":
      onQueued(step, event);
      return;
    case "contact.offer-timeout":
    case "contact.offer-rejected":
      onOfferFailed(step, event);
      return;
    case "contact.connected":
      onConnected(step, event);
      return;
    case "contact.held":
    case "contact.resumed":
    case "contact.wrapup-started":
      onActivity(step, event);
      return;
    case "contact.wrapup-ended":
    case "contact.ended":
      onFinished(step, event);
      return;
    case "contact.abandoned":
      onAbandoned(step, event);
      return;
    case "contact.overflowed":
      onOverflowed(step, event);
      return;
    case "contact.callback-requested":
      onCallbackRequested(step, event);
      return;
    case "router.command-result": {
      // Only the router's own offers concern it; supervisors' commands have their own consumers.
      const offerType =
        event.data.commandType === "command.bridge-call" || event.data.commandType === "command.assign-chat";
      if (event.data.ok || !offerType) return;
      // Command ids are `${contactId}:offer${n}`: the contact is read back from the id, no map to keep.
      const at = event.data.commandId.lastIndexOf(":offer");
      const contactId = at > 0 ? event.data.commandId.slice(0, at) : undefined;
      const contact = contactId === undefined ? undefined : s.contacts.get(contactId);
      if (contact === undefined) {
        s.anomalies.record({
          kind: "unknown-command",
          eventId: event.id,
          eventType: event.type,
          detail: `command ${event.data.commandId}`,
        });
        return;
      }
      if (contact.phase === "offered" && contact.commandId === event.data.commandId)
        failOffer(step, contact, "rejected");
      return;
    }
    case "agent.signed-in":
      onSignedIn(step, event);
      return;
    case "agent.signed-out":
      onSignedOut(step, event);
      return;
    case "agent.ready":
      onReady(step, event);
      return;
    case "agent.not-ready":
      onNotReady(step, event);
      return;
    case "agent.state-change-requested":
      onStateChangeRequested(step, event);
      return;
    case "agent.skills-changed":
      onSkillsChanged(step, event);
      return;
    case "supervisor.action":
      onSupervisorAction(step, event);
      return;
    default:
      // Messages, transcripts, tickets, CSAT...: facts the router has no use for.
      return;
  }
}
