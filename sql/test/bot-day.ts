import { exampleEvents, type StarboardEvent } from "@starboard/core";

// Bot and IVR sessions with outcomes checkable by hand (see self-service.test.ts). Agents: s1 top
// level 9 (senior), j1 level 5, s2 signs in at 5 and is raised to 9 (the latest level counts).

const x = exampleEvents;
const day1 = Date.UTC(2026, 10, 30, 9, 0, 0);
const day2 = Date.UTC(2026, 11, 1, 9, 0, 0);
const day3 = Date.UTC(2026, 11, 2, 9, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();
const min = 60_000;

const skills = (level: number) => [{ skill: "support", level }];

function signedIn(agentId: string, level: number): StarboardEvent {
  return {
    ...x["agent.signed-in"],
    id: `in-${agentId}`,
    time: at(day1 - 60 * min),
    agentId,
    data: { skills: skills(level), capacity: { webchat: 3, voice: 1 } },
  };
}

const chat = (contactId: string, channel: "webchat" | "appchat" = "webchat") =>
  ({ tenant: "default", channel, contactId }) as const;

function resolved(
  contactId: string,
  time: number,
  channel: "webchat" | "appchat" = "webchat",
): StarboardEvent {
  return {
    ...x["bot.resolved"],
    ...chat(contactId, channel),
    id: `res-${contactId}`,
    time: at(time),
    data: { botId: "starbot", botTurns: 3, botSeconds: 30 },
  };
}

type Reason = "complaint" | "requested_human" | "not_understood";
function handoff(
  contactId: string,
  time: number,
  reason: Reason,
  eventId = `ho-${contactId}`,
): StarboardEvent {
  return {
    ...x["bot.handoff"],
    ...chat(contactId),
    id: eventId,
    time: at(time),
    data: {
      ...x["bot.handoff"].data,
      botId: "starbot",
      reason,
      toQueueId: "chat",
      botTurns: 4,
      botSeconds: 30,
    },
  };
}

function ivr(contactId: string, time: number, exit: "self-service" | "queue" | "hangup"): StarboardEvent {
  return {
    ...x["contact.ivr-exited"],
    tenant: "default",
    channel: "voice",
    contactId,
    id: `ivr-${contactId}`,
    time: at(time),
    data: { ...x["contact.ivr-exited"].data, exit, ivrSeconds: 20 },
  };
}

/** What followed: ended handled by an agent (or abandoned), and a survey when given. */
function after(
  contactId: string,
  time: number,
  o: { agent?: string; wait: number; resolved?: boolean; csat?: number; channel?: "webchat" | "voice" },
): StarboardEvent[] {
  const channel = o.channel ?? "webchat";
  const { dispositionCode: _d, ...data } = x["contact.ended"].data;
  const ended = {
    ...x["contact.ended"],
    tenant: "default",
    channel,
    contactId,
    id: `end-${contactId}`,
    time: at(time + 10 * min),
    ...(o.agent === undefined ? {} : { agentId: o.agent }),
    data: {
      ...data,
      outcome: o.agent === undefined ? "abandoned" : "handled",
      resolved: o.resolved ?? false,
      waitSeconds: o.wait,
      queueId: "chat",
    },
  } as StarboardEvent;
  if (o.csat === undefined) return [ended];
  const survey = {
    ...x["csat.survey-answered"],
    tenant: "default",
    channel,
    contactId,
    ...(o.agent === undefined ? {} : { agentId: o.agent }),
    id: `csat-${contactId}`,
    time: at(time + 20 * min),
    data: { surveyId: "post-chat", score: o.csat },
  } as StarboardEvent;
  return [ended, survey];
}

export function botDayEvents(): StarboardEvent[] {
  const t = (m: number) => day1 + m * min;
  const events: StarboardEvent[] = [
    signedIn("s1", 9),
    signedIn("j1", 5),
    signedIn("s2", 5),
    {
      ...x["agent.skills-changed"],
      id: "s2-raised",
      time: at(day1 - 30 * min),
      agentId: "s2",
      data: { skills: skills(9), changedBy: "sup-1" },
    },
    resolved("b1", t(1)),
    resolved("b2", t(2)),
    handoff("b3", t(3), "complaint"),
    // The same hand-off delivered twice under another event id: one session.
    handoff("b3", t(3), "complaint", "ho-b3-again"),
    ...after("b3", t(3), { agent: "s1", wait: 10, resolved: true, csat: 5 }),
    handoff("b4", t(4), "complaint"),
    ...after("b4", t(4), { agent: "j1", wait: 30, csat: 2 }),
    handoff("b5", t(5), "complaint"),
    ...after("b5", t(5), { wait: 50 }),
    handoff("b6", t(6), "requested_human"),
    ...after("b6", t(6), { agent: "s2", wait: 20, resolved: true }),
    // Still waiting: no end yet.
    handoff("b7", t(7), "not_understood"),
    resolved("b8", t(8), "appchat"),
    ivr("v1", t(10), "self-service"),
    ivr("v2", t(11), "queue"),
    ...after("v2", t(11), { agent: "j1", wait: 5, resolved: true, csat: 4, channel: "voice" }),
    ivr("v3", t(12), "hangup"),
    ivr("v4", t(13), "queue"),
    ...after("v4", t(13), { wait: 40, channel: "voice" }),
    handoff("b11", day2, "complaint"),
    ...after("b11", day2, { agent: "s1", wait: 20, resolved: true, csat: 4 }),
    // After the range.
    resolved("b10", day3),
  ];
  return events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

export const botRange = { from: new Date(Date.UTC(2026, 10, 30)), to: new Date(Date.UTC(2026, 11, 2)) };
