import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";

// Contact-center facts for tests, built as the sources would publish them; times are relative to `t0`.

const at = (t0: number, seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const base = (t0: number, seconds: number, source = "test") => ({
  id: randomUUID(),
  version: 1,
  time: at(t0, seconds),
  tenant: "default",
  source,
});

export function agentOnline(
  t0: number,
  s: number,
  agentId: string,
  skill = "support",
  endpoint = "user/1001",
): StarboardEvent[] {
  return [
    {
      ...base(t0, s),
      type: "agent.signed-in",
      agentId,
      data: { endpoint, skills: [{ skill, level: 5 }], capacity: { voice: 1, webchat: 2 } },
    },
    { ...base(t0, s + 0.1), type: "agent.ready", agentId, data: {} },
  ] as StarboardEvent[];
}

export function callQueued(
  t0: number,
  s: number,
  contactId: string,
  from: string,
  queueId = "support",
): StarboardEvent[] {
  return [
    {
      ...base(t0, s),
      type: "contact.created",
      channel: "voice",
      contactId,
      data: { direction: "inbound", from, to: "4001", customerId: `cust-${from}` },
    },
    {
      ...base(t0, s + 0.5),
      type: "contact.queued",
      channel: "voice",
      contactId,
      data: { queueId, requiredSkills: [], priority: 0, entry: "new", position: 1 },
    },
  ] as StarboardEvent[];
}

export function callHandled(
  t0: number,
  s: number,
  contactId: string,
  agentId: string,
  opts: { wait: number; talk: number; queueId?: string; csat?: number },
): StarboardEvent[] {
  const queueId = opts.queueId ?? "support";
  const connectAt = s + opts.wait;
  const endAt = connectAt + opts.talk;
  const events: StarboardEvent[] = [
    {
      ...base(t0, connectAt),
      type: "contact.connected",
      channel: "voice",
      contactId,
      agentId,
      data: { queueId, waitSeconds: opts.wait, ringMs: 2_000 },
    },
    {
      ...base(t0, endAt),
      type: "contact.disconnected",
      channel: "voice",
      contactId,
      agentId,
      data: { endedBy: "customer", hangupCause: "NORMAL_CLEARING" },
    },
    {
      ...base(t0, endAt + 5),
      type: "contact.ended",
      channel: "voice",
      contactId,
      agentId,
      data: {
        endedBy: "customer",
        hangupCause: "NORMAL_CLEARING",
        outcome: "handled",
        resolved: true,
        queueId,
        waitSeconds: opts.wait,
        talkSeconds: opts.talk,
        holdSeconds: 0,
        wrapupSeconds: 5,
        categories: ["billing"],
      },
    },
  ] as StarboardEvent[];
  if (opts.csat !== undefined)
    events.push({
      ...base(t0, endAt + 6),
      type: "csat.survey-answered",
      channel: "voice",
      contactId,
      agentId,
      data: { surveyId: "post-call", score: opts.csat },
    } as StarboardEvent);
  return events;
}
