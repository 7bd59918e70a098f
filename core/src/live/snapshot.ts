// What the wallboard and GraphQL serve: plain data, no classes, no Maps, safe to JSON.stringify.

import type { AlertKind, AlertSeverity, Channel } from "../events/index";
import type { QueueCounts } from "../metrics/index";
import type { Activity, AgentStatus, ContactPhase } from "../routing/index";

export interface WaitingContactView {
  contactId: string;
  channel: Channel;
  /** 1-based place in the queue's service order. */
  position: number;
  waitedSeconds: number;
  priority: number;
  customerTier: string | undefined;
  /** Null when no eligible agent is signed in: no honest number exists. */
  estimatedWaitSeconds: number | null;
  /** Why it waits, for the wallboard: "3 agents have billing>=5, all busy; relaxes to level 3 in 40 s". */
  why: string;
  callbackRequested: boolean;
}

export interface QueueView {
  queueId: string;
  waiting: number;
  longestWaitSeconds: number;
  agents: { available: number; ringing: number; busy: number; wrapUp: number; away: number };
  serviceLevel: number | null;
  targetServiceLevel: number;
  thresholdSeconds: number;
  asa: number | null;
  abandonRate: number | null;
  /** For a contact joining now. */
  estimatedWaitSeconds: number | null;
  counts: QueueCounts;
  contacts: WaitingContactView[];
}

export interface AgentView {
  agentId: string;
  /** The team the agent signed in with (agent.signed-in teamId), for wallboards filtered by team. */
  teamId: string | undefined;
  skills: { skill: string; level: number }[];
  /** Queues whose default skill requirements this agent meets: where they can take contacts from. */
  queueIds: string[];
  status: AgentStatus;
  /** Seconds in the current status layer (readiness, or the activity of its latest contact). */
  secondsInState: number;
  reasonCode: string | undefined;
  pending: string | undefined;
  monitoring: boolean;
  contacts: { contactId: string; channel: Channel; activity: Activity; seconds: number }[];
  handledToday: number;
}

export interface LiveContactView {
  contactId: string;
  channel: Channel;
  queueId: string;
  phase: ContactPhase;
  agentId: string | undefined;
  customerId: string | undefined;
  customerTier: string | undefined;
  waitedSeconds: number;
}

export interface AlertView {
  alertId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: string;
  message: string;
  sinceSeconds: number;
}

export interface LiveSnapshot {
  at: string;
  queues: QueueView[];
  agents: AgentView[];
  liveContacts: LiveContactView[];
  alerts: AlertView[];
  anomalies: Record<string, number>;
}
