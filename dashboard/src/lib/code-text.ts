// Codes the API sends as values (GraphQL enums, and the event log's lowercase codes it passes on as
// strings), worded in the reader's language. Every code of a family has a message: the lists below
// are compared with the schema's enums and core's event definitions by test/code-text.test.ts, so a
// new value without en and zh-CN words fails there. A code this build does not know yet (a newer
// server) is shown as sent, never as a blank cell.

import type { MessageKey } from "./i18n";

/** A family's codes, each with its message key. */
function family<const C extends string>(codes: readonly C[], key: (code: C) => MessageKey) {
  return Object.fromEntries(codes.map((c) => [c, key(c)])) as Record<C, MessageKey>;
}

// GraphQL enums (upper case, as the schema spells them).
export const channelCodes = ["VOICE", "WEBCHAT", "APPCHAT", "VIDEO", "EMAIL", "SMS", "TICKET"] as const;
export const roleCodes = ["SUPERVISOR", "EXEC", "QA", "BI", "ADMIN"] as const;
export const agentStatusCodes = ["OFFLINE", "AVAILABLE", "RINGING", "BUSY", "WRAP_UP", "AWAY"] as const;
export const activityCodes = ["RINGING", "TALKING", "HOLD", "WRAP_UP"] as const;
export const contactPhaseCodes = ["WAITING", "OFFERED", "CONNECTED", "WRAP_UP"] as const;
export const alertSeverityCodes = ["INFO", "WARNING", "CRITICAL"] as const;
export const monitorModeCodes = ["LISTEN", "WHISPER", "BARGE"] as const;
export const supervisorOperationCodes = [
  "MONITOR_CALL",
  "CHANGE_MONITOR_MODE",
  "STOP_MONITOR",
  "TAKE_OVER_CALL",
  "FORCE_HANGUP",
  "SET_AGENT_STATE",
  "ACKNOWLEDGE_ALERT",
  "REVIEW_QA_FLAG",
] as const;
export const operationStatusCodes = ["SUCCEEDED", "FAILED", "PENDING"] as const;
export const intervalCodes = ["MINUTE_15", "HOUR", "DAY", "WEEK"] as const;
export const demandKindCodes = ["CATEGORY", "KEYWORD", "INTENT"] as const;
export const selfServiceKindCodes = ["BOT", "IVR"] as const;
export const serviceMeasureCodes = [
  "CSAT",
  "RESOLUTION_RATE",
  "ABANDON_RATE",
  "ASA",
  "FIRST_RESPONSE",
] as const;
const serviceMeasureKeys: Record<(typeof serviceMeasureCodes)[number], MessageKey> = {
  CSAT: "csat",
  RESOLUTION_RATE: "resolutionRate",
  ABANDON_RATE: "abandonRate",
  ASA: "asa",
  FIRST_RESPONSE: "firstResponse",
};

// The event log's codes, passed on by the API as strings (lower case, as core defines them).
export const contactOutcomeCodes = [
  "handled",
  "abandoned",
  "self-service",
  "transferred-external",
  "failed",
] as const;
export const auditOutcomeCodes = ["accepted", "denied", "failed"] as const;
export const ticketPriorityCodes = ["low", "normal", "high", "urgent"] as const;
export const ticketStatusCodes = ["open", "resolved", "closed"] as const;
/** A ticket step is its event's type without "ticket.". */
export const ticketStepCodes = [
  "created",
  "assigned",
  "moved",
  "commented",
  "resolved",
  "reopened",
  "closed",
] as const;
export const qaSeverityCodes = ["low", "medium", "high", "critical"] as const;
export const flagVerdictCodes = ["confirmed", "false-positive"] as const;

export const codeMessages = {
  channel: family(channelCodes, (c) => `channel_${c}`),
  role: family(roleCodes, (c) => `role_${c}`),
  agentStatus: family(agentStatusCodes, (c) => `status_${c}`),
  activity: family(activityCodes, (c) => `activity_${c}`),
  contactPhase: family(contactPhaseCodes, (c) => `phase_${c}`),
  alertSeverity: family(alertSeverityCodes, (c) => `severity_${c}`),
  monitorMode: family(monitorModeCodes, (c) =>
    c === "LISTEN" ? "listen" : c === "WHISPER" ? "whisper" : "barge",
  ),
  supervisorOperation: family(supervisorOperationCodes, (c) => `op_${c}`),
  operationStatus: family(operationStatusCodes, (c) => `status_${c}`),
  interval: family(intervalCodes, (c) => `interval_${c}`),
  demandKind: family(demandKindCodes, (c) => `demandKind_${c}`),
  selfServiceKind: family(selfServiceKindCodes, (c) => `kind_${c}`),
  serviceMeasure: family(serviceMeasureCodes, (c) => serviceMeasureKeys[c]),
  contactOutcome: family(contactOutcomeCodes, (c) => `contactOutcome_${c}`),
  auditOutcome: family(auditOutcomeCodes, (c) => `auditOutcome_${c}`),
  ticketPriority: family(ticketPriorityCodes, (c) => `ticketPriority_${c}`),
  ticketStatus: family(ticketStatusCodes, (c) => `ticketStatus_${c}`),
  ticketStep: family(ticketStepCodes, (c) => `ticketStep_${c}`),
  qaSeverity: family(qaSeverityCodes, (c) => `qaSeverity_${c}`),
  flagVerdict: family(flagVerdictCodes, (c) => `verdict_${c}`),
};
export type CodeFamily = keyof typeof codeMessages;

type T = (key: MessageKey) => string;

/** The message key for a code, or undefined when this build does not know the code. */
export function codeKey(family: CodeFamily, code: string): MessageKey | undefined {
  const table: Record<string, MessageKey> = codeMessages[family];
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

/** A code in the reader's words; an unknown code as sent; an empty one as a dash, never blank. */
export function codeText(t: T, family: CodeFamily, code: string): string {
  if (code === "") return t("none");
  const key = codeKey(family, code);
  return key === undefined ? code : t(key);
}
