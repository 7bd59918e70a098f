import type { StarboardEvent } from "@starboard/core";
import { csatScore, surveyResponse } from "./csat";
import { botTurns, talkEvents, type Words } from "./history-words";
import { csatComments, topics } from "./phrases";
import type { ContactPlan } from "./plan";
import type { SimulatorProfile } from "./profile";
import type { Rng } from "./rng";

/** Where the history's queue model put the contact: an agent after a wait, or nobody. */
export type Served = { agentId: string; waitSeconds: number } | { agentId: undefined; waitSeconds: number };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One contact's events as Starboard would have logged them, for history back-fill. Ids derive
 * from the contact id, itself derived from the seed and the arrival hour: a second run repeats them.
 */
export function contactEvents(
  rng: Rng,
  profile: SimulatorProfile,
  plan: ContactPlan,
  contactId: string,
  served: Served,
): StarboardEvent[] {
  const channel = plan.channel;
  if (channel === "email" || channel === "ticket")
    throw new Error(`contactEvents: ${channel} contacts are tickets (ticketSteps), not conversations`);
  const lang = plan.language;
  const queue = profile.queues.find((q) => q.id === plan.queueId);
  const base = {
    version: 1 as const,
    tenant: profile.tenant,
    source: "simulator:history",
    channel,
    contactId,
  };
  const out: StarboardEvent[] = [];
  let n = 0;
  const id = (type: string) => `${contactId}:${type}:${++n}`;
  const words: Words = { base, id, contactId, language: plan.language };
  let t = plan.at;
  const voice = channel === "voice";
  out.push({
    ...base,
    id: id("created"),
    type: "contact.created",
    time: iso(t),
    data: {
      direction: "inbound",
      from: voice ? plan.customer.phone : `visitor-${plan.customer.id}`,
      to: voice ? (queue?.did ?? "4008001000") : `widget-${channel}`,
      customerId: plan.customer.id,
      language: lang,
    },
  });
  const end = (
    outcome: "handled" | "abandoned" | "self-service",
    endedBy: "customer" | "agent" | "bot",
    extra: { agentId?: string; wait: number; talk: number; hold: number; wrap: number },
  ) => {
    out.push({
      ...base,
      ...(extra.agentId === undefined ? {} : { agentId: extra.agentId }),
      id: id("ended"),
      type: "contact.ended",
      time: iso(t),
      data: {
        endedBy,
        outcome,
        resolved: outcome === "self-service" || (outcome === "handled" && plan.resolved),
        ...(outcome === "self-service" ? {} : { queueId: plan.queueId }),
        waitSeconds: extra.wait,
        talkSeconds: extra.talk,
        holdSeconds: extra.hold,
        wrapupSeconds: extra.wrap,
        categories: [topics[plan.topic].category[lang]],
      },
    });
    if (rng.float() < surveyResponse[outcome]) {
      const score = csatScore(rng, { waitSeconds: extra.wait, outcome, resolved: plan.resolved });
      t += rng.int(30, 600) * 1000;
      out.push({
        ...base,
        ...(extra.agentId === undefined ? {} : { agentId: extra.agentId }),
        id: id("csat"),
        type: "csat.survey-answered",
        time: iso(t),
        data: {
          surveyId: `survey-${contactId}`,
          score,
          language: lang,
          ...(rng.chance(0.4) ? { comment: rng.pick(csatComments[lang][score >= 4 ? "good" : "bad"]) } : {}),
        },
      });
    }
  };
  if (voice) {
    out.push({
      ...base,
      id: id("ivr"),
      type: "contact.ivr-entered",
      time: iso(t),
      data: { ivrId: "main", menu: "main" },
    });
    t += plan.ivrSeconds * 1000;
    out.push({
      ...base,
      id: id("ivr-exit"),
      type: "contact.ivr-exited",
      time: iso(t),
      data: {
        ivrId: "main",
        menuPath: ["main"],
        digits: plan.ivrSelfService ? "9" : "1",
        recognizedIntent: topics[plan.topic].intent,
        exit: plan.ivrSelfService ? "self-service" : "queue",
        ivrSeconds: plan.ivrSeconds,
      },
    });
    if (plan.ivrSelfService) {
      out.push({
        ...base,
        id: id("disc"),
        type: "contact.disconnected",
        time: iso(t),
        data: { endedBy: "customer", hangupCause: "NORMAL_CLEARING" },
      });
      end("self-service", "customer", { wait: 0, talk: plan.ivrSeconds, hold: 0, wrap: 0 });
      return out;
    }
  }
  if (plan.bot !== undefined) {
    out.push(...botTurns(rng, plan, plan.bot, words, t));
    t += plan.bot.seconds * 1000;
    if (plan.bot.resolves) {
      out.push({
        ...base,
        id: id("disc"),
        type: "contact.disconnected",
        time: iso(t),
        data: { endedBy: "bot" },
      });
      end("self-service", "bot", { wait: 0, talk: plan.bot.seconds, hold: 0, wrap: 0 });
      return out;
    }
  }
  out.push({
    ...base,
    id: id("queued"),
    type: "contact.queued",
    time: iso(t),
    data: {
      queueId: plan.queueId,
      requiredSkills: queue === undefined ? [] : [{ skill: queue.skill, minLevel: queue.minLevel }],
      priority: (queue?.basePriority ?? 0) + (plan.tier === "vip" ? 100 : 0),
      ...(plan.tier === undefined ? {} : { customerTier: plan.tier }),
      entry: "new",
      position: 1,
    },
  });
  if (served.agentId === undefined) {
    t += served.waitSeconds * 1000;
    out.push({
      ...base,
      id: id("abandoned"),
      type: "contact.abandoned",
      time: iso(t),
      data: { queueId: plan.queueId, waitSeconds: served.waitSeconds, position: 1 },
    });
    out.push({
      ...base,
      id: id("disc"),
      type: "contact.disconnected",
      time: iso(t),
      data: { endedBy: "customer", ...(voice ? { hangupCause: "ORIGINATOR_CANCEL" } : {}) },
    });
    end("abandoned", "customer", { wait: served.waitSeconds, talk: 0, hold: 0, wrap: 0 });
    return out;
  }
  const agentId = served.agentId;
  const withAgent = { ...base, agentId };
  t += served.waitSeconds * 1000;
  const ring = voice ? plan.ringSeconds : 0;
  out.push({
    ...withAgent,
    id: id("offered"),
    type: "contact.offered",
    time: iso(t),
    data: { queueId: plan.queueId, ringTimeoutSeconds: 20, attempt: 1 },
  });
  t += ring * 1000;
  out.push({
    ...withAgent,
    id: id("connected"),
    type: "contact.connected",
    time: iso(t),
    data: { queueId: plan.queueId, waitSeconds: served.waitSeconds, ringMs: ring * 1000 },
  });
  const talkStart = t;
  out.push(...talkEvents(rng, plan, { ...words, agentId }, talkStart));
  if (plan.holdSeconds > 0) {
    out.push({
      ...withAgent,
      id: id("held"),
      type: "contact.held",
      time: iso(talkStart + plan.talkSeconds * 400),
      data: { heldBy: "agent" },
    });
    out.push({
      ...withAgent,
      id: id("resumed"),
      type: "contact.resumed",
      time: iso(talkStart + plan.talkSeconds * 400 + plan.holdSeconds * 1000),
      data: { holdSeconds: plan.holdSeconds },
    });
  }
  t = talkStart + (plan.talkSeconds + plan.holdSeconds) * 1000;
  const endedBy = plan.agentHangsUp ? "agent" : "customer";
  out.push({
    ...withAgent,
    id: id("disc"),
    type: "contact.disconnected",
    version: 2,
    time: iso(t),
    data: {
      endedBy,
      ...(voice ? { hangupCause: "NORMAL_CLEARING", ringSeconds: ring } : {}),
      talkSeconds: plan.talkSeconds,
      holdSeconds: plan.holdSeconds,
    },
  });
  out.push({
    ...withAgent,
    id: id("wrap"),
    type: "contact.wrapup-started",
    time: iso(t),
    data: { queueId: plan.queueId, limitSeconds: 120 },
  });
  t += plan.wrapupSeconds * 1000;
  out.push({
    ...withAgent,
    id: id("wrapped"),
    type: "contact.wrapup-ended",
    time: iso(t),
    data: {
      wrapupSeconds: plan.wrapupSeconds,
      endedBy: "agent",
      dispositionCode: plan.resolved ? "resolved" : "follow-up",
    },
  });
  end("handled", endedBy, {
    agentId,
    wait: served.waitSeconds,
    talk: plan.talkSeconds,
    hold: plan.holdSeconds,
    wrap: plan.wrapupSeconds,
  });
  return out;
}
