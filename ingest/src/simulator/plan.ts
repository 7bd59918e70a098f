import type { HandoffReason } from "@starboard/core";
import type { Customer } from "./customers";
import { type Language, qaViolations, type TopicId, topicIds } from "./phrases";
import { queueFor, type SimChannel, type SimulatorProfile } from "./profile";
import type { Rng } from "./rng";

/** What the bot does with a chat before any agent sees it. */
export interface BotPlan {
  resolves: boolean;
  reason: HandoffReason;
  turns: number;
  seconds: number;
}

/**
 * Everything decided about one contact when it arrives; the live simulator and the history
 * generator both play it, so their numbers come from one model.
 */
export interface ContactPlan {
  at: number;
  channel: SimChannel;
  customer: Customer;
  returning: boolean;
  language: Language;
  topic: TopicId;
  queueId: string;
  /** Router tier for VIP, high-value and new customers; standard customers have none. */
  tier: string | undefined;
  /** How long the customer waits in queue before giving up. */
  patienceSeconds: number;
  /** Voice: seconds in the IVR, and whether the IVR alone answers it. */
  ivrSeconds: number;
  ivrSelfService: boolean;
  bot: BotPlan | undefined;
  ringSeconds: number;
  talkSeconds: number;
  /** 0 when the agent never holds. */
  holdSeconds: number;
  wrapupSeconds: number;
  resolved: boolean;
  agentHangsUp: boolean;
  /** An agent line QA should flag, said mid-conversation. */
  qaViolation: { text: string; category: string } | undefined;
  answersSurvey: number;
  /** Unresolved contacts (and email/ticket channels) open a ticket. */
  opensTicket: boolean;
}

const complaintTopics: Partial<Record<TopicId, number>> = { complaint: 1 };

export function planContact(
  rng: Rng,
  profile: SimulatorProfile,
  at: number,
  who: { customer: Customer; returning: boolean },
): ContactPlan {
  const channel = rng.weighted(profile.channelMix);
  const { customer, returning } = who;
  // Returning customers more often call back about a complaint or an unfinished refund.
  const topic: TopicId =
    returning && rng.chance(0.4)
      ? rng.pick(["complaint", "refund", "delivery-late"] as const)
      : rng.pick(topicIds);
  const vip = customer.tier === "vip";
  const voice = channel === "voice";
  const chat = channel === "webchat" || channel === "appchat" || channel === "video";
  const botFirst = chat && channel !== "video" && rng.chance(profile.botShare);
  const botResolves = botFirst && complaintTopics[topic] === undefined && rng.chance(0.45);
  const median = voice ? 240 : chat ? 420 : 600;
  const talkSeconds = Math.round(Math.min(3_600, Math.max(20, rng.logNormal(median, 0.55))));
  const holdSeconds = voice && rng.chance(0.25) ? rng.int(15, 120) : 0;
  const resolved = rng.chance(topic === "complaint" ? 0.55 : 0.82);
  const pool = qaViolations[customer.language];
  return {
    at,
    channel,
    customer,
    returning,
    language: customer.language,
    topic,
    queueId: queueFor(topic, customer.language, vip),
    tier: customer.tier === "standard" ? undefined : customer.tier,
    // VIPs are used to short waits but are also given more time before they give up.
    patienceSeconds: Math.round(Math.max(10, rng.logNormal(voice ? 110 : 240, 0.7) * (vip ? 1.3 : 1))),
    ivrSeconds: voice ? rng.int(8, 45) : 0,
    ivrSelfService: voice && rng.chance(0.12),
    bot: botFirst
      ? {
          resolves: botResolves,
          reason:
            topic === "complaint"
              ? "complaint"
              : rng.pick(["requested_human", "not_understood", "out_of_scope"] as const),
          turns: rng.int(2, 6),
          seconds: rng.int(20, 150),
        }
      : undefined,
    ringSeconds: rng.int(2, 12),
    talkSeconds,
    holdSeconds,
    wrapupSeconds: rng.int(10, 90),
    resolved,
    agentHangsUp: rng.chance(0.3),
    qaViolation: rng.chance(0.04) ? rng.pick(pool) : undefined,
    answersSurvey: rng.float(),
    opensTicket: channel === "email" || channel === "ticket" || (!resolved && rng.chance(0.6)),
  };
}
