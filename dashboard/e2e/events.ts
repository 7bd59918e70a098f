import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";

// Contact-center facts as the sources would publish them, for the end-to-end tests and the bench.

const base = (at: Date) => ({
  id: randomUUID(),
  version: 1,
  time: at.toISOString(),
  tenant: "default",
  source: "e2e",
});

export function agentSignedIn(
  agentId: string,
  at: Date,
  skill = "support",
  endpoint = `user/${agentId}`,
): StarboardEvent[] {
  return [
    {
      ...base(at),
      type: "agent.signed-in",
      agentId,
      data: { endpoint, skills: [{ skill, level: 5 }], capacity: { voice: 1, webchat: 2 } },
    },
    { ...base(new Date(at.getTime() + 100)), type: "agent.ready", agentId, data: {} },
  ] as StarboardEvent[];
}

/** Signed in straight onto a break (never ready): takes no contacts. */
export function agentOnBreak(agentId: string, at: Date, skill: string, reasonCode: string): StarboardEvent[] {
  const [signedIn] = agentSignedIn(agentId, at, skill);
  return signedIn === undefined
    ? []
    : [signedIn, agentNotReady(agentId, new Date(at.getTime() + 100), reasonCode)];
}

export function agentNotReady(agentId: string, at: Date, reasonCode: string): StarboardEvent {
  return { ...base(at), type: "agent.not-ready", agentId, data: { reasonCode } } as StarboardEvent;
}

export function agentReady(agentId: string, at: Date): StarboardEvent {
  return { ...base(at), type: "agent.ready", agentId, data: {} } as StarboardEvent;
}

export function callQueued(contactId: string, at: Date, from: string, queueId = "support"): StarboardEvent[] {
  return [
    {
      ...base(at),
      type: "contact.created",
      channel: "voice",
      contactId,
      data: { direction: "inbound", from, to: "4001", customerId: `cust-${from}` },
    },
    {
      ...base(new Date(at.getTime() + 500)),
      type: "contact.queued",
      channel: "voice",
      contactId,
      data: { queueId, requiredSkills: [], priority: 0, entry: "new", position: 1 },
    },
  ] as StarboardEvent[];
}

type HistoryChannel = "voice" | "webchat" | "email";

/** A contact that came, waited, was handled and rated: what the channel report counts. */
export function handledContact(
  channel: HistoryChannel,
  start: Date,
  agentId: string,
  opts: {
    wait: number;
    talk: number;
    csat?: number;
    resolved?: boolean;
    queueId?: string;
    categories?: string[];
  },
): StarboardEvent[] {
  const contactId = randomUUID();
  const queueId = opts.queueId ?? "support";
  const t = (s: number) => new Date(start.getTime() + s * 1000);
  const events = [
    {
      ...base(t(0)),
      type: "contact.created",
      channel,
      contactId,
      data: { direction: "inbound", from: "+8613800000000", to: "4001" },
    },
    {
      ...base(t(0.5)),
      type: "contact.queued",
      channel,
      contactId,
      data: { queueId, requiredSkills: [], priority: 0, entry: "new", position: 1 },
    },
    {
      ...base(t(opts.wait)),
      type: "contact.connected",
      channel,
      contactId,
      agentId,
      data: { queueId, waitSeconds: opts.wait, ringMs: 3000 },
    },
    {
      ...base(t(opts.wait + opts.talk + 5)),
      type: "contact.ended",
      channel,
      contactId,
      agentId,
      data: {
        endedBy: "customer",
        outcome: "handled",
        resolved: opts.resolved ?? true,
        queueId,
        waitSeconds: opts.wait,
        talkSeconds: opts.talk,
        holdSeconds: 0,
        wrapupSeconds: 5,
        categories: opts.categories ?? ["billing"],
      },
    },
  ] as StarboardEvent[];
  if (opts.csat !== undefined)
    events.push({
      ...base(t(opts.wait + opts.talk + 6)),
      type: "csat.survey-answered",
      channel,
      contactId,
      agentId,
      data: { surveyId: "post-contact", score: opts.csat },
    } as StarboardEvent);
  return events;
}

/** A queued call an agent answered: the agent shows busy on the wallboard until it ends. */
export function callConnected(
  contactId: string,
  agentId: string,
  at: Date,
  from: string,
  queueId = "support",
): StarboardEvent[] {
  return [
    ...callQueued(contactId, at, from, queueId),
    {
      ...base(new Date(at.getTime() + 8_000)),
      type: "contact.connected",
      channel: "voice",
      contactId,
      agentId,
      data: { queueId, waitSeconds: 8, ringMs: 2_000 },
    } as StarboardEvent,
  ];
}

/**
 * 01:00 UTC of the newest day a test's contacts may use: today, or yesterday before 02:00 UTC. What
 * is placed in the 90 minutes from it is in the past at any time of day and on one UTC date; placed
 * relative to now, test data straddled midnight and failed day-based checks between 00:00 and ~01:30.
 */
export function newestDataHour(now = Date.now()): number {
  const day = 86_400_000;
  return Math.floor((now - 2 * 3_600_000) / day) * day + 3_600_000;
}
