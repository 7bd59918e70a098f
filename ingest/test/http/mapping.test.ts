import { afterEach, describe, expect, it } from "vitest";
import { createChatGateway } from "../../src/chat/index";
import { createTicketGateway } from "../../src/tickets/index";
import { maxTicketBatch } from "../../src/tickets/map";
import { readEvents, tempLog } from "../esl/log-helpers";
import { deadLetters, post, secret } from "./helpers";

// Every chat and ticket payload type over HTTP, onto the log as the event model's types.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const chat = { conversationId: "conv-7", channel: "app", at: "2026-11-30T09:00:00.000Z" };
const due = "2026-12-01T09:00:00.000Z";
const ticket = { ticketNumber: "T-20261130-0001", at: "2026-11-30T09:00:00.000Z" };
const ticketCreated = {
  type: "ticket.created",
  subject: "Refund",
  priority: "high",
  department: "billing",
  dueAt: due,
  customer: { phone: "+8613800138000" },
  openedBy: "customer",
  categories: ["refund"],
};

describe("chat payloads -> events", () => {
  it.each([
    [
      { type: "conversation.started", visitorId: "v", widgetId: "app-1", page: { appScreen: "cart" } },
      ["contact.created"],
    ],
    [{ type: "message.customer", messageId: "m1", text: "我的快递呢" }, ["message.received"]],
    [{ type: "message.agent", messageId: "m2", agentId: "a1", text: "正在查" }, ["message.sent"]],
    [{ type: "message.bot", messageId: "m3", botId: "bot", text: "您好" }, ["message.sent"]],
    [
      {
        type: "bot.handoff",
        botId: "bot",
        reason: "requested_human",
        toQueue: "support",
        botSeconds: 40,
        transcript: [
          { role: "customer", text: "order late" },
          { role: "bot", text: "which order?" },
        ],
      },
      ["bot.handoff"],
    ],
    [
      { type: "conversation.escalated", to: "video", newConversationId: "conv-8", requestedBy: "agent" },
      ["contact.escalated"],
    ],
    [
      {
        type: "conversation.closed",
        closedBy: "agent",
        agentId: "a1",
        outcome: "handled",
        resolved: true,
        waitSeconds: 12,
        handleSeconds: 300,
      },
      ["contact.disconnected", "contact.ended"],
    ],
    [
      { type: "csat.answered", surveyId: "s1", agentId: "a1", score: 5, comment: "好" },
      ["csat.survey-answered"],
    ],
  ])("%j", async (payload, types) => {
    const { log, dispose } = await tempLog();
    const gateway = createChatGateway({ log, secrets: [secret] });
    cleanups.push(dispose, () => gateway.close());
    const res = await post(`http://127.0.0.1:${await gateway.listen(0)}/chat/events`, {
      ...chat,
      ...payload,
    });
    expect(res.status).toBe(202);
    const events = await readEvents(log);
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events.every((e) => e.contactId === "conv-7" && e.channel === "appchat")).toBe(true);
    if (payload.type === "bot.handoff") {
      expect(events[0]?.data).toMatchObject({
        summary: "customer: order late\nbot: which order?",
        botTurns: 1,
      });
    }
  });
});

describe("ticket payloads -> events", () => {
  it.each([
    [ticketCreated],
    [{ type: "ticket.assigned", department: "billing", assigneeAgentId: "a1", assignedBy: "router" }],
    [
      {
        type: "ticket.moved",
        fromDepartment: "billing",
        toDepartment: "logistics",
        reason: "shipping",
        movedBy: "a1",
      },
    ],
    [
      {
        type: "ticket.commented",
        commentId: "c1",
        visibility: "internal",
        authorRole: "agent",
        text: "called the courier",
      },
    ],
    [{ type: "ticket.resolved", resolvedByAgentId: "a1", resolution: "refunded" }],
    [{ type: "ticket.reopened", reopenedBy: "customer", dueAt: due }],
  ])("%j", async (payload) => {
    const { log, dispose } = await tempLog();
    const gateway = createTicketGateway({ log, secrets: [secret] });
    cleanups.push(dispose, () => gateway.close());
    const res = await post(`http://127.0.0.1:${await gateway.listen(0)}/tickets/events`, {
      ...ticket,
      ...payload,
    });
    expect(res.status).toBe(202);
    const [event] = await readEvents(log);
    const { type, ...data } = payload;
    expect(event).toMatchObject({
      type,
      source: "ticket-gateway",
      data: { ticketNumber: ticket.ticketNumber, ...data },
    });
  });

  it.each([
    [{ type: "ticket.created", subject: "x", priority: "whenever" }, "priority"],
    [
      {
        type: "ticket.moved",
        fromDepartment: "a",
        toDepartment: "b",
        reason: "r",
        movedBy: "m",
        dueAt: "tomorrow",
      },
      "dueAt",
    ],
    [
      { type: "ticket.assigned", department: "d", assigneeAgentId: "a", assignedBy: "r", priority: "high" },
      "priority",
    ],
    [{ type: "ticket.exploded" }, "type"],
  ])("%j -> 422 at %s", async (payload, path) => {
    const { log, dispose } = await tempLog();
    const gateway = createTicketGateway({ log, secrets: [secret] });
    cleanups.push(dispose, () => gateway.close());
    const res = await post(`http://127.0.0.1:${await gateway.listen(0)}/tickets/events`, {
      ...ticket,
      ...payload,
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { path: string }).path).toBe(path);
  });
});

describe("a batch of ticket events in one delivery", () => {
  const created = { ...ticket, ...ticketCreated };
  const assigned = {
    ...ticket,
    at: "2026-11-30T09:01:00.000Z",
    type: "ticket.assigned",
    department: "billing",
    assigneeAgentId: "a1",
    assignedBy: "router",
  };
  const resolved = {
    ...ticket,
    at: "2026-11-30T09:30:00.000Z",
    type: "ticket.resolved",
    resolvedByAgentId: "a1",
    resolution: "refunded",
  };

  async function gatewayUrl() {
    const { log, dispose } = await tempLog();
    const gateway = createTicketGateway({ log, secrets: [secret] });
    cleanups.push(dispose, () => gateway.close());
    return { log, gateway, url: `http://127.0.0.1:${await gateway.listen(0)}/tickets/events` };
  }

  it("puts every event on the log in the array's order and answers with all their ids", async () => {
    const { log, url } = await gatewayUrl();
    const res = await post(url, [created, assigned, resolved]);
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { accepted: number; ids: string[] };
    const events = await readEvents(log);
    expect(events.map((e) => e.type)).toEqual(["ticket.created", "ticket.assigned", "ticket.resolved"]);
    expect(answer).toEqual({ accepted: 3, ids: events.map((e) => e.id) });
    // The same facts one request at a time: the same ids, so a sink counts them once either way.
    const single = await gatewayUrl();
    for (const payload of [created, assigned, resolved])
      expect((await post(single.url, payload)).status).toBe(202);
    expect((await readEvents(single.log)).map((e) => e.id)).toEqual(answer.ids);
  });

  it.each([
    ["a bad element", "[1].priority", [created, { ...assigned, priority: "high" }, resolved]],
    ["an element that is not an object", "[1]", [created, "ticket.closed"]],
    ["an empty array", "", []],
    [
      "more than the most a delivery may carry",
      "",
      Array.from({ length: maxTicketBatch + 1 }, () => created),
    ],
  ])(
    "refuses %s as a whole: 422 at %j, the body on the dead-letter topic, nothing on the log",
    async (_name, path, body) => {
      const { log, gateway, url } = await gatewayUrl();
      const res = await post(url, body);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { path: string }).path).toBe(path);
      expect(gateway.counters["invalid-payload"]).toBe(1);
      expect((await deadLetters(log)).map((r) => r.value.toString())).toEqual([JSON.stringify(body)]);
      expect(await readEvents(log)).toEqual([]);
    },
  );
});
