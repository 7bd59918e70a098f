// What the server says in English (a waiting contact's reason, an alert's message, the platform's own
// not-ready codes), worded here from the codes and numbers the API sends beside the English, in the
// reader's language. A new code without messages fails the type check (the tables below are Records
// over the code unions) and test/server-text.test.ts (which compares them with core's lists).

import type { Formatters } from "./format";
import type { MessageKey } from "./i18n";

export const waitReasonCodes = ["NO_ELIGIBLE_AGENT", "ALL_ELIGIBLE_BUSY", "IDLE_SERVING_AHEAD"] as const;
export type WaitReasonCode = (typeof waitReasonCodes)[number];

export interface WaitReason {
  code: WaitReasonCode;
  requirements: { skill: string; minLevel: number }[];
  eligibleAgents: number;
  idleEligibleAgents: number;
  relax: { skill: string; toLevel: number; inSeconds: number } | null;
  overflow: { toQueueId: string; inSeconds: number } | null;
  callbackRequested: boolean;
}

/** The selection the wallboard asks for (queueStats' waitingContacts). */
export const waitReasonFields =
  "waitReason { code requirements { skill minLevel } eligibleAgents idleEligibleAgents relax { skill toLevel inSeconds } overflow { toQueueId inSeconds } callbackRequested }";

/** The first clause per code: `one` when exactly one agent is eligible, else `other`. */
export const waitReasonMessages: Record<WaitReasonCode, { one: MessageKey; other: MessageKey }> = {
  NO_ELIGIBLE_AGENT: { one: "waitNoEligible", other: "waitNoEligible" },
  ALL_ELIGIBLE_BUSY: { one: "waitAllBusyOne", other: "waitAllBusy" },
  IDLE_SERVING_AHEAD: { one: "waitIdleAhead", other: "waitIdleAhead" },
};

export const alertKinds = [
  "SERVICE_LEVEL_BELOW_TARGET",
  "LONG_WAIT",
  "AGENT_LONG_WRAPUP",
  "AGENT_LONG_AWAY",
  "TICKET_SLA_REMINDER",
  "TICKET_SLA_BREACH",
  "QA_FLAG",
] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertMessages: Record<AlertKind, MessageKey> = {
  SERVICE_LEVEL_BELOW_TARGET: "alertSlBelowTarget",
  LONG_WAIT: "alertLongWait",
  AGENT_LONG_WRAPUP: "alertLongWrapup",
  AGENT_LONG_AWAY: "alertLongAway",
  TICKET_SLA_REMINDER: "alertTicketReminder",
  TICKET_SLA_BREACH: "alertTicketBreach",
  QA_FLAG: "alertQaFlag",
};

/** Not-ready codes the platform sets itself (core's systemNotReadyReasons, and "signed-in"). */
export const systemReasons = ["signed-in", "ring-timeout", "rejected", "forced", "device-offline"] as const;
export type SystemReason = (typeof systemReasons)[number];

export const systemReasonMessages: Record<SystemReason, MessageKey> = {
  "signed-in": "reasonSignedIn",
  "ring-timeout": "reasonRingTimeout",
  rejected: "reasonRejected",
  forced: "reasonForced",
  "device-offline": "reasonDeviceOffline",
};

/** OperationError codes a supervisor action can fail with (graphql/src/services/supervisor.ts). */
export const operationErrorCodes = [
  "NOT_FOUND",
  "NOT_CONNECTED",
  "BAD_USER_INPUT",
  "SWITCH_REFUSED",
] as const;
export type OperationErrorCode = (typeof operationErrorCodes)[number];

export const operationErrorMessages: Record<OperationErrorCode, MessageKey> = {
  NOT_FOUND: "opErrorNotFound",
  NOT_CONNECTED: "opErrorNotConnected",
  BAD_USER_INPUT: "opErrorBadInput",
  SWITCH_REFUSED: "opErrorSwitchRefused",
};

export interface AlertParams {
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

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A wait in the reader's words: "45 s", "3 min" / "45 秒", "3 分钟" (minutes from two on). */
export function span(t: T, fmt: Formatters, seconds: number): string {
  return seconds < 120
    ? t("spanSeconds", { n: fmt.int(Math.round(seconds)) })
    : t("spanMinutes", { n: fmt.int(Math.round(seconds / 60)) });
}

function needsText(t: T, fmt: Formatters, r: WaitReason): string {
  if (r.requirements.length === 0) return t("waitAnySkill");
  // Skill names are the install's ids (billing, 粤语): shown as configured.
  return r.requirements.map((q) => `${q.skill}>=${fmt.int(q.minLevel)}`).join(t("waitSkillJoin"));
}

/** The reason a contact waits, in the session's language. */
export function waitReasonText(t: T, fmt: Formatters, r: WaitReason): string {
  const keys = waitReasonMessages[r.code];
  let text = t(r.eligibleAgents === 1 ? keys.one : keys.other, {
    needs: needsText(t, fmt, r),
    count: fmt.int(r.eligibleAgents),
    idle: fmt.int(r.idleEligibleAgents),
  });
  const sep = t("clauseSeparator");
  if (r.relax !== null)
    text += sep + t("waitRelax", { level: fmt.int(r.relax.toLevel), time: span(t, fmt, r.relax.inSeconds) });
  if (r.overflow !== null)
    text +=
      sep + t("waitOverflow", { queue: r.overflow.toQueueId, time: span(t, fmt, r.overflow.inSeconds) });
  if (r.callbackRequested) text += sep + t("waitCallback");
  return text;
}

/**
 * What the wallboard knows beside an alert: a queue's answer threshold (the "(20 s)" of a service
 * level) and an agent's not-ready reason, neither of which AlertParams carries. Absent: read from the
 * server's sentence, which core words as "...% (20 s)" and "has been away (lunch) for 12 min".
 */
export interface AlertFacts {
  thresholdSeconds?: (queueId: string) => number | undefined;
  awayReason?: (agentId: string) => string | null | undefined;
}

const slWithin = /\((\d+) s\)$/;
const awayFor = / has been away \((.+)\) for /;

function thresholdOf(a: { message: string }, queue: string, facts: AlertFacts): number | undefined {
  const live = facts.thresholdSeconds?.(queue);
  if (live !== undefined) return live;
  const said = slWithin.exec(a.message)?.[1];
  return said === undefined ? undefined : Number(said);
}

function awayReasonOf(a: { message: string }, agent: string, facts: AlertFacts): string | undefined {
  const live = facts.awayReason?.(agent);
  if (live !== undefined) return live ?? undefined;
  const said = awayFor.exec(a.message)?.[1];
  // core says "not ready" when the agent gave no reason: no reason to show then.
  return said === undefined || said === "not ready" ? undefined : said;
}

/** An alert's message in the session's language; the server's English when a kind is new to this app. */
export function alertText(
  t: T,
  fmt: Formatters,
  a: { kind: string; message: string; subject: string; params: AlertParams | null },
  facts: AlertFacts = {},
): string {
  const key = alertMessages[a.kind as AlertKind] as MessageKey | undefined;
  if (key === undefined || a.params === null) return a.message;
  const p = a.params;
  // A QA flag without its words (not seen by this API) keeps the server's sentence.
  if (a.kind === "QA_FLAG" && p.category === null) return a.message;
  const measured = (v: number | null) =>
    v === null ? "—" : p.unit === "FRACTION" ? fmt.percent(v) : span(t, fmt, v);
  const values = {
    queue: p.queueId ?? a.subject,
    value: measured(p.value),
    threshold: measured(p.threshold),
  };
  if (a.kind === "SERVICE_LEVEL_BELOW_TARGET") {
    const within = thresholdOf(a, values.queue, facts);
    if (within !== undefined)
      return t("alertSlBelowTargetWithin", { ...values, within: span(t, fmt, within) });
  }
  if (a.kind === "AGENT_LONG_AWAY") {
    const reason = awayReasonOf(a, p.agentId ?? a.subject, facts);
    if (reason !== undefined) return t("alertLongAwayReason", { ...values, reason: reasonText(t, reason) });
  }
  // The subject (contact, agent, ticket) is shown beside the message, so the message does not repeat
  // it. A QA flag's subject is the flag's id: the message names the agent (or contact) instead.
  return t(key, {
    ...values,
    // The rule's category and the matched words are the install's and the customer's: as they are.
    category: p.category ?? "",
    text: p.matchedText ?? "",
    who: p.agentId ?? p.contactId ?? a.subject,
  });
}

/** A not-ready reason: the platform's own codes translated, an install's codes as configured. */
export function reasonText(t: T, code: string): string {
  const key = systemReasonMessages[code as SystemReason] as MessageKey | undefined;
  return key === undefined ? code : t(key);
}

/**
 * Why a supervisor action failed, in the session's language. The switch's own answer (SWITCH_REFUSED)
 * is quoted as it came; an unknown code shows the server's English.
 */
export function operationErrorText(t: T, code: string | undefined, message: string): string {
  const key = operationErrorMessages[code as OperationErrorCode] as MessageKey | undefined;
  return key === undefined ? message : t(key, { detail: message });
}
