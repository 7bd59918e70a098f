import { z } from "zod";
import type { Channel, EventDef } from "./envelope";
import { address, code, hangupCause, idString, language, seconds, shortText, tags } from "./fields";
import type { SpecTable } from "./spec";

// A contact's beginning and end on every channel, plus the media facts in between (IVR, recording).
// Queueing lives in contact-queue.ts, the agent's handling in contact-handling.ts.

export type Direction = "inbound" | "outbound";
/** Who ended the conversation. "system" covers timeouts and failures, "supervisor" a forced hangup. */
export type EndedBy = "customer" | "agent" | "bot" | "system" | "supervisor";
/**
 * handled: an agent talked to the customer; abandoned: left before connect; self-service: IVR or bot
 * answered it; transferred-external: left the center; failed: never reached anyone (busy, no answer).
 */
export type ContactOutcome = "handled" | "abandoned" | "self-service" | "transferred-external" | "failed";
export type IvrExit = "queue" | "self-service" | "hangup" | "timeout" | "transfer";

/** The page or app screen a chat started from, so the agent does not have to ask. */
export interface PageContext {
  url?: string;
  title?: string;
  productId?: string;
  productName?: string;
  appScreen?: string;
}

export interface ContactCreatedData {
  direction: Direction;
  /** Caller number (E.164), chat visitor identity, email sender. */
  from: string;
  /** Dialled number, chat widget, mailbox. */
  to: string;
  customerId?: string;
  /** The recognized customer's tier (customer directory), for routing priority and the agent's screen. */
  customerTier?: string;
  /** Where it came in: DID or IVR entry for voice, widget or app id for chat. */
  entryPoint?: string;
  page?: PageContext;
  /** Email subject. */
  subject?: string;
  language?: string;
  /** The contact this one continues, e.g. the chat a video call was escalated from. */
  parentContactId?: string;
}

export interface ContactIvrEnteredData {
  ivrId: string;
  menu: string;
}

export interface ContactIvrExitedData {
  ivrId: string;
  /** Menus visited in order, first is the entry menu. */
  menuPath: string[];
  /** DTMF pressed, in order ("" for a speech-only IVR). */
  digits: string;
  /** What a speech IVR understood, e.g. "query-credit-card-bill". */
  recognizedIntent?: string;
  exit: IvrExit;
  ivrSeconds: number;
}

/** The media or session ended (hangup, chat closed). The contact may still be in wrap-up. */
export interface ContactDisconnectedData {
  endedBy: EndedBy;
  /** Voice and video only. */
  hangupCause?: string;
}

/**
 * v2 adds what the switch measured at hangup, so a handled call (whose contact.ended comes later,
 * from wrap-up) keeps them. Optional: chat has none, and a resync-closed call never saw its hangup.
 * FreeSWITCH: billsec -> talkSeconds, hold_accum_seconds -> holdSeconds, duration - billsec ->
 * ringSeconds (switch_channel_set_timestamps).
 */
export interface ContactDisconnectedDataV2 extends ContactDisconnectedData {
  talkSeconds?: number;
  holdSeconds?: number;
  ringSeconds?: number;
}

/**
 * The closing record of a contact, emitted once when nothing more will happen to it (after wrap-up,
 * if any): one event holds what reports need, so a sink writes one row and never joins.
 */
export interface ContactEndedData {
  endedBy: EndedBy;
  /** Voice and video only. */
  hangupCause?: string;
  outcome: ContactOutcome;
  /** Resolved as far as the source knows (first-contact resolution). */
  resolved: boolean;
  /** The last queue it waited in. */
  queueId?: string;
  /** Total queue wait over the contact's life. */
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapupSeconds: number;
  /** Category tags (demand reports): "billing", "物流慢"... */
  categories: string[];
  dispositionCode?: string;
}

/** A chat moved to voice or video: a new contact on the new channel, linked both ways. */
export interface ContactEscalatedData {
  toChannel: Extract<Channel, "voice" | "video">;
  toContactId: string;
  requestedBy: "customer" | "agent";
  reason?: string;
}

export interface ContactRecordingStartedData {
  recordingId: string;
  /** File path on the media server or a storage URL. */
  location: string;
}

export interface ContactRecordingStoppedData {
  recordingId: string;
  recordingSeconds: number;
  stoppedBy: "hangup" | "agent" | "supervisor" | "system";
}

export type ContactCreated = EventDef<"contact.created", 1, "contact", ContactCreatedData>;
export type ContactIvrEntered = EventDef<"contact.ivr-entered", 1, "contact", ContactIvrEnteredData>;
export type ContactIvrExited = EventDef<"contact.ivr-exited", 1, "contact", ContactIvrExitedData>;
export type ContactDisconnected = EventDef<"contact.disconnected", 1, "contact", ContactDisconnectedData>;
export type ContactDisconnectedV2 = EventDef<"contact.disconnected", 2, "contact", ContactDisconnectedDataV2>;
export type ContactEnded = EventDef<"contact.ended", 1, "contact", ContactEndedData>;
export type ContactEscalated = EventDef<"contact.escalated", 1, "contact", ContactEscalatedData>;
export type ContactRecordingStarted = EventDef<
  "contact.recording-started",
  1,
  "contact",
  ContactRecordingStartedData
>;
export type ContactRecordingStopped = EventDef<
  "contact.recording-stopped",
  1,
  "contact",
  ContactRecordingStoppedData
>;

export type ContactSessionEvent =
  | ContactCreated
  | ContactIvrEntered
  | ContactIvrExited
  | ContactDisconnected
  | ContactDisconnectedV2
  | ContactEnded
  | ContactEscalated
  | ContactRecordingStarted
  | ContactRecordingStopped;

const endedBy = z.enum(["customer", "agent", "bot", "system", "supervisor"]);

const pageContext = z.strictObject({
  url: z.url().max(2048).optional(),
  title: shortText(512).optional(),
  productId: idString.optional(),
  productName: shortText(256).optional(),
  appScreen: shortText(128).optional(),
}) satisfies z.ZodType<PageContext>;

const contactCreatedV1 = z.strictObject({
  direction: z.enum(["inbound", "outbound"]),
  from: address,
  to: address,
  customerId: idString.optional(),
  customerTier: shortText(32).optional(),
  entryPoint: shortText(128).optional(),
  page: pageContext.optional(),
  subject: shortText(998).optional(),
  language: language.optional(),
  parentContactId: idString.optional(),
}) satisfies z.ZodType<ContactCreatedData>;

const contactIvrEnteredV1 = z.strictObject({
  ivrId: idString,
  menu: shortText(64),
}) satisfies z.ZodType<ContactIvrEnteredData>;

const contactIvrExitedV1 = z.strictObject({
  ivrId: idString,
  menuPath: z.array(shortText(64)).min(1).max(64),
  digits: z.string().regex(/^[0-9*#A-D]{0,64}$/, { error: "expected DTMF digits (0-9, *, #, A-D)" }),
  recognizedIntent: shortText(128).optional(),
  exit: z.enum(["queue", "self-service", "hangup", "timeout", "transfer"]),
  ivrSeconds: seconds,
}) satisfies z.ZodType<ContactIvrExitedData>;

const contactDisconnectedV1 = z.strictObject({
  endedBy,
  hangupCause: hangupCause.optional(),
}) satisfies z.ZodType<ContactDisconnectedData>;

const contactDisconnectedV2 = z.strictObject({
  endedBy,
  hangupCause: hangupCause.optional(),
  talkSeconds: seconds.optional(),
  holdSeconds: seconds.optional(),
  ringSeconds: seconds.optional(),
}) satisfies z.ZodType<ContactDisconnectedDataV2>;

const contactEndedV1 = z.strictObject({
  endedBy,
  hangupCause: hangupCause.optional(),
  outcome: z.enum(["handled", "abandoned", "self-service", "transferred-external", "failed"]),
  resolved: z.boolean(),
  queueId: idString.optional(),
  waitSeconds: seconds,
  talkSeconds: seconds,
  holdSeconds: seconds,
  wrapupSeconds: seconds,
  categories: tags,
  dispositionCode: code.optional(),
}) satisfies z.ZodType<ContactEndedData>;

const contactEscalatedV1 = z.strictObject({
  toChannel: z.enum(["voice", "video"]),
  toContactId: idString,
  requestedBy: z.enum(["customer", "agent"]),
  reason: shortText(512).optional(),
}) satisfies z.ZodType<ContactEscalatedData>;

const contactRecordingStartedV1 = z.strictObject({
  recordingId: idString,
  location: shortText(2048),
}) satisfies z.ZodType<ContactRecordingStartedData>;

const contactRecordingStoppedV1 = z.strictObject({
  recordingId: idString,
  recordingSeconds: seconds,
  stoppedBy: z.enum(["hangup", "agent", "supervisor", "system"]),
}) satisfies z.ZodType<ContactRecordingStoppedData>;

export const contactSessionSpecs = {
  "contact.created": { 1: { subject: "contact", data: contactCreatedV1 } },
  "contact.ivr-entered": { 1: { subject: "contact", data: contactIvrEnteredV1 } },
  "contact.ivr-exited": { 1: { subject: "contact", data: contactIvrExitedV1 } },
  "contact.disconnected": {
    1: { subject: "contact", data: contactDisconnectedV1 },
    2: { subject: "contact", data: contactDisconnectedV2 },
  },
  "contact.ended": { 1: { subject: "contact", data: contactEndedV1 } },
  "contact.escalated": { 1: { subject: "contact", data: contactEscalatedV1 } },
  "contact.recording-started": { 1: { subject: "contact", data: contactRecordingStartedV1 } },
  "contact.recording-stopped": { 1: { subject: "contact", data: contactRecordingStoppedV1 } },
} satisfies SpecTable<ContactSessionEvent>;
