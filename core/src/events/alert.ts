import { z } from "zod";
import type { EventDef } from "./envelope";
import { idString, shortText, ticketNumber } from "./fields";
import type { SpecTable } from "./spec";

// Wallboard alerts. Keyed by alertId (raise and clear share a partition); what an alert is about
// lives in data, and which field must be set follows from its kind.

export const alertKinds = [
  "service-level-below-target",
  "long-wait",
  "agent-long-wrapup",
  "agent-long-away",
  "ticket-sla-reminder",
  "ticket-sla-breach",
  "qa-flag",
] as const;
export type AlertKind = (typeof alertKinds)[number];
export type AlertSeverity = "info" | "warning" | "critical";

/** The figure that crossed its threshold. Fractions are 0..1, as everywhere in metrics. */
export interface AlertMeasure {
  value: number;
  threshold: number;
  unit: "fraction" | "seconds" | "count";
}

export interface AlertRaisedData {
  alertId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  queueId?: string;
  agentId?: string;
  contactId?: string;
  ticketNumber?: string;
  flagId?: string;
  /** Ready to show, in the install's language. */
  message: string;
  measure?: AlertMeasure;
}

export interface AlertClearedData {
  alertId: string;
  kind: AlertKind;
  /** recovered: the condition ended; acknowledged: a person dismissed it; expired: nobody did. */
  reason: "recovered" | "acknowledged" | "expired";
  /** Who acknowledged it. */
  clearedBy?: string;
  measure?: AlertMeasure;
}

export type AlertRaised = EventDef<"alert.raised", 1, "detached", AlertRaisedData>;
export type AlertCleared = EventDef<"alert.cleared", 1, "detached", AlertClearedData>;

export type AlertEvent = AlertRaised | AlertCleared;

type SubjectField = "queueId" | "agentId" | "contactId" | "ticketNumber" | "flagId";

/** What each kind is about: the field a wallboard needs to place the alert. */
const requiredField: Readonly<Record<AlertKind, SubjectField>> = {
  "service-level-below-target": "queueId",
  "long-wait": "contactId",
  "agent-long-wrapup": "agentId",
  "agent-long-away": "agentId",
  "ticket-sla-reminder": "ticketNumber",
  "ticket-sla-breach": "ticketNumber",
  "qa-flag": "flagId",
};

const alertKind = z.enum(alertKinds);

const measure = z.strictObject({
  value: z.number(),
  threshold: z.number(),
  unit: z.enum(["fraction", "seconds", "count"]),
}) satisfies z.ZodType<AlertMeasure>;

const alertRaisedV1 = z
  .strictObject({
    alertId: idString,
    kind: alertKind,
    severity: z.enum(["info", "warning", "critical"]),
    queueId: idString.optional(),
    agentId: idString.optional(),
    contactId: idString.optional(),
    ticketNumber: ticketNumber.optional(),
    flagId: idString.optional(),
    message: shortText(1_000),
    measure: measure.optional(),
  })
  .superRefine((alert, ctx) => {
    const field = requiredField[alert.kind];
    if (alert[field] === undefined) {
      ctx.addIssue({ code: "custom", path: [field], message: `required for a ${alert.kind} alert` });
    }
  }) satisfies z.ZodType<AlertRaisedData>;

const alertClearedV1 = z.strictObject({
  alertId: idString,
  kind: alertKind,
  reason: z.enum(["recovered", "acknowledged", "expired"]),
  clearedBy: idString.optional(),
  measure: measure.optional(),
}) satisfies z.ZodType<AlertClearedData>;

export const alertSpecs = {
  "alert.raised": { 1: { subject: "detached", data: alertRaisedV1 } },
  "alert.cleared": { 1: { subject: "detached", data: alertClearedV1 } },
} satisfies SpecTable<AlertEvent>;
