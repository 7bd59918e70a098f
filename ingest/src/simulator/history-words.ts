import type { Channel, StarboardEvent } from "@starboard/core";
import { botLines, type Language, topics } from "./phrases";
import type { BotPlan, ContactPlan } from "./plan";
import type { Rng } from "./rng";
import { conversation } from "./script";

/** What the words of one history contact share: its envelope and its id sequence. */
export interface Words {
  base: { version: 1; tenant: string; source: string; channel: Channel; contactId: string };
  id: (type: string) => string;
  contactId: string;
  language: Language;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The bot's greeting, the customer's question, then the bot's answer and resolution or its hand-off. */
export function botTurns(
  rng: Rng,
  plan: ContactPlan,
  bot: BotPlan,
  w: Words,
  startMs: number,
): StarboardEvent[] {
  const { base, id, contactId, language } = w;
  const topic = topics[plan.topic];
  const botSays = (n: number, text: string, at: number): StarboardEvent => ({
    ...base,
    id: id("msg"),
    type: "message.sent",
    time: iso(at),
    data: { messageId: `${contactId}-b${n}`, senderRole: "bot", botId: "starbot", text, language },
  });
  const endMs = startMs + bot.seconds * 1000;
  const facts = { botId: "starbot", intent: topic.intent, botTurns: bot.turns, botSeconds: bot.seconds };
  const opening = rng.pick(topic.opening[language]);
  return [
    botSays(0, botLines[language].greet, startMs),
    {
      ...base,
      id: id("msg"),
      type: "message.received",
      time: iso(startMs + 5_000),
      data: { messageId: `${contactId}-c0`, senderRole: "customer", text: opening, language },
    },
    ...(bot.resolves
      ? [
          botSays(1, botLines[language].resolved, endMs),
          { ...base, id: id("bot"), type: "bot.resolved" as const, time: iso(endMs), data: facts },
        ]
      : [
          botSays(1, botLines[language].handoff, endMs),
          {
            ...base,
            id: id("bot"),
            type: "bot.handoff" as const,
            time: iso(endMs),
            data: { ...facts, reason: bot.reason, summary: `customer: ${opening}`, toQueueId: plan.queueId },
          },
        ]),
  ];
}

/** The agent conversation: transcript segments for a call, messages both ways for a chat. */
export function talkEvents(
  rng: Rng,
  plan: ContactPlan,
  w: Words & { agentId: string },
  talkStart: number,
): StarboardEvent[] {
  const { base, id, contactId, language, agentId } = w;
  return conversation(rng, plan).map((line, i): StarboardEvent => {
    const at = iso(talkStart + line.offsetSeconds * 1000);
    if (base.channel === "voice") {
      const startMs = Math.round(line.offsetSeconds * 1000);
      return {
        ...base,
        id: id("seg"),
        type: "transcript.segment",
        time: at,
        data: {
          segmentId: `${contactId}-s${i}`,
          speaker: line.speaker,
          text: line.text,
          language,
          startMs,
          endMs: startMs + 2_500,
          confidence: 0.9,
        },
      };
    }
    const messageId = `${contactId}-m${i}`;
    return line.speaker === "agent"
      ? {
          ...base,
          agentId,
          id: id("msg"),
          type: "message.sent",
          time: at,
          data: { messageId, senderRole: "agent", text: line.text, language },
        }
      : {
          ...base,
          id: id("msg"),
          type: "message.received",
          time: at,
          data: { messageId, senderRole: "customer", text: line.text, language },
        };
  });
}
