// Matching: a contact that can be served goes to the best idle agent, an agent that frees up takes
// the best waiting contact. After every event no idle agent is eligible for a waiting contact, so
// checking only the contact or agent that changed is enough.

import { availableFor, channelsOf, type RoutedAgent } from "./agent";
import type { RoutedContact } from "./contact";
import { explainText } from "./explain";
import type { Step } from "./state";

const exclusiveChannels = new Set(["voice", "video"]);

/** `refile` false: the caller re-files the agent once after several offers (routeAgent). */
export function offer(
  step: Step,
  contact: RoutedContact,
  agent: RoutedAgent,
  rule: string,
  refile = true,
): void {
  const { s, out, nowMs } = step;
  const eligible = s.idle.eligible(contact.channel, contact.requirements).staffed;
  s.waiting.remove(contact);
  contact.phase = "offered";
  contact.agentId = agent.id;
  contact.attempts += 1;
  const commandId = `${contact.id}:offer${contact.attempts}`;
  contact.commandId = commandId;
  agent.contacts.set(contact.id, {
    contactId: contact.id,
    channel: contact.channel,
    activity: "ringing",
    sinceMs: nowMs,
    wrapupDeadlineMs: undefined,
  });
  if (refile) s.idle.refresh(agent);
  const waitSeconds = Math.max(0, nowMs - contact.firstQueuedMs) / 1000;
  const level =
    contact.requirements[0] === undefined
      ? ""
      : ` (${contact.requirements[0].skill} ${agent.skills.get(contact.requirements[0].skill) ?? 0})`;
  out.decision(nowMs, contact.id, contact.channel, {
    kind: "assign",
    rule,
    reason: `${agent.id}${level} takes it after ${Math.round(waitSeconds * 10) / 10} s; ${eligible} agents have ${contact.requirementsText}`,
    eligibleAgents: eligible,
    queueId: contact.queueId,
    agentId: agent.id,
    waitSeconds,
  });
  // One argument object per command, built for the branch taken (no spread of a shared one).
  if (exclusiveChannels.has(contact.channel) || contact.callbackNumber !== undefined) {
    out.bridgeCall(nowMs, {
      contactId: contact.id,
      channel: contact.channel,
      agentId: agent.id,
      commandId,
      queueId: contact.queueId,
      endpoint: agent.endpoint,
      ringTimeoutSeconds: s.ringTimeoutSeconds,
    });
  } else {
    out.assignChat(nowMs, {
      contactId: contact.id,
      channel: contact.channel,
      agentId: agent.id,
      commandId,
      queueId: contact.queueId,
    });
  }
}

/**
 * A contact that can be served now: offer it to the best idle agent, or say why it waits.
 * `announce` is false when a rule (relax) already published a decision for it.
 */
export function routeContact(step: Step, contact: RoutedContact, announce: boolean): void {
  const queue = step.s.queues.get(contact.queueId);
  if (queue === undefined) return;
  const agent = step.s.idle.bestIdle(contact.channel, contact.requirements, queue.strategy.agents);
  if (agent !== undefined) {
    offer(step, contact, agent, contact.rule);
    return;
  }
  if (!announce) return;
  const eligible = step.s.idle.eligible(contact.channel, contact.requirements);
  const position = step.s.waiting.bucketFor(contact)?.heap.size ?? 1;
  step.out.decision(step.nowMs, contact.id, contact.channel, {
    kind: "queue",
    rule: contact.rule,
    reason: explainText(step.s, contact, step.nowMs, eligible),
    eligibleAgents: eligible.staffed,
    queueId: contact.queueId,
    position,
  });
}

/** An agent that may have room: give it the best waiting contacts it is eligible for, then re-file it once. */
export function routeAgent(step: Step, agent: RoutedAgent): void {
  for (const channel of channelsOf(agent)) {
    while (availableFor(agent, channel)) {
      const contact = step.s.waiting.bestFor(agent.skills, channel, step.nowMs);
      if (contact === undefined) break;
      offer(step, contact, agent, contact.rule === "arrival" ? "agent-freed" : contact.rule, false);
    }
  }
  step.s.idle.refresh(agent);
}

/** The agent lets go of a contact (ended, wrap-up over, abandoned while ringing). */
export function release(step: Step, agent: RoutedAgent, contactId: string): void {
  if (!agent.contacts.delete(contactId)) return;
  agent.idleSinceMs = step.nowMs;
  if (agent.contacts.size === 0 && agent.pending !== undefined) {
    const next = agent.pending;
    agent.pending = undefined;
    if (next.type === "signed-out") agent.signedIn = false;
    agent.ready = next.type === "ready";
    agent.notReadyReason = next.type === "not-ready" ? next.reasonCode : undefined;
    agent.readinessSinceMs = step.nowMs;
  }
  routeAgent(step, agent);
}
