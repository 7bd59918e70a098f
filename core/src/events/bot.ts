import { z } from "zod";
import type { EventDef } from "./envelope";
import { count, idString, seconds, shortText } from "./fields";
import type { SpecTable } from "./spec";

// The bot's part of a contact: it either hands the customer to a person or resolves it alone
// (containment). Either way exactly one of these ends the bot's turn.

/**
 * Closed on purpose: routing rules match on it (complaints go to senior agents), so a bot gateway
 * maps its own reasons onto these instead of inventing strings the router never heard of.
 */
export const handoffReasons = [
  "complaint",
  "requested_human",
  "not_understood",
  "out_of_scope",
  "sensitive_topic",
  "bot_error",
] as const;
export type HandoffReason = (typeof handoffReasons)[number];

export interface BotHandoffData {
  botId: string;
  reason: HandoffReason;
  intent?: string;
  /** What the customer said so far, so the agent does not make them repeat it. */
  summary: string;
  toQueueId: string;
  botTurns: number;
  botSeconds: number;
}

export interface BotResolvedData {
  botId: string;
  intent?: string;
  botTurns: number;
  botSeconds: number;
}

export type BotHandoff = EventDef<"bot.handoff", 1, "contact", BotHandoffData>;
export type BotResolved = EventDef<"bot.resolved", 1, "contact", BotResolvedData>;

export type BotEvent = BotHandoff | BotResolved;

const botHandoffV1 = z.strictObject({
  botId: idString,
  reason: z.enum(handoffReasons),
  intent: shortText(128).optional(),
  summary: shortText(4_000),
  toQueueId: idString,
  botTurns: count,
  botSeconds: seconds,
}) satisfies z.ZodType<BotHandoffData>;

const botResolvedV1 = z.strictObject({
  botId: idString,
  intent: shortText(128).optional(),
  botTurns: count,
  botSeconds: seconds,
}) satisfies z.ZodType<BotResolvedData>;

export const botSpecs = {
  "bot.handoff": { 1: { subject: "contact", data: botHandoffV1 } },
  "bot.resolved": { 1: { subject: "contact", data: botResolvedV1 } },
} satisfies SpecTable<BotEvent>;
