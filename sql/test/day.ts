import { exampleEvents, type StarboardEvent } from "@starboard/core";

// A small simulated day on 2026-11-30 with totals checkable by hand (see golden.test.ts). Every
// event is a core fixture with its ids, times and numbers replaced.

interface ContactPlan {
  id: string;
  channel: "voice" | "webchat";
  queueId: string;
  agentId: string;
  /** Minutes after 09:00 UTC. */
  start: number;
  wait: number;
  outcome: "handled" | "abandoned";
  talk?: number;
  hold?: number;
  wrapup?: number;
  resolved?: boolean;
  csat?: number;
  categories?: string[];
}

export const plans: ContactPlan[] = [
  {
    id: "c1",
    channel: "voice",
    queueId: "q-billing",
    agentId: "agent-a",
    start: 0,
    wait: 10,
    outcome: "handled",
    talk: 300,
    hold: 0,
    wrapup: 60,
    resolved: true,
    csat: 5,
    categories: ["billing"],
  },
  {
    id: "c2",
    channel: "voice",
    queueId: "q-billing",
    agentId: "agent-b",
    start: 2,
    wait: 15,
    outcome: "handled",
    talk: 200,
    hold: 30,
    wrapup: 30,
    resolved: true,
    csat: 4,
    categories: ["billing", "refund"],
  },
  {
    id: "c3",
    channel: "voice",
    queueId: "q-billing",
    agentId: "agent-a",
    start: 20,
    wait: 19.5,
    outcome: "handled",
    talk: 100,
    hold: 0,
    wrapup: 20,
    resolved: false,
    csat: 2,
    categories: ["complaint"],
  },
  {
    id: "c4",
    channel: "voice",
    queueId: "q-billing",
    agentId: "agent-b",
    start: 21,
    wait: 45,
    outcome: "handled",
    talk: 400,
    hold: 60,
    wrapup: 40,
    resolved: true,
    csat: 3,
    categories: ["billing"],
  },
  { id: "c5", channel: "voice", queueId: "q-billing", agentId: "", start: 30, wait: 3, outcome: "abandoned" },
  {
    id: "c6",
    channel: "voice",
    queueId: "q-billing",
    agentId: "",
    start: 31,
    wait: 30,
    outcome: "abandoned",
  },
  {
    id: "c7",
    channel: "voice",
    queueId: "q-billing",
    agentId: "",
    start: 45,
    wait: 60,
    outcome: "abandoned",
  },
  {
    id: "c8",
    channel: "voice",
    queueId: "q-billing",
    agentId: "",
    start: 46,
    wait: 4.2,
    outcome: "abandoned",
  },
  {
    id: "c9",
    channel: "webchat",
    queueId: "q-chat",
    agentId: "agent-a",
    start: 90,
    wait: 8,
    outcome: "handled",
    talk: 600,
    hold: 0,
    wrapup: 0,
    resolved: true,
    csat: 5,
    categories: ["delivery"],
  },
];

const day = Date.UTC(2026, 10, 30, 9, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();

function contactEvents(p: ContactPlan): StarboardEvent[] {
  const t0 = day + p.start * 60_000;
  const queuedAt = t0 + 1_000;
  const base = { tenant: "default", channel: p.channel, contactId: p.id } as const;
  const x = exampleEvents;
  const events: StarboardEvent[] = [
    {
      ...x["contact.created"],
      ...base,
      id: `${p.id}-created`,
      time: at(t0),
      data: {
        ...x["contact.created"].data,
        customerId: `cust-${p.id}`,
        from: `+861380013800${p.id.slice(1)}`,
      },
    },
    {
      ...x["contact.queued"],
      ...base,
      id: `${p.id}-queued`,
      time: at(queuedAt),
      data: { ...x["contact.queued"].data, queueId: p.queueId, entry: "new" as const },
    },
  ];
  const leftQueueAt = queuedAt + p.wait * 1_000;
  if (p.outcome === "abandoned") {
    events.push(
      {
        ...x["contact.abandoned"],
        ...base,
        id: `${p.id}-abandoned`,
        time: at(leftQueueAt),
        data: { queueId: p.queueId, waitSeconds: p.wait, position: 1 },
      },
      {
        ...x["contact.ended"],
        ...base,
        agentId: undefined,
        id: `${p.id}-ended`,
        time: at(leftQueueAt + 100),
        data: {
          endedBy: "customer" as const,
          outcome: "abandoned",
          resolved: false,
          queueId: p.queueId,
          waitSeconds: p.wait,
          talkSeconds: 0,
          holdSeconds: 0,
          wrapupSeconds: 0,
          categories: [],
        },
      },
    );
    return events.map(strip);
  }
  const talk = p.talk ?? 0;
  const hold = p.hold ?? 0;
  const wrapup = p.wrapup ?? 0;
  const agent = { ...base, agentId: p.agentId };
  const hangupAt = leftQueueAt + (talk + hold) * 1_000;
  const endedAt = hangupAt + wrapup * 1_000;
  events.push(
    {
      ...x["contact.offered"],
      ...agent,
      id: `${p.id}-offered`,
      time: at(leftQueueAt - 500),
      data: { ...x["contact.offered"].data, queueId: p.queueId },
    },
    {
      ...x["contact.connected"],
      ...agent,
      id: `${p.id}-connected`,
      time: at(leftQueueAt),
      data: { queueId: p.queueId, waitSeconds: p.wait, ringMs: 500 },
    },
    { ...x["contact.disconnected"], ...agent, id: `${p.id}-disconnected`, time: at(hangupAt) },
    {
      ...x["contact.ended"],
      ...agent,
      id: `${p.id}-ended`,
      time: at(endedAt),
      data: {
        endedBy: "customer" as const,
        outcome: "handled",
        resolved: p.resolved ?? false,
        queueId: p.queueId,
        waitSeconds: p.wait,
        talkSeconds: talk,
        holdSeconds: hold,
        wrapupSeconds: wrapup,
        categories: p.categories ?? [],
      },
    },
  );
  if (p.csat !== undefined) {
    events.push({
      ...x["csat.survey-answered"],
      ...agent,
      id: `${p.id}-csat`,
      time: at(endedAt + 60_000),
      data: { surveyId: `s-${p.id}`, score: p.csat },
    });
  }
  return events.map(strip);
}

/** Drops keys set to undefined so the events pass the strict schemas. */
function strip(event: StarboardEvent): StarboardEvent {
  return JSON.parse(JSON.stringify(event)) as StarboardEvent;
}

function otherEvents(): StarboardEvent[] {
  const x = exampleEvents;
  const agentState = (
    id: string,
    agentId: string,
    minutes: number,
    type: "agent.ready" | "agent.signed-out",
  ): StarboardEvent =>
    type === "agent.ready"
      ? { ...x["agent.ready"], agentId, id, time: at(day + minutes * 60_000), data: {} }
      : {
          ...x["agent.signed-out"],
          agentId,
          id,
          time: at(day + minutes * 60_000),
          data: { reason: "agent" },
        };
  const ticket = (
    n: string,
    minutes: number,
    dueMinutes: number,
    resolvedMinutes: number,
  ): StarboardEvent[] => {
    const ticketNumber = `T-20261130-000${n}`;
    return [
      {
        ...x["ticket.created"],
        id: `t${n}-created`,
        time: at(day + minutes * 60_000),
        data: {
          ...x["ticket.created"].data,
          ticketNumber,
          department: "billing",
          dueAt: at(day + dueMinutes * 60_000),
          customer: { customerId: "cust-c1" },
          categories: ["refund"],
        },
      },
      {
        ...x["ticket.moved"],
        id: `t${n}-moved`,
        time: at(day + (minutes + 10) * 60_000),
        data: {
          ...x["ticket.moved"].data,
          ticketNumber,
          fromDepartment: "billing",
          toDepartment: "card-operations",
        },
      },
      {
        ...x["ticket.resolved"],
        id: `t${n}-resolved`,
        time: at(day + resolvedMinutes * 60_000),
        data: { ...x["ticket.resolved"].data, ticketNumber, resolvedByAgentId: "agent-b" },
      },
    ];
  };
  const rest: StarboardEvent[] = [
    agentState("a-ready", "agent-a", -5, "agent.ready"),
    agentState("a-out", "agent-a", 235, "agent.signed-out"),
    agentState("b-ready", "agent-b", 0, "agent.ready"),
    agentState("b-out", "agent-b", 120, "agent.signed-out"),
    ...ticket("1", 5, 65, 40),
    ...ticket("2", 6, 36, 120),
    {
      ...x["qa.flagged"],
      contactId: "c3",
      agentId: "agent-a",
      id: "flag-1",
      time: at(day + 22 * 60_000),
      data: { ...x["qa.flagged"].data, flagId: "flag-c3-1" },
    },
    {
      ...x["qa.flag-reviewed"],
      contactId: "c3",
      agentId: "agent-a",
      id: "flag-1-review",
      time: at(day + 200 * 60_000),
      data: { ...x["qa.flag-reviewed"].data, flagId: "flag-c3-1", verdict: "confirmed" as const },
    },
    {
      ...x["supervisor.action"],
      contactId: "c3",
      agentId: "agent-a",
      id: "sup-1",
      time: at(day + 23 * 60_000),
    },
  ];
  return rest.map(strip);
}

/** The whole day, in time order. */
export function dayOfEvents(): StarboardEvent[] {
  return [...plans.flatMap(contactEvents), ...otherEvents()].sort((a, b) =>
    a.time < b.time ? -1 : a.time > b.time ? 1 : 0,
  );
}

export const dayRange = { from: new Date(day - 9 * 3_600_000), to: new Date(day + 15 * 3_600_000) };
