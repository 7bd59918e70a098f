import { describe, expect, it } from "vitest";
import { type EventType, exampleEvents, partitionKey, Topics, topicFor } from "../../src/events/index";

describe("partitionKey", () => {
  it.each<[EventType, string, string]>([
    ["contact.created", "3b0e5c7a-1f2d-4c8e-9a6b-2d4f8e1c7a90", "contactId"],
    ["contact.connected", "3b0e5c7a-1f2d-4c8e-9a6b-2d4f8e1c7a90", "contactId wins over agentId"],
    ["message.received", "chat-20261130-8842", "contactId"],
    ["command.bridge-call", "3b0e5c7a-1f2d-4c8e-9a6b-2d4f8e1c7a90", "contactId"],
    ["agent.signed-in", "agent-1001", "agentId"],
    ["agent.not-ready", "agent-1012", "agentId, not the related contact in data"],
    ["ticket.created", "T-20261130-0001", "ticket number"],
    ["ticket.closed", "T-20261130-0001", "ticket number"],
    ["alert.raised", "alert-sl-billing-zh-0930", "alertId"],
    ["alert.cleared", "alert-sl-billing-zh-0930", "alertId, same as its raise"],
    ["router.command-result", "3b0e5c7a-1f2d-4c8e-9a6b-2d4f8e1c7a90", "contactId when present"],
  ])("%s -> %s (%s)", (type, key) => {
    expect(partitionKey(exampleEvents[type])).toBe(key);
  });

  it.each([
    [
      "router.command-result without a contact",
      { ...exampleEvents["router.command-result"], contactId: undefined },
    ],
    [
      "supervisor.action without a target",
      { ...exampleEvents["supervisor.action"], contactId: undefined, agentId: undefined },
    ],
  ])("falls back to the event id: %s", (_name, event) => {
    expect(partitionKey(event)).toBe(event.id);
  });

  it("keeps every event of one ticket on one key", () => {
    const keys = new Set(
      (Object.keys(exampleEvents) as EventType[])
        .filter((t) => t.startsWith("ticket."))
        .map((t) => partitionKey(exampleEvents[t])),
    );
    expect([...keys]).toEqual(["T-20261130-0001"]);
  });
});

describe("topicFor", () => {
  it.each<[EventType, string]>([
    ["contact.queued", Topics.events],
    ["router.decision", Topics.events],
    ["router.command-result", Topics.events],
    ["supervisor.action", Topics.events],
    ["alert.raised", Topics.events],
    ["command.bridge-call", Topics.commands],
    ["command.assign-chat", Topics.commands],
    ["command.monitor-call", Topics.commands],
    ["command.force-hangup", Topics.commands],
    ["command.pickup-call", Topics.commands],
  ])("%s -> %s", (type, topic) => {
    expect(topicFor(exampleEvents[type])).toBe(topic);
  });

  it("names the agreed topics", () => {
    expect(Topics).toEqual({
      events: "starboard.events",
      commands: "starboard.commands",
      deadLetter: "starboard.dead-letter",
      customers: "starboard.customers",
    });
  });
});
