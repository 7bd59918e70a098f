import { exampleEvents, type StarboardEvent } from "@starboard/core";

// A busy day of contact events for the sink benchmark: each contact is created, queued, then either
// answered (offered, connected, disconnected, ended, a survey for most) or abandoned (ended), spread
// over 2026-11-30 08:00-20:00 UTC. About 6 events per contact, 20 queues, 3 channels, 300 agents.

const dayStart = Date.UTC(2026, 10, 30, 8);
const channels = ["voice", "webchat", "email"] as const;

export function benchDay(events: number): StarboardEvent[] {
  const x = exampleEvents;
  const out: StarboardEvent[] = [];
  const contacts = Math.ceil(events / 6);
  const spacing = (12 * 3_600_000) / contacts;
  for (let i = 0; out.length < events; i++) {
    const cid = `bench-c${i}`;
    const channel = channels[i % 3] ?? "voice";
    const queueId = `q-${i % 20}`;
    const agentId = `agent-${i % 300}`;
    const t0 = Math.floor(dayStart + i * spacing);
    const wait = (i * 7919) % 90;
    const base = { tenant: "default", channel, contactId: cid } as const;
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const id = (n: number) => `${cid}-${n}`;
    out.push(
      { ...x["contact.created"], ...base, id: id(0), time: at(0), data: { ...x["contact.created"].data } },
      {
        ...x["contact.queued"],
        ...base,
        id: id(1),
        time: at(1_000),
        data: { ...x["contact.queued"].data, queueId },
      },
    );
    const left = 1_000 + wait * 1_000;
    if (i % 7 === 0) {
      out.push(
        {
          ...x["contact.abandoned"],
          ...base,
          id: id(2),
          time: at(left),
          data: { queueId, waitSeconds: wait, position: 1 },
        },
        ended(base, id(3), at(left + 100), queueId, wait, false),
      );
      continue;
    }
    const agent = { ...base, agentId };
    const talk = 60 + ((i * 31) % 600);
    out.push(
      {
        ...x["contact.offered"],
        ...agent,
        id: id(2),
        time: at(left - 500),
        data: { ...x["contact.offered"].data, queueId },
      },
      {
        ...x["contact.connected"],
        ...agent,
        id: id(3),
        time: at(left),
        data: { queueId, waitSeconds: wait, ringMs: 500 },
      },
      { ...x["contact.disconnected"], ...agent, id: id(4), time: at(left + talk * 1_000) },
      ended(agent, id(5), at(left + talk * 1_000 + 20_000), queueId, wait, true),
    );
    if (i % 3 !== 0) {
      out.push({
        ...x["csat.survey-answered"],
        ...agent,
        id: id(6),
        time: at(left + talk * 1_000 + 80_000),
        data: { surveyId: `s-${cid}`, score: 1 + (i % 5) },
      });
    }
  }
  return out.slice(0, events).map((e) => JSON.parse(JSON.stringify(e)) as StarboardEvent);
}

function ended(
  base: { tenant: string; channel: (typeof channels)[number]; contactId: string; agentId?: string },
  id: string,
  time: string,
  queueId: string,
  wait: number,
  handled: boolean,
): StarboardEvent {
  return {
    ...exampleEvents["contact.ended"],
    agentId: undefined,
    ...base,
    id,
    time,
    data: {
      endedBy: "customer" as const,
      outcome: handled ? "handled" : "abandoned",
      resolved: handled && id.length % 2 === 0,
      queueId,
      waitSeconds: wait,
      talkSeconds: handled ? 120 : 0,
      holdSeconds: 0,
      wrapupSeconds: handled ? 20 : 0,
      categories: handled ? ["billing"] : [],
    },
  };
}
