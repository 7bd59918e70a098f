// Why a contact waits, in words a supervisor reads on the wallboard: who could take it, what they
// are doing, and what changes next ("3 agents have billing>=5, all busy; relaxes to level 3 in 40 s").

import type { RoutedContact } from "./contact";
import type { RouterState } from "./state";

export interface WaitExplanation {
  contactId: string;
  queueId: string;
  /** 1-based place among contacts with the same requirements in this queue. */
  position: number;
  waitedSeconds: number;
  requirements: { skill: string; minLevel: number }[];
  eligibleAgents: number;
  idleEligibleAgents: number;
  nextRelax: { skill: string; toLevel: number; inSeconds: number } | undefined;
  overflow: { toQueueId: string; inSeconds: number } | undefined;
  text: string;
}

function nextRelax(s: RouterState, c: RoutedContact, nowMs: number): WaitExplanation["nextRelax"] {
  const queue = s.queues.get(c.queueId);
  for (const rule of queue?.relax ?? []) {
    const dueMs = c.queuedMs + rule.afterSeconds * 1000;
    if (dueMs <= nowMs) continue;
    const req = c.requirements.find(
      (r) => (rule.skill === undefined || r.skill === rule.skill) && r.minLevel > rule.toLevel,
    );
    if (req !== undefined)
      return { skill: req.skill, toLevel: rule.toLevel, inSeconds: Math.ceil((dueMs - nowMs) / 1000) };
  }
  return undefined;
}

function overflowOf(s: RouterState, c: RoutedContact, nowMs: number): WaitExplanation["overflow"] {
  const rule = s.queues.get(c.queueId)?.overflow;
  if (rule === undefined) return undefined;
  const dueMs = c.queuedMs + rule.afterSeconds * 1000;
  return dueMs > nowMs
    ? { toQueueId: rule.toQueueId, inSeconds: Math.ceil((dueMs - nowMs) / 1000) }
    : undefined;
}

export function explainText(
  s: RouterState,
  c: RoutedContact,
  nowMs: number,
  eligible: { staffed: number; idle: number },
): string {
  // Built by concatenation, not parts.join("; "): this is the reason of every queue decision.
  const needs = c.requirementsText;
  let text =
    eligible.staffed === 0
      ? `no signed-in agent has ${needs}`
      : eligible.idle === 0
        ? `${eligible.staffed} agent${eligible.staffed === 1 ? " has" : "s have"} ${needs}, none free`
        : `${eligible.staffed} agents have ${needs}, ${eligible.idle} idle serving contacts ahead`;
  const queue = s.queues.get(c.queueId);
  if (queue !== undefined && queue.relax.length > 0) {
    const relax = nextRelax(s, c, nowMs);
    if (relax !== undefined) text += `; relaxes to level ${relax.toLevel} in ${relax.inSeconds} s`;
  }
  if (queue?.overflow !== undefined) {
    const overflow = overflowOf(s, c, nowMs);
    if (overflow !== undefined) text += `; overflows to ${overflow.toQueueId} in ${overflow.inSeconds} s`;
  }
  if (c.callbackNumber !== undefined) text += "; callback requested, keeps its place";
  return text;
}

/**
 * The first clause of the reason as a stable code (explainText's sentence, in words a client can
 * translate): nobody signed in has the skills; all who have them are busy; some are idle but serve
 * contacts ahead of this one.
 */
export const waitReasonCodes = ["no-eligible-agent", "all-eligible-busy", "idle-serving-ahead"] as const;
export type WaitReasonCode = (typeof waitReasonCodes)[number];

/** explainText's facts without the words: a code and the numbers each clause of the sentence names. */
export interface WaitReason {
  code: WaitReasonCode;
  requirements: { skill: string; minLevel: number }[];
  eligibleAgents: number;
  idleEligibleAgents: number;
  nextRelax: { skill: string; toLevel: number; inSeconds: number } | undefined;
  overflow: { toQueueId: string; inSeconds: number } | undefined;
  callbackRequested: boolean;
}

/** The same branches as explainText, kept beside it so the two cannot say different things. */
export function waitReasonOf(
  s: RouterState,
  c: RoutedContact,
  nowMs: number,
  eligible: { staffed: number; idle: number },
): WaitReason {
  return {
    code:
      eligible.staffed === 0
        ? "no-eligible-agent"
        : eligible.idle === 0
          ? "all-eligible-busy"
          : "idle-serving-ahead",
    requirements: c.requirements.map((r) => ({ skill: r.skill, minLevel: r.minLevel })),
    eligibleAgents: eligible.staffed,
    idleEligibleAgents: eligible.idle,
    nextRelax: nextRelax(s, c, nowMs),
    overflow: overflowOf(s, c, nowMs),
    callbackRequested: c.callbackNumber !== undefined,
  };
}

export function explainWait(s: RouterState, c: RoutedContact, nowMs: number): WaitExplanation {
  const eligible = s.idle.eligible(c.channel, c.requirements);
  return {
    contactId: c.id,
    queueId: c.queueId,
    position: s.waiting.aheadInBucket(c) + 1,
    waitedSeconds: Math.max(0, nowMs - c.firstQueuedMs) / 1000,
    requirements: c.requirements.map((r) => ({ ...r })),
    eligibleAgents: eligible.staffed,
    idleEligibleAgents: eligible.idle,
    nextRelax: nextRelax(s, c, nowMs),
    overflow: overflowOf(s, c, nowMs),
    text: explainText(s, c, nowMs, eligible),
  };
}
