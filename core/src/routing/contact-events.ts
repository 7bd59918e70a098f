// How contact events change the router's state: a contact enters a queue, is offered, connects,
// wraps up, ends; or leaves the queue by abandoning, overflowing, asking for a callback.

import type { EventOf, SkillRequirement, StarboardEvent } from "../events/index";
import { isOpen } from "./config";
import { describeRequirements, type RoutedContact } from "./contact";
import { release, routeContact } from "./matching";
import { enqueue, moveToQueue } from "./rules";
import type { Step } from "./state";

type ContactEventOf<T extends StarboardEvent["type"]> = EventOf<T> & { contactId: string };

function anomaly(
  step: Step,
  kind: "unknown-contact" | "unknown-agent" | "unknown-queue" | "invalid-transition" | "out-of-order",
  detail: string,
): void {
  step.s.anomalies.record({ kind, eventId: step.eventId, eventType: step.eventType, detail });
}

function sortedRequirements(reqs: readonly SkillRequirement[]): SkillRequirement[] {
  // One requirement is the common case: no comparator closure, no sort.
  if (reqs.length === 1) {
    const r = reqs[0] as SkillRequirement;
    return [{ skill: r.skill, minLevel: r.minLevel }];
  }
  return reqs
    .map((r) => ({ skill: r.skill, minLevel: r.minLevel }))
    .sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
}

export function onQueued(step: Step, e: ContactEventOf<"contact.queued">): void {
  const { s } = step;
  const queue = s.queues.get(e.data.queueId);
  if (queue === undefined) {
    anomaly(step, "unknown-queue", `queue ${e.data.queueId} is not configured`);
    return;
  }
  if (s.ended.has(e.contactId)) {
    // Reordered within the tolerance behind its own end: routing it would leave a ghost waiting.
    anomaly(step, "out-of-order", `contact.queued for ${e.contactId} after its end`);
    return;
  }
  const existing = s.contacts.get(e.contactId);
  if (existing !== undefined) {
    // Our own overflow or requeue coming back from the log: already where it should be.
    if (existing.phase === "waiting" && existing.queueId === queue.id) return;
    if (existing.phase === "waiting") {
      moveToQueue(step, existing, queue.id, `entry-${e.data.entry}`);
      return;
    }
    const holder = existing.agentId === undefined ? undefined : s.agents.get(existing.agentId);
    s.contacts.delete(existing.id);
    if (holder !== undefined) release(step, holder, existing.id);
  }
  const note = s.notes.get(e.contactId);
  s.notes.delete(e.contactId);
  const handoff =
    note?.handoff !== undefined && s.handoff.reasons.includes(note.handoff) ? note.handoff : undefined;
  let requirements = sortedRequirements(
    e.data.requiredSkills.length > 0 ? e.data.requiredSkills : queue.defaultSkills,
  );
  if (handoff !== undefined)
    requirements = requirements.map((r) => ({
      skill: r.skill,
      minLevel: Math.max(r.minLevel, s.handoff.seniorLevel),
    }));
  // Contacts already waiting with the same needs lend their list and its text (see filedAs).
  const filed = s.waiting.filedAs(queue.id, e.channel, requirements);
  if (filed !== undefined) requirements = filed.requirements;
  const fifo = queue.strategy.contacts === "fifo";
  // The queue event's tier, else the one recognized when the contact was created (a chat queued by
  // the router after a bot hand-off carries none of its own).
  const customerTier = e.data.customerTier ?? note?.customerTier;
  const tier = customerTier === undefined ? 0 : (s.tiers[customerTier] ?? 0);
  // The event's priority is documented as base + tier already; max() never counts them twice.
  const base = fifo ? queue.basePriority : Math.max(e.data.priority, queue.basePriority + tier);
  const contact: RoutedContact = {
    id: e.contactId,
    channel: e.channel,
    queueId: queue.id,
    customerId: note?.customerId,
    customerTier,
    requirements,
    // The same list: requirement lists are replaced when rules change them, never edited in place.
    requestedRequirements: requirements,
    basePriority: base + (handoff === undefined || fifo ? 0 : s.handoff.priorityBoost),
    agingPerSecond: fifo ? 0 : queue.agingPerSecond,
    queuedMs: step.nowMs,
    firstQueuedMs: step.nowMs,
    seq: s.seq++,
    atHead: false,
    callbackNumber: undefined,
    callbackOffered: false,
    handoff,
    attempts: 0,
    phase: "waiting",
    agentId: undefined,
    commandId: undefined,
    epoch: 0,
    heapIndex: undefined,
    bucket: undefined,
    requirementsText: filed?.requirementsText ?? describeRequirements(requirements),
    rule: handoff !== undefined ? `handoff-${handoff}` : "arrival",
  };
  s.contacts.set(contact.id, contact);
  const hours = queue.hours;
  if (hours?.closedQueueId !== undefined && !isOpenAt(step, queue.id)) {
    enqueue(step, contact);
    step.out.decision(step.nowMs, contact.id, contact.channel, {
      kind: "overflow",
      rule: "after-hours",
      reason: `${queue.id} is closed: to ${hours.closedQueueId}`,
      eligibleAgents: 0,
      fromQueueId: queue.id,
      toQueueId: hours.closedQueueId,
      waitSeconds: 0,
    });
    moveToQueue(step, contact, hours.closedQueueId, "after-hours");
    return;
  }
  if (hours !== undefined && !isOpenAt(step, queue.id)) contact.rule = "after-hours";
  enqueue(step, contact);
  routeContact(step, contact, true);
}

function isOpenAt(step: Step, queueId: string): boolean {
  return isOpen(step.s.queues.get(queueId)?.hours, step.nowMs);
}

/** Offer-timeout, offer-rejected, or a failed command: contact back to the head, agent not ready. */
export function failOffer(step: Step, contact: RoutedContact, reasonCode: "ring-timeout" | "rejected"): void {
  const { s } = step;
  const agent = contact.agentId === undefined ? undefined : s.agents.get(contact.agentId);
  if (agent !== undefined) {
    agent.contacts.delete(contact.id);
    agent.ready = false;
    agent.notReadyReason = reasonCode;
    agent.readinessSinceMs = step.nowMs;
    s.idle.refresh(agent);
    step.out.notReady(step.nowMs, agent.id, reasonCode, contact.id);
  }
  contact.atHead = true;
  contact.rule = `requeue-after-${reasonCode}`;
  contact.commandId = undefined;
  enqueue(step, contact);
  routeContact(step, contact, true);
}

export function onOfferFailed(
  step: Step,
  e: ContactEventOf<"contact.offer-timeout" | "contact.offer-rejected">,
): void {
  const contact = step.s.contacts.get(e.contactId);
  if (contact === undefined) {
    anomaly(step, "unknown-contact", `${e.type} for ${e.contactId}`);
    return;
  }
  if (contact.phase !== "offered" || contact.agentId !== e.agentId) return; // already handled (command failure first)
  failOffer(step, contact, e.type === "contact.offer-timeout" ? "ring-timeout" : "rejected");
}

export function onConnected(step: Step, e: ContactEventOf<"contact.connected"> & { agentId: string }): void {
  const { s } = step;
  const contact = s.contacts.get(e.contactId);
  const agent = s.agents.get(e.agentId);
  if (agent === undefined) {
    anomaly(step, "unknown-agent", `${e.type} names agent ${e.agentId}`);
    return;
  }
  if (contact === undefined) {
    anomaly(step, "unknown-contact", `${e.type} for ${e.contactId}`);
    return;
  }
  if (contact.phase === "waiting") s.waiting.remove(contact);
  if (contact.agentId !== undefined && contact.agentId !== agent.id) {
    const other = s.agents.get(contact.agentId);
    if (other !== undefined) release(step, other, contact.id);
  }
  contact.phase = "connected";
  contact.agentId = agent.id;
  agent.contacts.set(contact.id, {
    contactId: contact.id,
    channel: contact.channel,
    activity: "talking",
    sinceMs: step.nowMs,
    wrapupDeadlineMs: undefined,
  });
  s.idle.refresh(agent);
}

export function onActivity(
  step: Step,
  e: ContactEventOf<"contact.held" | "contact.resumed" | "contact.wrapup-started"> & { agentId: string },
): void {
  const { s } = step;
  const agent = s.agents.get(e.agentId);
  if (agent === undefined) {
    anomaly(step, "unknown-agent", `${e.type} names agent ${e.agentId}`);
    return;
  }
  const held = agent.contacts.get(e.contactId);
  if (held === undefined) {
    anomaly(step, "invalid-transition", `${e.agentId} does not hold ${e.contactId}`);
    return;
  }
  held.activity = e.type === "contact.held" ? "hold" : e.type === "contact.resumed" ? "talking" : "wrap-up";
  held.sinceMs = step.nowMs;
  const contact = s.contacts.get(e.contactId);
  if (e.type === "contact.wrapup-started") {
    if (contact !== undefined) contact.phase = "wrap-up";
    const limit = e.data.limitSeconds;
    held.wrapupDeadlineMs = limit === undefined ? undefined : step.nowMs + limit * 1000;
    if (held.wrapupDeadlineMs !== undefined)
      s.timers.set({
        kind: "wrapup-limit",
        subject: agent.id,
        contactId: e.contactId,
        epoch: 0,
        rule: 0,
        dueMs: held.wrapupDeadlineMs,
      });
  }
}

/** The agent is done with the contact: wrap-up ended, or the contact's closing record. */
export function onFinished(step: Step, e: ContactEventOf<"contact.wrapup-ended" | "contact.ended">): void {
  const { s } = step;
  const contact = s.contacts.get(e.contactId);
  const agentId = e.agentId ?? contact?.agentId;
  if (e.type === "contact.ended") {
    if (contact?.phase === "waiting") s.waiting.remove(contact);
    s.contacts.delete(e.contactId);
    s.notes.delete(e.contactId);
    if (e.data.outcome === "handled" && e.data.queueId !== undefined)
      s.handleTimeFor(e.data.queueId).add(e.data.talkSeconds + e.data.holdSeconds + e.data.wrapupSeconds);
  }
  const agent = agentId === undefined ? undefined : s.agents.get(agentId);
  if (agent === undefined || !agent.contacts.has(e.contactId)) return;
  if (e.type === "contact.ended" && e.data.outcome === "handled") agent.handledToday += 1;
  release(step, agent, e.contactId);
}

export function onAbandoned(step: Step, e: ContactEventOf<"contact.abandoned">): void {
  const { s } = step;
  const contact = s.contacts.get(e.contactId);
  if (contact === undefined) {
    anomaly(step, "unknown-contact", `${e.type} for ${e.contactId}`);
    return;
  }
  s.waiting.remove(contact);
  s.contacts.delete(contact.id);
  const agent = contact.agentId === undefined ? undefined : s.agents.get(contact.agentId);
  if (agent !== undefined) release(step, agent, contact.id);
}

export function onOverflowed(step: Step, e: ContactEventOf<"contact.overflowed">): void {
  const contact = step.s.contacts.get(e.contactId);
  if (contact === undefined) {
    anomaly(step, "unknown-contact", `${e.type} for ${e.contactId}`);
    return;
  }
  if (!step.s.queues.has(e.data.toQueueId)) {
    anomaly(step, "unknown-queue", `queue ${e.data.toQueueId} is not configured`);
    return;
  }
  if (contact.phase !== "waiting" || contact.queueId === e.data.toQueueId) return;
  moveToQueue(step, contact, e.data.toQueueId, e.data.ruleId);
}

export function onCallbackRequested(step: Step, e: ContactEventOf<"contact.callback-requested">): void {
  const { s } = step;
  const contact = s.contacts.get(e.contactId);
  if (contact === undefined) {
    anomaly(step, "unknown-contact", `${e.type} for ${e.contactId}`);
    return;
  }
  if (contact.phase !== "waiting") {
    anomaly(step, "invalid-transition", `${e.contactId} is ${contact.phase}`);
    return;
  }
  contact.callbackNumber = e.data.callbackNumber;
  contact.rule = "callback";
  if (!e.data.keepsPosition) {
    // Without its place it joins the back of the queue as if it had just arrived.
    s.waiting.remove(contact);
    contact.queuedMs = step.nowMs;
    contact.seq = s.seq++;
    contact.epoch += 1;
    enqueue(step, contact);
  }
}
