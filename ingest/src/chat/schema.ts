import { z } from "zod";

// The chat platform's webhook payloads (documented in ../http/README.md). Strict: an unknown
// field is refused with its path, as the event model does, rather than silently dropped.

const id = z.string().min(1).max(128);
const text = z.string().max(20_000);
const base = {
  conversationId: id,
  /** web -> webchat, app -> appchat, video -> video. */
  channel: z.enum(["web", "app", "video"]),
  at: z.iso.datetime({ offset: true }),
};
const attachment = z.strictObject({
  name: z.string().min(1).max(256),
  mimeType: z.string(),
  sizeBytes: z.int().nonnegative(),
  url: z.url(),
});

export const chatPayload = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("conversation.started"),
    ...base,
    visitorId: id,
    customerId: id.optional(),
    widgetId: id,
    language: z.string().optional(),
    page: z
      .strictObject({
        url: z.url().optional(),
        title: z.string().min(1).max(512).optional(),
        productId: id.optional(),
        productName: z.string().min(1).max(256).optional(),
        appScreen: z.string().min(1).max(128).optional(),
      })
      .optional(),
  }),
  z.strictObject({
    type: z.literal("message.customer"),
    ...base,
    messageId: id,
    text,
    attachments: z.array(attachment).max(20).optional(),
  }),
  z.strictObject({ type: z.literal("message.agent"), ...base, messageId: id, agentId: id, text }),
  z.strictObject({ type: z.literal("message.bot"), ...base, messageId: id, botId: id, text }),
  z.strictObject({
    type: z.literal("bot.handoff"),
    ...base,
    botId: id,
    reason: z.enum([
      "complaint",
      "requested_human",
      "not_understood",
      "out_of_scope",
      "sensitive_topic",
      "bot_error",
    ]),
    intent: z.string().min(1).max(128).optional(),
    toQueue: id,
    botSeconds: z.number().nonnegative(),
    transcript: z
      .array(z.strictObject({ role: z.enum(["customer", "bot"]), text: z.string().min(1).max(4_000) }))
      .min(1)
      .max(500),
  }),
  z.strictObject({
    type: z.literal("conversation.escalated"),
    ...base,
    to: z.enum(["voice", "video"]),
    newConversationId: id,
    requestedBy: z.enum(["customer", "agent"]),
    reason: z.string().min(1).max(512).optional(),
  }),
  z.strictObject({
    type: z.literal("conversation.closed"),
    ...base,
    closedBy: z.enum(["customer", "agent", "bot", "system"]),
    agentId: id.optional(),
    queue: id.optional(),
    outcome: z.enum(["handled", "abandoned", "self-service"]),
    resolved: z.boolean(),
    waitSeconds: z.number().nonnegative(),
    handleSeconds: z.number().nonnegative(),
    categories: z.array(z.string().min(1).max(64)).max(32).optional(),
  }),
  z.strictObject({
    type: z.literal("csat.answered"),
    ...base,
    surveyId: id,
    agentId: id.optional(),
    score: z.int().min(1).max(5),
    comment: z.string().min(1).max(4_000).optional(),
  }),
]);

export type ChatPayload = z.infer<typeof chatPayload>;

/**
 * The schema compiled (zod's generated fast path, as core's event schemas are): the interpreter's
 * parse of chat payloads was ~2-4% of the platform's main thread in the load bench, and compiled it
 * is ~3.5x faster. A payload the fast path refuses goes through the interpreter, so the error is the
 * one the declared schema gives (test/fuzz/chat-parser.test.ts holds the two to the same answers).
 */
export const chatPayloadParser = z.compile(chatPayload);
