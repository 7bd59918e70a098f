import type { Channel, StarboardEvent } from "@starboard/core";
import type { PayloadMapper } from "../http/step";
import { firstIssue, requiredMessage } from "../http/zod-path";
import { type ChatPayload, chatPayloadParser } from "./schema";

const channels: Record<ChatPayload["channel"], Channel> = { web: "webchat", app: "appchat", video: "video" };

/** The platform's offset times become the log's UTC-with-milliseconds. */
const utc = (at: string) => new Date(at).toISOString();

/**
 * Chat payload -> Starboard events. Ids derive from the conversation and the payload's own ids, so
 * a re-sent webhook (new delivery id, same fact) is deduplicated by every sink.
 */
export const mapChatPayload: PayloadMapper = (payload, context) => {
  const parsed = chatPayloadParser.safeParse(payload, { error: requiredMessage });
  if (!parsed.success) return { kind: "invalid", ...firstIssue(parsed.error) };
  const p = parsed.data;
  const envelope = {
    version: 1 as const,
    time: utc(p.at),
    tenant: context.tenant,
    source: context.source,
    channel: channels[p.channel],
    contactId: p.conversationId,
  };
  const id = (type: string, ...parts: string[]) =>
    ["chat", p.conversationId, type, ...parts].join(":").slice(0, 128);
  return { kind: "ok", events: toEvents(p, envelope, id) };
};

type Envelope = {
  version: 1;
  time: string;
  tenant: string;
  source: string;
  channel: Channel;
  contactId: string;
};

function toEvents(
  p: ChatPayload,
  e: Envelope,
  id: (type: string, ...parts: string[]) => string,
): StarboardEvent[] {
  switch (p.type) {
    case "conversation.started":
      return [
        {
          ...e,
          id: id("contact.created"),
          type: "contact.created",
          data: {
            direction: "inbound",
            from: p.visitorId,
            to: p.widgetId,
            entryPoint: p.widgetId,
            ...(p.customerId === undefined ? {} : { customerId: p.customerId }),
            ...(p.language === undefined ? {} : { language: p.language }),
            ...(p.page === undefined ? {} : { page: p.page }),
          },
        },
      ];
    case "message.customer":
      return [
        {
          ...e,
          id: id("message.received", p.messageId),
          type: "message.received",
          data: {
            messageId: p.messageId,
            senderRole: "customer",
            text: p.text,
            ...(p.attachments === undefined ? {} : { attachments: p.attachments }),
          },
        },
      ];
    case "message.agent":
      return [
        {
          ...e,
          agentId: p.agentId,
          id: id("message.sent", p.messageId),
          type: "message.sent",
          data: { messageId: p.messageId, senderRole: "agent", text: p.text },
        },
      ];
    case "message.bot":
      return [
        {
          ...e,
          id: id("message.sent", p.messageId),
          type: "message.sent",
          data: { messageId: p.messageId, senderRole: "bot", botId: p.botId, text: p.text },
        },
      ];
    case "bot.handoff":
      return [
        {
          ...e,
          id: id("bot.handoff"),
          type: "bot.handoff",
          data: {
            botId: p.botId,
            reason: p.reason,
            ...(p.intent === undefined ? {} : { intent: p.intent }),
            // The agent reads what was said; the schema bounds the summary, so keep the latest turns.
            summary: p.transcript
              .map((t) => `${t.role}: ${t.text}`)
              .join("\n")
              .slice(-4_000),
            toQueueId: p.toQueue,
            botTurns: p.transcript.filter((t) => t.role === "bot").length,
            botSeconds: p.botSeconds,
          },
        },
      ];
    case "conversation.escalated":
      return [
        {
          ...e,
          id: id("contact.escalated"),
          type: "contact.escalated",
          data: {
            toChannel: p.to,
            toContactId: p.newConversationId,
            requestedBy: p.requestedBy,
            ...(p.reason === undefined ? {} : { reason: p.reason }),
          },
        },
      ];
    case "conversation.closed": {
      const agent = p.agentId === undefined ? {} : { agentId: p.agentId };
      return [
        {
          ...e,
          ...agent,
          id: id("contact.disconnected"),
          type: "contact.disconnected",
          data: { endedBy: p.closedBy },
        },
        {
          ...e,
          ...agent,
          id: id("contact.ended"),
          type: "contact.ended",
          data: {
            endedBy: p.closedBy,
            outcome: p.outcome,
            resolved: p.resolved,
            ...(p.queue === undefined ? {} : { queueId: p.queue }),
            waitSeconds: p.waitSeconds,
            talkSeconds: p.handleSeconds,
            holdSeconds: 0,
            // The chat platform reports no wrap-up; it is the agent desktop's to add.
            wrapupSeconds: 0,
            categories: p.categories ?? [],
          },
        },
      ];
    }
    case "csat.answered":
      return [
        {
          ...e,
          ...(p.agentId === undefined ? {} : { agentId: p.agentId }),
          id: id("csat.survey-answered", p.surveyId),
          type: "csat.survey-answered",
          data: {
            surveyId: p.surveyId,
            score: p.score,
            ...(p.comment === undefined ? {} : { comment: p.comment }),
          },
        },
      ];
  }
}
