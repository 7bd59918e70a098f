import { z } from "zod";
import type { EventDef } from "./envelope";
import {
  e164,
  idString,
  milliseconds,
  position,
  type SkillRequirement,
  seconds,
  shortText,
  skillRequirement,
} from "./fields";
import type { SpecTable } from "./spec";

// From entering a queue to reaching an agent (or giving up): the facts service level, ASA,
// abandon rate and the wallboard's waiting list are computed from.

/**
 * Why a contact entered this queue. Only "new" and "transfer" count as offered to the queue; a
 * requeue after a missed offer is the same contact waiting on, and an overflow is a flow-in that
 * Genesys-style service levels count separately.
 */
export type QueueEntry = "new" | "requeue" | "transfer" | "overflow";

export interface ContactQueuedData {
  queueId: string;
  requiredSkills: SkillRequirement[];
  /** Higher is served first: queue base plus customer tier. Aging is applied by the router. */
  priority: number;
  /** Configured tier name, e.g. "vip". */
  customerTier?: string;
  entry: QueueEntry;
  /** Place in the queue on entry, 1-based. */
  position: number;
  /** The estimate announced to the customer, kept to measure its error later. */
  estimatedWaitSeconds?: number;
}

export interface ContactOfferedData {
  queueId: string;
  ringTimeoutSeconds: number;
  /** 1 for the first agent offered, 2 after one miss... */
  attempt: number;
}

export interface ContactOfferRejectedData {
  queueId: string;
  ringMs: number;
  reason?: string;
}

export interface ContactOfferTimeoutData {
  queueId: string;
  ringMs: number;
}

export interface ContactConnectedData {
  /** Absent for direct calls and outbound dials that never queued. */
  queueId?: string;
  /** Queue wait before this connect: the ASA numerator. */
  waitSeconds: number;
  ringMs: number;
}

export interface ContactAbandonedData {
  queueId: string;
  waitSeconds: number;
  /** Place in the queue when the customer gave up, 1-based. */
  position: number;
}

export interface ContactOverflowedData {
  fromQueueId: string;
  toQueueId: string;
  ruleId: string;
  waitSeconds: number;
}

/** The customer asked to be called back; with keepsPosition the contact stays queued without a call. */
export interface ContactCallbackRequestedData {
  queueId: string;
  callbackNumber: string;
  keepsPosition: boolean;
  position: number;
  waitSeconds: number;
}

export interface ContactCallbackDialledData {
  queueId: string;
  callbackNumber: string;
  attempt: number;
}

export type ContactQueued = EventDef<"contact.queued", 1, "contact", ContactQueuedData>;
export type ContactOffered = EventDef<"contact.offered", 1, "contact-agent", ContactOfferedData>;
export type ContactOfferRejected = EventDef<
  "contact.offer-rejected",
  1,
  "contact-agent",
  ContactOfferRejectedData
>;
export type ContactOfferTimeout = EventDef<
  "contact.offer-timeout",
  1,
  "contact-agent",
  ContactOfferTimeoutData
>;
export type ContactConnected = EventDef<"contact.connected", 1, "contact-agent", ContactConnectedData>;
export type ContactAbandoned = EventDef<"contact.abandoned", 1, "contact", ContactAbandonedData>;
export type ContactOverflowed = EventDef<"contact.overflowed", 1, "contact", ContactOverflowedData>;
export type ContactCallbackRequested = EventDef<
  "contact.callback-requested",
  1,
  "contact",
  ContactCallbackRequestedData
>;
export type ContactCallbackDialled = EventDef<
  "contact.callback-dialled",
  1,
  "contact",
  ContactCallbackDialledData
>;

export type ContactQueueEvent =
  | ContactQueued
  | ContactOffered
  | ContactOfferRejected
  | ContactOfferTimeout
  | ContactConnected
  | ContactAbandoned
  | ContactOverflowed
  | ContactCallbackRequested
  | ContactCallbackDialled;

const attempt = z.int().min(1);

const contactQueuedV1 = z.strictObject({
  queueId: idString,
  requiredSkills: z.array(skillRequirement).max(16),
  priority: z.int().min(0).max(1_000_000),
  customerTier: shortText(32).optional(),
  entry: z.enum(["new", "requeue", "transfer", "overflow"]),
  position,
  estimatedWaitSeconds: seconds.optional(),
}) satisfies z.ZodType<ContactQueuedData>;

const contactOfferedV1 = z.strictObject({
  queueId: idString,
  ringTimeoutSeconds: z.int().min(1).max(600),
  attempt,
}) satisfies z.ZodType<ContactOfferedData>;

const contactOfferRejectedV1 = z.strictObject({
  queueId: idString,
  ringMs: milliseconds,
  reason: shortText(256).optional(),
}) satisfies z.ZodType<ContactOfferRejectedData>;

const contactOfferTimeoutV1 = z.strictObject({
  queueId: idString,
  ringMs: milliseconds,
}) satisfies z.ZodType<ContactOfferTimeoutData>;

const contactConnectedV1 = z.strictObject({
  queueId: idString.optional(),
  waitSeconds: seconds,
  ringMs: milliseconds,
}) satisfies z.ZodType<ContactConnectedData>;

const contactAbandonedV1 = z.strictObject({
  queueId: idString,
  waitSeconds: seconds,
  position,
}) satisfies z.ZodType<ContactAbandonedData>;

const contactOverflowedV1 = z.strictObject({
  fromQueueId: idString,
  toQueueId: idString,
  ruleId: idString,
  waitSeconds: seconds,
}) satisfies z.ZodType<ContactOverflowedData>;

const contactCallbackRequestedV1 = z.strictObject({
  queueId: idString,
  callbackNumber: e164,
  keepsPosition: z.boolean(),
  position,
  waitSeconds: seconds,
}) satisfies z.ZodType<ContactCallbackRequestedData>;

const contactCallbackDialledV1 = z.strictObject({
  queueId: idString,
  callbackNumber: e164,
  attempt,
}) satisfies z.ZodType<ContactCallbackDialledData>;

export const contactQueueSpecs = {
  "contact.queued": { 1: { subject: "contact", data: contactQueuedV1 } },
  "contact.offered": { 1: { subject: "contact-agent", data: contactOfferedV1 } },
  "contact.offer-rejected": { 1: { subject: "contact-agent", data: contactOfferRejectedV1 } },
  "contact.offer-timeout": { 1: { subject: "contact-agent", data: contactOfferTimeoutV1 } },
  "contact.connected": { 1: { subject: "contact-agent", data: contactConnectedV1 } },
  "contact.abandoned": { 1: { subject: "contact", data: contactAbandonedV1 } },
  "contact.overflowed": { 1: { subject: "contact", data: contactOverflowedV1 } },
  "contact.callback-requested": { 1: { subject: "contact", data: contactCallbackRequestedV1 } },
  "contact.callback-dialled": { 1: { subject: "contact", data: contactCallbackDialledV1 } },
} satisfies SpecTable<ContactQueueEvent>;
