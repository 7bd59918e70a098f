// The shapes the live subscriptions deliver (a subset of schema.graphql's types, as selected below).

import { type AlertParams, type WaitReason, waitReasonFields } from "./server-text";

export type Channel = "VOICE" | "WEBCHAT" | "APPCHAT" | "VIDEO" | "EMAIL" | "SMS" | "TICKET";
export type AgentStatus = "OFFLINE" | "AVAILABLE" | "RINGING" | "BUSY" | "WRAP_UP" | "AWAY";
export type ContactPhase = "WAITING" | "OFFERED" | "CONNECTED" | "WRAP_UP";
export type MonitorMode = "LISTEN" | "WHISPER" | "BARGE";
export type Severity = "INFO" | "WARNING" | "CRITICAL";

export interface WaitingContact {
  contactId: string;
  channel: Channel;
  position: number;
  waitedSeconds: number;
  customerTier: string | null;
  estimatedWaitSeconds: number | null;
  /** The router's English; waitReason carries the same facts for the reader's language. */
  why: string;
  waitReason: WaitReason | null;
  callbackRequested: boolean;
}

export interface Queue {
  id: string;
  waiting: number;
  longestWaitSeconds: number;
  agents: { available: number; ringing: number; busy: number; wrapUp: number; away: number };
  serviceLevel: number | null;
  targetServiceLevel: number;
  thresholdSeconds: number;
  asaSeconds: number | null;
  abandonRate: number | null;
  estimatedWaitSeconds: number | null;
  counts: { offered: number; handled: number; abandoned: number };
  waitingContacts: WaitingContact[];
}

export interface Agent {
  id: string;
  status: AgentStatus;
  stateSince: string;
  reasonCode: string | null;
  pendingState: string | null;
  monitored: boolean;
  contacts: { contactId: string; channel: Channel; activity: string }[];
  handledToday: number;
  team: string | null;
  queueIds: string[];
}

export interface MonitorSession {
  monitorId: string;
  callId: string;
  agentId: string | null;
  mode: MonitorMode;
  supervisorEndpoint: string;
  supervisor: string;
  startedAt: string;
}

export interface LiveContact {
  id: string;
  channel: Channel;
  queueId: string;
  phase: ContactPhase;
  agentId: string | null;
  customerId: string | null;
  customerTier: string | null;
  customerAddress: string | null;
  waitingSince: string;
}

export interface Alert {
  id: string;
  kind: string;
  severity: Severity;
  subject: string;
  message: string;
  params: AlertParams | null;
  sinceSeconds: number;
  acknowledged: boolean;
  acknowledgedBy: string | null;
}

const monitorFields = "monitorId callId agentId mode supervisorEndpoint supervisor startedAt";

export const queueStatsSubscription = `subscription { queueStats { at queues {
  id waiting longestWaitSeconds serviceLevel targetServiceLevel thresholdSeconds asaSeconds abandonRate
  estimatedWaitSeconds agents { available ringing busy wrapUp away } counts { offered handled abandoned }
  waitingContacts { contactId channel position waitedSeconds customerTier estimatedWaitSeconds why ${waitReasonFields} callbackRequested }
} } }`;

export const agentStatesSubscription = `subscription { agentStates { snapshot at removed agents {
  id status stateSince reasonCode pendingState monitored handledToday contacts { contactId channel activity }
  team queueIds
} } }`;

// Without `monitors`: LiveContact.monitors makes the API's cost estimate for this subscription
// 900,201 (limit 200,000, QUERY_TOO_COSTLY). Sessions come from the `monitors` query instead.
export const liveContactsSubscription = `subscription { liveContacts { snapshot at removed contacts {
  id channel queueId phase agentId customerId customerTier customerAddress waitingSince
} } }`;

export const alertsSubscription = `subscription { alerts { at alerts {
  id kind severity subject message sinceSeconds acknowledged acknowledgedBy
  params { category matchedText queueId agentId contactId ticketNumber flagId value threshold unit }
} } }`;

export const monitorsQuery = `{ monitors { ${monitorFields} } }`;

export interface DeltaMessage<K extends string, T> {
  snapshot: boolean;
  at: string;
  removed: string[];
  items: T[];
  key: K;
}
