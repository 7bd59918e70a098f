import type { AgentView, AlertView, LiveContactView, QueueView, WaitReason } from "@starboard/core";
import type { AlertFacts } from "./live-feed";

// The API's shapes, built once per update from core's snapshot views: GraphQL enum names instead of
// core's kebab-case codes, and "since" times beside elapsed seconds so a client can keep counting
// between updates (and so a delta only carries agents whose state really changed).

/** "wrap-up" -> "WRAP_UP", "service-level-below-target" -> "SERVICE_LEVEL_BELOW_TARGET". */
export function enumName(code: string): string {
  return code.replaceAll("-", "_").toUpperCase();
}

/** The inverse, for arguments: "WRAP_UP" -> "wrap-up". */
export function enumCode(name: string): string {
  return name.replaceAll("_", "-").toLowerCase();
}

export interface ApiQueue {
  id: string;
  waiting: number;
  longestWaitSeconds: number;
  agents: QueueView["agents"];
  serviceLevel: number | null;
  targetServiceLevel: number;
  thresholdSeconds: number;
  asaSeconds: number | null;
  abandonRate: number | null;
  estimatedWaitSeconds: number | null;
  counts: {
    offered: number;
    handled: number;
    handledWithin: number;
    abandoned: number;
    shortAbandoned: number;
  };
  waitingContacts: {
    contactId: string;
    channel: string;
    position: number;
    waitedSeconds: number;
    priority: number;
    customerTier: string | null;
    estimatedWaitSeconds: number | null;
    why: string;
    /** `why` as a code and its numbers, for clients that word it in their own language. */
    waitReason: ApiWaitReason | null;
    callbackRequested: boolean;
  }[];
}

export interface ApiWaitReason {
  code: string;
  requirements: { skill: string; minLevel: number }[];
  eligibleAgents: number;
  idleEligibleAgents: number;
  relax: { skill: string; toLevel: number; inSeconds: number } | null;
  overflow: { toQueueId: string; inSeconds: number } | null;
  callbackRequested: boolean;
}

export function apiWaitReason(r: WaitReason | undefined): ApiWaitReason | null {
  if (r === undefined) return null;
  return {
    code: enumName(r.code),
    requirements: r.requirements,
    eligibleAgents: r.eligibleAgents,
    idleEligibleAgents: r.idleEligibleAgents,
    relax: r.nextRelax ?? null,
    overflow: r.overflow ?? null,
    callbackRequested: r.callbackRequested,
  };
}

/** `reasonOf` answers for a waiting contact (the router's waitReason, at the view's time). */
export function apiQueue(
  q: QueueView,
  reasonOf: (contactId: string) => WaitReason | undefined = () => undefined,
): ApiQueue {
  return {
    id: q.queueId,
    waiting: q.waiting,
    longestWaitSeconds: q.longestWaitSeconds,
    agents: q.agents,
    serviceLevel: q.serviceLevel,
    targetServiceLevel: q.targetServiceLevel,
    thresholdSeconds: q.thresholdSeconds,
    asaSeconds: q.asa,
    abandonRate: q.abandonRate,
    estimatedWaitSeconds: q.estimatedWaitSeconds,
    counts: {
      offered: q.counts.offered,
      handled: q.counts.handled,
      handledWithin: q.counts.handledWithinThreshold,
      abandoned: q.counts.abandoned,
      shortAbandoned: q.counts.shortAbandoned,
    },
    waitingContacts: q.contacts.map((c) => ({
      contactId: c.contactId,
      channel: enumName(c.channel),
      position: c.position,
      waitedSeconds: c.waitedSeconds,
      priority: c.priority,
      customerTier: c.customerTier ?? null,
      estimatedWaitSeconds: c.estimatedWaitSeconds,
      why: c.why,
      waitReason: apiWaitReason(reasonOf(c.contactId)),
      callbackRequested: c.callbackRequested,
    })),
  };
}

export interface ApiAgent {
  id: string;
  status: string;
  secondsInState: number;
  stateSince: string;
  reasonCode: string | null;
  pendingState: string | null;
  monitored: boolean;
  contacts: { contactId: string; channel: string; activity: string; seconds: number }[];
  handledToday: number;
  team: string | null;
  skills: { skill: string; level: number }[];
  queueIds: string[];
}

export function apiAgent(a: AgentView, nowMs: number, monitored: boolean): ApiAgent {
  return {
    id: a.agentId,
    status: enumName(a.status),
    secondsInState: a.secondsInState,
    stateSince: new Date(Math.round(nowMs - a.secondsInState * 1000)).toISOString(),
    reasonCode: a.reasonCode ?? null,
    pendingState: a.pending ?? null,
    monitored: monitored || a.monitoring,
    contacts: a.contacts.map((c) => ({
      contactId: c.contactId,
      channel: enumName(c.channel),
      activity: enumName(c.activity),
      seconds: c.seconds,
    })),
    handledToday: a.handledToday,
    team: a.teamId ?? null,
    skills: a.skills,
    queueIds: a.queueIds,
  };
}

/** What makes two versions of an agent different for a delta: everything but the ticking clocks. */
export function agentChangeKey(a: ApiAgent): string {
  return JSON.stringify([
    a.status,
    a.stateSince,
    a.reasonCode,
    a.pendingState,
    a.monitored,
    a.handledToday,
    a.contacts.map((c) => [c.contactId, c.activity]),
    a.team,
    a.skills,
    a.queueIds,
  ]);
}

export interface ApiLiveContact {
  id: string;
  channel: string;
  queueId: string;
  phase: string;
  agentId: string | null;
  customerId: string | null;
  customerTier: string | null;
  customerAddress: string | null;
  waitedSeconds: number;
  waitingSince: string;
}

export function apiLiveContact(
  c: LiveContactView,
  nowMs: number,
  address: string | undefined,
): ApiLiveContact {
  return {
    id: c.contactId,
    channel: enumName(c.channel),
    queueId: c.queueId,
    phase: enumName(c.phase),
    agentId: c.agentId ?? null,
    customerId: c.customerId ?? null,
    customerTier: c.customerTier ?? null,
    customerAddress: address ?? null,
    waitedSeconds: c.waitedSeconds,
    waitingSince: new Date(Math.round(nowMs - c.waitedSeconds * 1000)).toISOString(),
  };
}

export function contactChangeKey(c: ApiLiveContact): string {
  return JSON.stringify([c.phase, c.queueId, c.agentId, c.customerTier, c.waitingSince]);
}

export interface ApiAlert {
  id: string;
  kind: string;
  severity: string;
  subject: string;
  message: string;
  params: ApiAlertParams;
  sinceSeconds: number;
  acknowledged: boolean;
  acknowledgedBy: string | null;
}

export interface ApiAlertParams {
  category: string | null;
  matchedText: string | null;
  queueId: string | null;
  agentId: string | null;
  contactId: string | null;
  ticketNumber: string | null;
  flagId: string | null;
  value: number | null;
  threshold: number | null;
  unit: string | null;
}

export function apiAlertParams(d: AlertFacts | undefined): ApiAlertParams {
  return {
    category: d?.category ?? null,
    matchedText: d?.matchedText ?? null,
    queueId: d?.queueId ?? null,
    agentId: d?.agentId ?? null,
    contactId: d?.contactId ?? null,
    ticketNumber: d?.ticketNumber ?? null,
    flagId: d?.flagId ?? null,
    value: d?.measure?.value ?? null,
    threshold: d?.measure?.threshold ?? null,
    unit: d?.measure === undefined ? null : enumName(d.measure.unit),
  };
}

export function apiAlert(a: AlertView, acknowledgedBy: string | undefined, facts?: AlertFacts): ApiAlert {
  return {
    id: a.alertId,
    kind: enumName(a.kind),
    severity: enumName(a.severity),
    subject: a.subject,
    message: a.message,
    params: apiAlertParams(facts),
    sinceSeconds: a.sinceSeconds,
    acknowledged: acknowledgedBy !== undefined,
    acknowledgedBy: acknowledgedBy ?? null,
  };
}
