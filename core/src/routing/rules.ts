// The rules that act on a waiting contact over time: relax a skill level, overflow to another queue,
// offer a callback; and the wrap-up limit that frees an agent. Each is a timer set when the contact
// enters a queue (or the agent starts wrap-up) and checked against the current state when it fires.

import { estimatedWaitSeconds } from "../metrics/index";
import type { RelaxRule } from "./config";
import { describeRequirements, type RoutedContact } from "./contact";
import { release, routeContact } from "./matching";
import type { Step } from "./state";
import type { Timer, TimerKind } from "./timers";

/** Put a contact in its queue's waiting set and arm its queue's timers. */
export function enqueue(step: Step, contact: RoutedContact): void {
  const { s } = step;
  const queue = s.queues.get(contact.queueId);
  if (queue === undefined) return;
  contact.phase = "waiting";
  contact.agentId = undefined;
  s.waiting.add(contact);
  // Runs on every enqueue: plain loops, and one literal per timer (a `{ ...base, kind }` spread cost
  // microseconds each on Node 20).
  for (let i = 0; i < queue.relax.length; i++) {
    const rule = queue.relax[i];
    if (rule === undefined || !relaxLowers(contact, rule)) continue;
    setTimer(step, contact, "relax", i, contact.queuedMs + rule.afterSeconds * 1000);
  }
  if (queue.overflow !== undefined)
    setTimer(step, contact, "overflow", 0, contact.queuedMs + queue.overflow.afterSeconds * 1000);
  if (
    !contact.callbackOffered &&
    contact.callbackNumber === undefined &&
    Number.isFinite(queue.callbackOfferAfterSeconds)
  )
    setTimer(step, contact, "callback-offer", 0, contact.queuedMs + queue.callbackOfferAfterSeconds * 1000);
}

function relaxLowers(contact: RoutedContact, rule: RelaxRule): boolean {
  for (const r of contact.requirements)
    if ((rule.skill === undefined || r.skill === rule.skill) && r.minLevel > rule.toLevel) return true;
  return false;
}

function setTimer(step: Step, contact: RoutedContact, kind: TimerKind, rule: number, dueMs: number): void {
  step.s.timers.set({ kind, subject: contact.id, contactId: undefined, epoch: contact.epoch, rule, dueMs });
}

/** Move a waiting contact to another queue: its base, skills and timers; the customer's wait goes on. */
export function moveToQueue(step: Step, contact: RoutedContact, toQueueId: string, rule: string): void {
  const { s } = step;
  const from = s.queues.get(contact.queueId);
  const to = s.queues.get(toQueueId);
  if (to === undefined) return;
  s.waiting.remove(contact);
  const extra = contact.basePriority - (from?.basePriority ?? 0);
  contact.queueId = to.id;
  contact.basePriority = to.basePriority + extra;
  contact.agingPerSecond = to.strategy.contacts === "fifo" ? 0 : to.agingPerSecond;
  // The new queue's own skills replace the old ones: overflow exists to reach other agents.
  contact.requirements = to.defaultSkills.map((r) => ({ skill: r.skill, minLevel: r.minLevel }));
  contact.requirementsText = describeRequirements(contact.requirements);
  contact.queuedMs = step.nowMs;
  contact.epoch += 1;
  contact.rule = rule;
  enqueue(step, contact);
  routeContact(step, contact, true);
}

export function fire(step: Step, timer: Timer): void {
  const { s } = step;
  if (timer.kind === "wrapup-limit") {
    const agent = s.agents.get(timer.subject);
    const held = timer.contactId === undefined ? undefined : agent?.contacts.get(timer.contactId);
    if (agent !== undefined && held?.activity === "wrap-up" && held.wrapupDeadlineMs === timer.dueMs)
      release(step, agent, held.contactId);
    return;
  }
  const contact = s.contacts.get(timer.subject);
  if (contact === undefined || contact.phase !== "waiting" || contact.epoch !== timer.epoch) return;
  const queue = s.queues.get(contact.queueId);
  if (queue === undefined) return;
  const waitSeconds = Math.max(0, step.nowMs - contact.firstQueuedMs) / 1000;
  if (timer.kind === "relax") {
    const rule = queue.relax[timer.rule];
    if (rule === undefined) return;
    const lowered = contact.requirements.filter(
      (r) => (rule.skill === undefined || r.skill === rule.skill) && r.minLevel > rule.toLevel,
    );
    if (lowered.length === 0) return;
    s.waiting.remove(contact);
    const ruleId = `relax-${rule.skill ?? "all"}-${rule.afterSeconds}s`;
    for (const r of lowered) {
      const eligible = s.idle.eligible(contact.channel, [{ skill: r.skill, minLevel: rule.toLevel }]).staffed;
      step.out.decision(step.nowMs, contact.id, contact.channel, {
        kind: "relax",
        rule: ruleId,
        reason: `waited ${Math.round(waitSeconds)} s: ${r.skill} lowered from ${r.minLevel} to ${rule.toLevel}, ${eligible} agents qualify`,
        eligibleAgents: eligible,
        queueId: contact.queueId,
        skill: r.skill,
        fromLevel: r.minLevel,
        toLevel: rule.toLevel,
        waitSeconds,
      });
    }
    // A new list, not the old one edited: requirement lists are shared (requestedRequirements).
    contact.requirements = contact.requirements.map((r) =>
      lowered.includes(r) ? { skill: r.skill, minLevel: rule.toLevel } : r,
    );
    contact.rule = ruleId;
    contact.requirementsText = describeRequirements(contact.requirements);
    s.waiting.add(contact);
    routeContact(step, contact, false);
  } else if (timer.kind === "overflow" && queue.overflow !== undefined) {
    const eligible = s.idle.eligible(contact.channel, contact.requirements).staffed;
    const ruleId = `overflow-${queue.id}-${queue.overflow.afterSeconds}s`;
    step.out.decision(step.nowMs, contact.id, contact.channel, {
      kind: "overflow",
      rule: ruleId,
      reason: `waited ${Math.round(waitSeconds)} s in ${queue.id} (${eligible} eligible agents, none free): overflows to ${queue.overflow.toQueueId}`,
      eligibleAgents: eligible,
      fromQueueId: queue.id,
      toQueueId: queue.overflow.toQueueId,
      waitSeconds,
    });
    moveToQueue(step, contact, queue.overflow.toQueueId, ruleId);
  } else if (timer.kind === "callback-offer") {
    contact.callbackOffered = true;
    const eligible = s.idle.eligible(contact.channel, contact.requirements);
    const aht = s.handleTimeFor(queue.id).value ?? 300;
    const ewt =
      estimatedWaitSeconds({
        position: s.waiting.aheadInBucket(contact) + 1,
        staffedAgents: eligible.staffed,
        availableAgents: Math.min(eligible.idle, eligible.staffed),
        ahtSeconds: aht,
      }) ?? 0;
    step.out.decision(step.nowMs, contact.id, contact.channel, {
      kind: "callback-offer",
      rule: `callback-after-${queue.callbackOfferAfterSeconds}s`,
      reason: `waited ${Math.round(waitSeconds)} s, about ${Math.round(ewt)} s to go: offer a callback that keeps its place`,
      eligibleAgents: eligible.staffed,
      queueId: queue.id,
      estimatedWaitSeconds: ewt,
    });
  }
}
