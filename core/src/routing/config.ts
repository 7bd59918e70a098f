// What a contact center configures about routing: queues and their rules, customer tiers, the
// priority hand-off, ring timeouts. Plain data (it comes from STARBOARD_CONFIG YAML); the engine
// reads it and never changes it.

import type { Channel, HandoffReason } from "../events/index";

/** How one queue orders its contacts and picks agents; the per-queue choice the design asks for. */
export interface QueueStrategy {
  /** priority: priority, then age (default). fifo: age only; tiers and aging are ignored. */
  contacts: "priority" | "fifo";
  /** most-skilled: highest level in the first required skill, then longest idle (default). */
  agents: "most-skilled" | "longest-idle";
}

/** Lower a skill requirement once a contact has waited long enough. */
export interface RelaxRule {
  afterSeconds: number;
  /** The skill to relax; absent relaxes every requirement of the contact. */
  skill?: string;
  toLevel: number;
}

export interface OverflowRule {
  afterSeconds: number;
  toQueueId: string;
}

/** Opening hours in the queue's own offset from UTC; days 0 = Sunday .. 6 = Saturday. */
export interface BusinessHours {
  utcOffsetMinutes: number;
  /** Per day, [openMinute, closeMinute) after local midnight; a missing day is closed. */
  days: Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, readonly [number, number]>>;
  /** Where contacts go while closed; absent keeps them waiting for whoever is signed in. */
  closedQueueId?: string;
}

export interface QueueConfig {
  id: string;
  /** Added to every contact's priority in this queue. */
  basePriority?: number;
  /** Priority points gained per second of waiting. */
  agingPerSecond?: number;
  /** Required when a contact.queued event names none. */
  defaultSkills?: readonly { skill: string; minLevel: number }[];
  strategy?: Partial<QueueStrategy>;
  thresholdSeconds?: number;
  targetServiceLevel?: number;
  relax?: readonly RelaxRule[];
  overflow?: OverflowRule;
  /** Offer a callback once a contact has waited this long. */
  callbackOfferAfterSeconds?: number;
  hours?: BusinessHours;
}

/** Complaints and bot escalations jump the queue and go to senior agents. */
export interface HandoffRule {
  reasons: readonly HandoffReason[];
  priorityBoost: number;
  /** Every required skill is raised to at least this level. */
  seniorLevel: number;
}

export interface RoutingConfig {
  queues: readonly QueueConfig[];
  /** Priority points per customer tier: vip, high-value, new... */
  tiers?: Readonly<Record<string, number>>;
  handoff?: HandoffRule;
  ringTimeoutSeconds?: number;
  /** Used when agent.signed-in names no capacity for a channel it lists as 0. */
  defaultCapacity?: Partial<Record<Channel, number>>;
  /** An event older than the clock by more than this is out of order and ignored. */
  reorderToleranceMs?: number;
  /**
   * ... except a contact.queued up to this far behind (default 12 x reorderToleranceMs: 60 s, or
   * 50 min of a demo's clock at --speed 50), for a contact the router neither holds nor saw end:
   * its customer is still waiting, and dropping it left the contact unrouted for good.
   */
  lateQueueToleranceMs?: number;
  /** How many recently ended contacts are remembered, so a queued event that arrives after its own end is not routed. */
  endedWindow?: number;
  /** How many recent event ids are remembered to catch duplicates. */
  duplicateWindow?: number;
}

export const DEFAULT_TIERS: Readonly<Record<string, number>> = { vip: 100, "high-value": 50, new: 10 };
export const DEFAULT_HANDOFF: HandoffRule = {
  reasons: ["complaint", "requested_human"],
  priorityBoost: 200,
  seniorLevel: 8,
};

export interface ResolvedQueue extends Required<Omit<QueueConfig, "overflow" | "hours" | "strategy">> {
  strategy: QueueStrategy;
  overflow: OverflowRule | undefined;
  hours: BusinessHours | undefined;
}

export function resolveQueue(q: QueueConfig): ResolvedQueue {
  return {
    id: q.id,
    basePriority: q.basePriority ?? 0,
    agingPerSecond: q.agingPerSecond ?? 1,
    defaultSkills: q.defaultSkills ?? [],
    strategy: { contacts: q.strategy?.contacts ?? "priority", agents: q.strategy?.agents ?? "most-skilled" },
    thresholdSeconds: q.thresholdSeconds ?? 20,
    targetServiceLevel: q.targetServiceLevel ?? 0.8,
    relax: [...(q.relax ?? [])].sort((a, b) => a.afterSeconds - b.afterSeconds),
    overflow: q.overflow,
    callbackOfferAfterSeconds: q.callbackOfferAfterSeconds ?? Number.POSITIVE_INFINITY,
    hours: q.hours,
  };
}

/** Whether the queue is open at `ms`, and a reason when it is not. */
export function isOpen(hours: BusinessHours | undefined, ms: number): boolean {
  if (hours === undefined) return true;
  const local = new Date(ms + hours.utcOffsetMinutes * 60_000);
  const day = local.getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
  const window = hours.days[day];
  if (window === undefined) return false;
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return minute >= window[0] && minute < window[1];
}
