import { type EventType, exampleEvents, type StarboardEvent } from "@starboard/core";

// Events for the view-merge comparison that the other test days lack: every ticket event type
// (assigned, reopened, closed; moves with and without a new due time), the text rules'
// demand.categorized (with a repeated keyword), IVR exits with and without a recognised intent,
// every queue entry kind, ended contacts of every outcome with and without an agent or categories,
// surveys and QA flags without an agent, and a second tenant. Each is core's example event of its
// type with its id, time, tenant, keys and a few data fields varied by a counter, so the merged
// views see the branches and keys their old views did.

const types: EventType[] = [
  "contact.created",
  "contact.queued",
  "contact.offered",
  "contact.connected",
  "contact.abandoned",
  "contact.overflowed",
  "contact.callback-requested",
  "contact.transferred",
  "contact.ivr-exited",
  "contact.ended",
  "csat.survey-answered",
  "qa.flagged",
  "demand.categorized",
  "bot.resolved",
  "bot.handoff",
  "ticket.created",
  "ticket.assigned",
  "ticket.moved",
  "ticket.resolved",
  "ticket.reopened",
  "ticket.closed",
];

const start = Date.UTC(2026, 10, 30, 7);

/** Five tickets, each getting events of every type over the rounds. */
function ticketNumber(i: number): string {
  return `T-20261130-${String(9001 + (i % 5))}`;
}
const queues = ["q-cov-a", "q-cov-b", "q-cov-c"];
const departments = ["billing", "cards", "loans"];

/** The i-th value, cycling (lists may hold undefined on purpose: the field is left out). */
function pick<T>(values: readonly T[], i: number): T {
  if (values.length === 0) throw new Error("pick from an empty list");
  return values[i % values.length] as T;
}

/** Data fields varied per type; `undefined` removes a field. */
function dataPatch(type: EventType, i: number): Record<string, unknown> {
  const queueId = pick(queues, i);
  const wait = pick([0.4, 3, 12.25, 20, 20.001, 59.9, 3599.2, 4000], i);
  switch (type) {
    case "contact.queued":
      return { queueId, entry: pick(["new", "transfer", "overflow", "requeue", "new"], i) };
    case "contact.offered":
      return { queueId };
    case "contact.connected":
    case "contact.abandoned":
    case "contact.callback-requested":
      return { queueId, waitSeconds: wait };
    case "contact.overflowed":
      return { fromQueueId: queueId, toQueueId: pick(queues, i + 1) };
    case "contact.ivr-exited":
      return {
        recognizedIntent: pick(["intent-balance", undefined, "intent-card", "intent-balance"], i),
        exit: pick(["queue", "self-service", "hangup", "timeout", "transfer"], i),
        menuPath: pick([["main"], ["main", "billing"], ["main", "cards", "lost"]], i),
      };
    case "contact.ended":
      return {
        queueId: pick([...queues, undefined], i),
        outcome: pick(
          ["handled", "abandoned", "handled", "self-service", "transferred-external", "failed"],
          i,
        ),
        resolved: i % 3 !== 0,
        waitSeconds: wait,
        talkSeconds: 30 + (i % 7) * 11.5,
        holdSeconds: (i % 4) * 2.25,
        wrapupSeconds: (i % 5) * 3.1,
        categories: pick([["complaint", "billing"], [], ["billing", "billing"], ["cards"]], i),
      };
    case "csat.survey-answered":
      return { score: (i % 5) + 1 };
    case "demand.categorized":
      return {
        categories: pick([["logistics"], ["billing", "logistics"], []], i),
        keywords: pick([["slow"], ["slow", "slow"], ["fast"]], i),
      };
    case "ticket.created":
      // One round late, so a ticket's first events (assigned, moved...) come before its creation.
      return {
        ticketNumber: ticketNumber(i + 1),
        department: pick(departments, i),
        dueAt: new Date(start + (i + 20) * 3_600_000).toISOString(),
        categories: pick([["billing", "refund"], [], ["refund", "refund"]], i),
      };
    case "ticket.moved":
      return {
        ticketNumber: ticketNumber(i),
        fromDepartment: pick(departments, i),
        toDepartment: pick(departments, i + 1 + (i % 2)),
        dueAt: i % 2 === 0 ? new Date(start + (i + 30) * 3_600_000).toISOString() : undefined,
      };
    case "ticket.assigned":
      return { ticketNumber: ticketNumber(i), assigneeAgentId: `agent-cov-${i % 4}` };
    case "ticket.resolved":
      return { ticketNumber: ticketNumber(i), resolvedByAgentId: `agent-cov-${i % 3}` };
    case "ticket.reopened":
      // Two rounds off the moves, so on some tickets a move's due time is the latest one.
      return {
        ticketNumber: ticketNumber(i + 2),
        dueAt: new Date(start + (i + 40) * 3_600_000).toISOString(),
      };
    case "ticket.closed":
      return { ticketNumber: ticketNumber(i), reason: pick(["resolved", "duplicate", "no-response"], i) };
    default:
      return {};
  }
}

/** `rounds` copies of each type's example, varied; times are distinct and span three days. */
export function viewMergeDay(rounds = 24): StarboardEvent[] {
  const events: StarboardEvent[] = [];
  for (let i = 0; i < rounds; i++) {
    types.forEach((type, t) => {
      const example = exampleEvents[type] as StarboardEvent;
      const event: Record<string, unknown> = {
        ...example,
        id: `cov-${type}-${i}`,
        time: new Date(start + i * 7_919_000 + t * 1_013).toISOString(),
        tenant: i % 4 === 3 ? "tenant-cov" : "default",
        data: { ...(example.data as Record<string, unknown>), ...dataPatch(type, i) },
      };
      // A contact keeps one channel (the example's), as in real traffic; nine contacts per channel.
      if ("contactId" in example) event.contactId = `cov-${example.channel}-${i % 9}`;
      // Some surveys and flags without an agent: the agent rollup must skip them as before.
      const agentRequired = type === "contact.offered" || type === "contact.connected";
      if ("agentId" in example || type === "contact.ended")
        event.agentId = i % 5 === 4 && !agentRequired ? undefined : `agent-cov-${i % 3}`;
      // Drops fields set to undefined so the events pass the strict schemas.
      events.push(JSON.parse(JSON.stringify(event)) as StarboardEvent);
    });
  }
  return events;
}
