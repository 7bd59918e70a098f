import { describe, expect, it } from "vitest";
import type { StarboardEvent } from "../../src/events/index";
import { LiveState } from "../../src/live/index";

// A high or critical QA flag is a live alert while its contact lasts.

const at = (s: number) => new Date(Date.parse("2026-11-30T09:00:00.000Z") + s * 1000).toISOString();
const base = (id: string, s: number) => ({
  id,
  version: 1,
  time: at(s),
  tenant: "default",
  source: "qa",
  channel: "webchat" as const,
  contactId: "chat-1",
  agentId: "agent-1",
});

const flag = (flagId: string, severity: "low" | "medium" | "high" | "critical", s: number): StarboardEvent =>
  ({
    ...base(`f-${flagId}`, s),
    type: "qa.flagged",
    data: {
      flagId,
      ruleId: "shirking",
      category: "shirking",
      severity,
      side: "agent",
      location: { type: "message", messageId: "m-1", charRange: [0, 4] },
      matchedText: "处理不了",
    },
  }) as StarboardEvent;

const ended = (s: number): StarboardEvent =>
  ({
    ...base("end", s),
    source: "router",
    type: "contact.ended",
    data: {
      endedBy: "customer",
      outcome: "handled",
      resolved: true,
      queueId: "q",
      waitSeconds: 1,
      talkSeconds: 10,
      holdSeconds: 0,
      wrapupSeconds: 1,
    },
  }) as StarboardEvent;

describe("QA flags as live alerts", () => {
  it.each([
    ["low", undefined],
    ["medium", undefined],
    ["high", "warning"],
    ["critical", "critical"],
  ] as const)("a %s flag -> %s", (severity, expected) => {
    const live = new LiveState({ queues: [] });
    const { alerts } = live.handle(flag("f1", severity, 1));
    const raised = alerts.filter((a) => a.type === "alert.raised");
    if (expected === undefined) expect(raised).toEqual([]);
    else
      expect(
        raised.map(
          (a) => a.type === "alert.raised" && [a.data.kind, a.data.severity, a.data.flagId, a.data.contactId],
        ),
      ).toEqual([["qa-flag", expected, "f1", "chat-1"]]);
  });

  it("clears when the contact ends, once per flag", () => {
    const live = new LiveState({ queues: [] });
    live.handle(flag("f1", "high", 1));
    live.handle(flag("f2", "critical", 2));
    expect(live.snapshot().alerts.map((a) => a.kind)).toEqual(["qa-flag", "qa-flag"]);
    const { alerts } = live.handle(ended(30));
    expect(alerts.filter((a) => a.type === "alert.cleared")).toHaveLength(2);
    expect(live.snapshot().alerts).toEqual([]);
  });
});
