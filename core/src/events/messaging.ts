import { z } from "zod";
import type { EventDef } from "./envelope";
import { idString, language, milliseconds, shortText } from "./fields";
import type { SpecTable } from "./spec";

// The words of a contact: chat, app and email messages, and speech-to-text of voice calls. QA
// rules and demand keywords run over these, with offsets pointing back into `text`.

export type SenderRole = "customer" | "agent" | "bot" | "system";

export interface Attachment {
  name: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
}

export interface MessageReceivedData {
  messageId: string;
  /** Always the customer: a separate type keeps "first customer message" a cheap filter. */
  senderRole: "customer";
  /** May be empty when the message is only attachments. */
  text: string;
  language?: string;
  attachments?: Attachment[];
}

export interface MessageSentData {
  messageId: string;
  senderRole: Exclude<SenderRole, "customer">;
  /** Set when a bot wrote it; an agent author is the envelope's agentId. */
  botId?: string;
  text: string;
  language?: string;
  attachments?: Attachment[];
}

/** One final speech-to-text segment of a call; partial hypotheses never reach the log. */
export interface TranscriptSegmentData {
  segmentId: string;
  speaker: "agent" | "customer";
  text: string;
  language?: string;
  /** Offsets from the start of the call's recording. */
  startMs: number;
  endMs: number;
  /** Recognizer confidence, 0..1. */
  confidence?: number;
}

export type MessageReceived = EventDef<"message.received", 1, "contact", MessageReceivedData>;
export type MessageSent = EventDef<"message.sent", 1, "contact", MessageSentData>;
export type TranscriptSegment = EventDef<"transcript.segment", 1, "contact", TranscriptSegmentData>;

export type MessagingEvent = MessageReceived | MessageSent | TranscriptSegment;

const messageText = z.string().max(20_000);

const attachment = z.strictObject({
  name: shortText(256),
  mimeType: z.string().regex(/^[a-z]+\/[\w.+-]+$/, { error: 'expected a MIME type like "image/png"' }),
  sizeBytes: z.int().nonnegative(),
  url: z.url().max(2048),
}) satisfies z.ZodType<Attachment>;

const attachments = z.array(attachment).max(20);

const messageReceivedV1 = z.strictObject({
  messageId: idString,
  senderRole: z.literal("customer"),
  text: messageText,
  language: language.optional(),
  attachments: attachments.optional(),
}) satisfies z.ZodType<MessageReceivedData>;

const messageSentV1 = z.strictObject({
  messageId: idString,
  senderRole: z.enum(["agent", "bot", "system"]),
  botId: idString.optional(),
  text: messageText,
  language: language.optional(),
  attachments: attachments.optional(),
}) satisfies z.ZodType<MessageSentData>;

const transcriptSegmentV1 = z
  .strictObject({
    segmentId: idString,
    speaker: z.enum(["agent", "customer"]),
    text: z.string().min(1).max(20_000),
    language: language.optional(),
    startMs: milliseconds,
    endMs: milliseconds,
    confidence: z.number().min(0).max(1).optional(),
  })
  .refine((s) => s.endMs >= s.startMs, {
    path: ["endMs"],
    error: "endMs must not be before startMs",
  }) satisfies z.ZodType<TranscriptSegmentData>;

export const messagingSpecs = {
  "message.received": { 1: { subject: "contact", data: messageReceivedV1 } },
  "message.sent": { 1: { subject: "contact", data: messageSentV1 } },
  "transcript.segment": { 1: { subject: "contact", data: transcriptSegmentV1 } },
} satisfies SpecTable<MessagingEvent>;
