import { z } from "zod";
import type { EventDef } from "./envelope";
import { address, code, idString, seconds } from "./fields";
import type { SpecTable } from "./spec";

// What happens while an agent owns a contact: hold, transfer, wrap-up (AHT's hold and wrap-up parts).

export interface ContactHeldData {
  heldBy: "agent" | "supervisor";
}

export interface ContactResumedData {
  /** Length of the hold that just ended. */
  holdSeconds: number;
}

export type TransferSource = { type: "agent"; agentId: string } | { type: "queue"; queueId: string };
export type TransferTarget = TransferSource | { type: "external"; address: string };

export interface ContactTransferredData {
  /** blind: handed over unannounced; attended: the agent spoke to the target first. */
  mode: "blind" | "attended";
  from: TransferSource;
  to: TransferTarget;
  /** Agent or supervisor id. */
  requestedBy: string;
}

export interface ContactWrapupStartedData {
  queueId?: string;
  /** Configured after-contact-work limit, when there is one: alerts compare against it. */
  limitSeconds?: number;
}

export interface ContactWrapupEndedData {
  wrapupSeconds: number;
  /** timer: the limit ran out; supervisor: forced ready. */
  endedBy: "agent" | "timer" | "supervisor";
  dispositionCode?: string;
}

export type ContactHeld = EventDef<"contact.held", 1, "contact-agent", ContactHeldData>;
export type ContactResumed = EventDef<"contact.resumed", 1, "contact-agent", ContactResumedData>;
export type ContactTransferred = EventDef<"contact.transferred", 1, "contact", ContactTransferredData>;
export type ContactWrapupStarted = EventDef<
  "contact.wrapup-started",
  1,
  "contact-agent",
  ContactWrapupStartedData
>;
export type ContactWrapupEnded = EventDef<"contact.wrapup-ended", 1, "contact-agent", ContactWrapupEndedData>;

export type ContactHandlingEvent =
  | ContactHeld
  | ContactResumed
  | ContactTransferred
  | ContactWrapupStarted
  | ContactWrapupEnded;

const agentParty = z.strictObject({ type: z.literal("agent"), agentId: idString });
const queueParty = z.strictObject({ type: z.literal("queue"), queueId: idString });
const externalParty = z.strictObject({ type: z.literal("external"), address });

const contactHeldV1 = z.strictObject({
  heldBy: z.enum(["agent", "supervisor"]),
}) satisfies z.ZodType<ContactHeldData>;

const contactResumedV1 = z.strictObject({
  holdSeconds: seconds,
}) satisfies z.ZodType<ContactResumedData>;

const contactTransferredV1 = z.strictObject({
  mode: z.enum(["blind", "attended"]),
  from: z.discriminatedUnion("type", [agentParty, queueParty]),
  to: z.discriminatedUnion("type", [agentParty, queueParty, externalParty]),
  requestedBy: idString,
}) satisfies z.ZodType<ContactTransferredData>;

const contactWrapupStartedV1 = z.strictObject({
  queueId: idString.optional(),
  limitSeconds: seconds.optional(),
}) satisfies z.ZodType<ContactWrapupStartedData>;

const contactWrapupEndedV1 = z.strictObject({
  wrapupSeconds: seconds,
  endedBy: z.enum(["agent", "timer", "supervisor"]),
  dispositionCode: code.optional(),
}) satisfies z.ZodType<ContactWrapupEndedData>;

export const contactHandlingSpecs = {
  "contact.held": { 1: { subject: "contact-agent", data: contactHeldV1 } },
  "contact.resumed": { 1: { subject: "contact-agent", data: contactResumedV1 } },
  "contact.transferred": { 1: { subject: "contact", data: contactTransferredV1 } },
  "contact.wrapup-started": { 1: { subject: "contact-agent", data: contactWrapupStartedV1 } },
  "contact.wrapup-ended": { 1: { subject: "contact-agent", data: contactWrapupEndedV1 } },
} satisfies SpecTable<ContactHandlingEvent>;
