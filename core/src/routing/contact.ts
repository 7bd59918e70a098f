// A contact as the router sees it, and the order in which waiting contacts are served.

import type { Channel, HandoffReason, SkillRequirement } from "../events/index";
import type { ContactBucket } from "./contact-index";

export type ContactPhase = "waiting" | "offered" | "connected" | "wrap-up";

export interface RoutedContact {
  id: string;
  channel: Channel;
  queueId: string;
  customerId: string | undefined;
  customerTier: string | undefined;
  /**
   * Effective requirements, sorted by skill. A list is never edited in place (relax and overflow
   * replace it), so it may be shared, as requestedRequirements shares it on entry.
   */
  requirements: SkillRequirement[];
  /** As the contact entered this queue, for "relaxes from level 5". */
  requestedRequirements: SkillRequirement[];
  /** base + tier + hand-off boost: the part of the priority that does not age. */
  basePriority: number;
  agingPerSecond: number;
  /** Entered the current queue (aging and relax timers count from here). */
  queuedMs: number;
  /** Entered the first queue: the customer's whole wait, reported as waitSeconds. */
  firstQueuedMs: number;
  /** Global arrival order: the last tie-break, so equal contacts are always served the same way. */
  seq: number;
  /** Requeued after a failed offer, or a callback: served before anything else in its bucket. */
  atHead: boolean;
  callbackNumber: string | undefined;
  callbackOffered: boolean;
  handoff: HandoffReason | undefined;
  /** Offers made so far (1-based attempt of the next command). */
  attempts: number;
  phase: ContactPhase;
  agentId: string | undefined;
  commandId: string | undefined;
  /** Bumped on every queue entry, so timers set for an earlier stay are recognised as stale. */
  epoch: number;
  /** Place in its bucket's heap; kept on the contact because a contact is in one heap at most. */
  heapIndex: number | undefined;
  /** The bucket it waits in (set while waiting). */
  bucket: ContactBucket | undefined;
  /** "billing>=5 and zh>=2", rebuilt when the requirements change: reasons quote it on every decision. */
  requirementsText: string;
  /** The rule behind the current requirements, carried into the assign decision. */
  rule: string;
}

/**
 * Priority at time t is base + rate·(t − queued) = (base − rate·queued) + rate·t. Within one queue
 * the rate is shared, so the order is that of (base − rate·queued), fixed at entry: aging never forces
 * a re-sort. Across queues with different rates the current value is compared (agingKey + rate·t).
 */
export function agingKey(c: RoutedContact): number {
  return c.basePriority - (c.agingPerSecond * c.queuedMs) / 1000;
}

export function priorityAt(c: RoutedContact, nowMs: number): number {
  return c.basePriority + (c.agingPerSecond * Math.max(0, nowMs - c.queuedMs)) / 1000;
}

/** Requeued contacts sort below every other key; no priority comes near this offset. */
const NOT_AT_HEAD = 1e13;

/**
 * The heap key: ascending is service order within a bucket (head first, then higher static
 * priority). Float rounding can only merge neighbouring keys, never swap them; ties go to servedBefore.
 */
export function serviceKey(c: RoutedContact): number {
  return (c.atHead ? 0 : NOT_AT_HEAD) - agingKey(c);
}

export function keyAtHead(key: number): boolean {
  return key < NOT_AT_HEAD / 2;
}

/** Current priority of a bucket head, from its key, head flag and the bucket's aging rate. */
export function priorityFromKey(key: number, atHead: boolean, agingPerSecond: number, nowMs: number): number {
  return (atHead ? 0 : NOT_AT_HEAD) - key + (agingPerSecond * nowMs) / 1000;
}

/** Same queue, same rate: head first, then priority (static key), then age, then arrival order. */
export function servedBefore(a: RoutedContact, b: RoutedContact): boolean {
  if (a.atHead !== b.atHead) return a.atHead;
  const ka = agingKey(a);
  const kb = agingKey(b);
  if (ka !== kb) return ka > kb;
  if (a.queuedMs !== b.queuedMs) return a.queuedMs < b.queuedMs;
  return a.seq < b.seq;
}

/** Heads of different buckets (maybe different queues and rates) compared at `nowMs`. */
export function servedBeforeAt(a: RoutedContact, b: RoutedContact, nowMs: number): boolean {
  if (a.atHead !== b.atHead) return a.atHead;
  const pa = priorityAt(a, nowMs);
  const pb = priorityAt(b, nowMs);
  if (pa !== pb) return pa > pb;
  if (a.firstQueuedMs !== b.firstQueuedMs) return a.firstQueuedMs < b.firstQueuedMs;
  return a.seq < b.seq;
}

export const contactSlot = {
  get: (c: RoutedContact) => c.heapIndex,
  set: (c: RoutedContact, i: number) => {
    c.heapIndex = i;
  },
  delete: (c: RoutedContact) => {
    c.heapIndex = undefined;
  },
};

export function describeRequirements(reqs: readonly SkillRequirement[]): string {
  if (reqs.length === 0) return "any skill";
  // One requirement is the common case, built without an intermediate array.
  let text = "";
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i] as SkillRequirement;
    text += i === 0 ? `${r.skill}>=${r.minLevel}` : ` and ${r.skill}>=${r.minLevel}`;
  }
  return text;
}
