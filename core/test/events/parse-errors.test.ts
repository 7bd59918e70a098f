import { describe, expect, it } from "vitest";
import {
  type EventParseError,
  type EventType,
  exampleEvents,
  parseEvent,
  parseEventJson,
  validateEvent,
} from "../../src/events/index";

type Json = Record<string, unknown>;

/** A fixture, deep-copied and broken in one place. */
function broken(type: EventType, change: (event: Json, data: Json) => void): Json {
  const event = structuredClone(exampleEvents[type]) as unknown as Json;
  change(event, event.data as Json);
  return event;
}

const queued = { type: "contact.queued", version: 1 } as const;

describe("parseEvent: the first problem, exactly", () => {
  it.each<[string, unknown, EventParseError]>([
    // Envelope.
    [
      "missing id",
      broken("contact.queued", (e) => delete e.id),
      { path: "id", reason: "required", ...queued },
    ],
    [
      "empty id",
      broken("contact.queued", (e) => (e.id = "")),
      { path: "id", reason: "Too small: expected string to have >=1 characters", ...queued },
    ],
    [
      "id over 128 chars",
      broken("contact.queued", (e) => (e.id = "x".repeat(129))),
      { path: "id", reason: "Too big: expected string to have <=128 characters", ...queued },
    ],
    [
      "time of the wrong type",
      broken("contact.queued", (e) => (e.time = 1_795_943_702_123)),
      { path: "time", reason: "Invalid input: expected string, received number", ...queued },
    ],
    [
      "time without milliseconds",
      broken("contact.queued", (e) => (e.time = "2026-11-30T09:15:02Z")),
      {
        path: "time",
        reason: "expected ISO-8601 UTC time with milliseconds, e.g. 2026-11-30T09:15:02.123Z",
        ...queued,
      },
    ],
    [
      "time with an offset instead of UTC",
      broken("contact.queued", (e) => (e.time = "2026-11-30T17:15:02.123+08:00")),
      {
        path: "time",
        reason: "expected ISO-8601 UTC time with milliseconds, e.g. 2026-11-30T09:15:02.123Z",
        ...queued,
      },
    ],
    [
      "time on a day that does not exist",
      broken("contact.queued", (e) => (e.time = "2026-02-29T09:15:02.123Z")),
      {
        path: "time",
        reason: "expected ISO-8601 UTC time with milliseconds, e.g. 2026-11-30T09:15:02.123Z",
        ...queued,
      },
    ],
    [
      "bad channel",
      broken("contact.queued", (e) => (e.channel = "fax")),
      {
        path: "channel",
        reason: 'Invalid option: expected one of "voice"|"webchat"|"appchat"|"video"|"email"|"sms"|"ticket"',
        ...queued,
      },
    ],
    [
      "version zero",
      broken("contact.queued", (e) => (e.version = 0)),
      { path: "version", reason: "Too small: expected number to be >=1", type: "contact.queued" },
    ],
    [
      "fractional version",
      broken("contact.queued", (e) => (e.version = 1.5)),
      { path: "version", reason: "Invalid input: expected int, received number", type: "contact.queued" },
    ],
    [
      "version as a string",
      broken("contact.queued", (e) => (e.version = "1")),
      { path: "version", reason: "Invalid input: expected number, received string", type: "contact.queued" },
    ],
    [
      "extra envelope field",
      broken("contact.queued", (e) => (e.contactID = "typo")),
      { path: "contactID", reason: "unknown field", ...queued },
    ],
    [
      "missing tenant",
      broken("contact.queued", (e) => delete e.tenant),
      { path: "tenant", reason: "required", ...queued },
    ],
    // Type and version.
    [
      "unknown type",
      broken("contact.queued", (e) => (e.type = "contact.teleported")),
      { path: "type", reason: 'unknown event type "contact.teleported"', type: "contact.teleported" },
    ],
    [
      "a prototype key is not a type",
      broken("contact.queued", (e) => (e.type = "constructor")),
      { path: "type", reason: 'unknown event type "constructor"', type: "constructor" },
    ],
    [
      "unknown version",
      broken("contact.queued", (e) => (e.version = 3)),
      {
        path: "version",
        reason: "unknown version 3 for contact.queued (known: 1)",
        type: "contact.queued",
        version: 3,
      },
    ],
    // Subject rules.
    [
      "contact event without contactId",
      broken("contact.queued", (e) => delete e.contactId),
      { path: "contactId", reason: "required for contact.queued", ...queued },
    ],
    [
      "contact event without channel",
      broken("contact.queued", (e) => delete e.channel),
      { path: "channel", reason: "required for contact.queued", ...queued },
    ],
    [
      "offer without agentId",
      broken("contact.offered", (e) => delete e.agentId),
      { path: "agentId", reason: "required for contact.offered", type: "contact.offered", version: 1 },
    ],
    [
      "agent event carrying a contactId",
      broken("agent.not-ready", (e) => (e.contactId = "3b0e5c7a-1f2d-4c8e-9a6b-2d4f8e1c7a90")),
      {
        path: "contactId",
        reason:
          "not allowed on agent.not-ready (agent events are ordered per agent; name the contact in data)",
        type: "agent.not-ready",
        version: 1,
      },
    ],
    [
      "ticket event carrying an agentId",
      broken("ticket.assigned", (e) => (e.agentId = "agent-2017")),
      {
        path: "agentId",
        reason:
          "not allowed on ticket.assigned (these are keyed by their data; name contacts and agents in data)",
        type: "ticket.assigned",
        version: 1,
      },
    ],
    // Data.
    [
      "missing data",
      broken("contact.queued", (e) => delete e.data),
      { path: "data", reason: "required", ...queued },
    ],
    [
      "negative wait",
      broken("contact.abandoned", (_e, d) => (d.waitSeconds = -2.5)),
      {
        path: "data.waitSeconds",
        reason: "Too small: expected number to be >=0",
        type: "contact.abandoned",
        version: 1,
      },
    ],
    [
      "skill level out of range, deep in an array",
      broken(
        "contact.queued",
        (_e, d) => ((d.requiredSkills as Json[])[1] = { skill: "mandarin", minLevel: 11 }),
      ),
      { path: "data.requiredSkills[1].minLevel", reason: "Too big: expected number to be <=10", ...queued },
    ],
    [
      "extra data field (data is strict too)",
      broken("contact.queued", (_e, d) => (d.colour = "blue")),
      { path: "data.colour", reason: "unknown field", ...queued },
    ],
    [
      "CSAT score 6",
      broken("csat.survey-answered", (_e, d) => (d.score = 6)),
      {
        path: "data.score",
        reason: "Too big: expected number to be <=5",
        type: "csat.survey-answered",
        version: 1,
      },
    ],
    [
      "CSAT score 4.5",
      broken("csat.survey-answered", (_e, d) => (d.score = 4.5)),
      {
        path: "data.score",
        reason: "Invalid input: expected int, received number",
        type: "csat.survey-answered",
        version: 1,
      },
    ],
    [
      "callback number not E.164",
      broken("contact.callback-requested", (_e, d) => (d.callbackNumber = "13912345678")),
      {
        path: "data.callbackNumber",
        reason: "expected an E.164 number like +8613800138000",
        type: "contact.callback-requested",
        version: 1,
      },
    ],
    [
      "hangup cause in the wrong form",
      broken("contact.ended", (_e, d) => (d.hangupCause = "normal clearing")),
      {
        path: "data.hangupCause",
        reason: "expected a FreeSWITCH hangup cause like NORMAL_CLEARING",
        type: "contact.ended",
        version: 1,
      },
    ],
    [
      "not-ready reason code too long",
      broken("agent.not-ready", (_e, d) => (d.reasonCode = "a".repeat(33))),
      {
        path: "data.reasonCode",
        reason: "expected a lower-case code of at most 32 chars, e.g. meal or ring-timeout",
        type: "agent.not-ready",
        version: 1,
      },
    ],
    [
      "forced not-ready without the supervisor",
      broken("agent.not-ready", (_e, d) => (d.reasonCode = "forced")),
      {
        path: "data.forcedBy",
        reason: "required when the change was forced",
        type: "agent.not-ready",
        version: 1,
      },
    ],
    [
      "ticket number in the wrong form",
      broken("ticket.closed", (_e, d) => (d.ticketNumber = "20261130-1")),
      {
        path: "data.ticketNumber",
        reason: "expected a ticket number like T-20261130-0001",
        type: "ticket.closed",
        version: 1,
      },
    ],
    [
      "transcript segment ending before it starts",
      broken("transcript.segment", (_e, d) => (d.endMs = 100)),
      {
        path: "data.endMs",
        reason: "endMs must not be before startMs",
        type: "transcript.segment",
        version: 1,
      },
    ],
    [
      "QA range that does not cover the matched text",
      broken("qa.flagged", (_e, d) => ((d.location as Json).charRange = [6, 12])),
      {
        path: "data.location.charRange",
        reason: "charRange length must equal matchedText length",
        type: "qa.flagged",
        version: 1,
      },
    ],
    [
      "unknown router decision kind",
      broken("router.decision", (_e, d) => (d.kind = "teleport")),
      {
        path: "data.kind",
        reason:
          "Invalid discriminator value. Expected 'assign' | 'queue' | 'relax' | 'overflow' | 'callback-offer'",
        type: "router.decision",
        version: 1,
      },
    ],
    [
      "assign decision without its agent",
      broken("router.decision", (_e, d) => delete d.agentId),
      { path: "data.agentId", reason: "required", type: "router.decision", version: 1 },
    ],
    [
      "alert without the field its kind needs",
      broken("alert.raised", (_e, d) => delete d.queueId),
      {
        path: "data.queueId",
        reason: "required for a service-level-below-target alert",
        type: "alert.raised",
        version: 1,
      },
    ],
    [
      "transfer to an unknown kind of target",
      broken("contact.transferred", (_e, d) => (d.to = { type: "planet", name: "Mars" })),
      {
        path: "data.to.type",
        reason: "Invalid discriminator value. Expected 'agent' | 'queue' | 'external'",
        type: "contact.transferred",
        version: 1,
      },
    ],
    // Not an object at all.
    ["null", null, { path: "", reason: "expected an event object, received null" }],
    [
      "an array",
      [exampleEvents["contact.queued"]],
      { path: "", reason: "expected an event object, received array" },
    ],
    ["a string", "contact.queued", { path: "", reason: "expected an event object, received string" }],
    ["a number", 42, { path: "", reason: "expected an event object, received number" }],
    ["undefined", undefined, { path: "", reason: "expected an event object, received undefined" }],
  ])("%s", (_name, input, error) => {
    expect(parseEvent(input)).toEqual({ ok: false, error });
  });
});

describe("parseEventJson", () => {
  const nativeJsonError = (text: string): string => {
    try {
      JSON.parse(text);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error("expected invalid JSON");
  };

  it.each<[string, string | Uint8Array, EventParseError]>([
    [
      "truncated JSON",
      '{"id":"e1","type":',
      { path: "", reason: `invalid JSON: ${nativeJsonError('{"id":"e1","type":')}` },
    ],
    ["empty text", "", { path: "", reason: `invalid JSON: ${nativeJsonError("")}` }],
    [
      "binary garbage (invalid UTF-8)",
      new Uint8Array([0xff, 0xfe, 0x00, 0x9c, 0x80]),
      { path: "", reason: "invalid UTF-8: The encoded data was not valid for encoding utf-8" },
    ],
    [
      "valid UTF-8 that is not JSON",
      new TextEncoder().encode("Event-Name: CHANNEL_HANGUP\n"),
      { path: "", reason: `invalid JSON: ${nativeJsonError("Event-Name: CHANNEL_HANGUP\n")}` },
    ],
    [
      "JSON that is not an object",
      "[1,2,3]",
      { path: "", reason: "expected an event object, received array" },
    ],
    ["JSON null", "null", { path: "", reason: "expected an event object, received null" }],
    [
      "a __proto__ key is just an unknown field",
      `{"__proto__":{"polluted":true},${serializeWithoutBraces()}}`,
      { path: "__proto__", reason: "unknown field", type: "contact.queued", version: 1 },
    ],
  ])("%s", (_name, input, error) => {
    expect(parseEventJson(input)).toEqual({ ok: false, error });
  });

  it("never throws, whatever the bytes", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    const valid = new TextEncoder().encode(JSON.stringify(exampleEvents["contact.ended"]));
    for (let i = 0; i < 2_000; i++) {
      const bytes = valid.slice();
      for (let j = 0; j < 1 + (i % 4); j++) bytes[random() % bytes.length] = random() % 256;
      const result = parseEventJson(bytes.subarray(0, random() % (bytes.length + 1)));
      expect(typeof result.ok).toBe("boolean");
    }
    expect(parseEventJson(42 as unknown as string)).toEqual({
      ok: false,
      error: { path: "", reason: "expected JSON text or bytes, received number" },
    });
  });
});

function serializeWithoutBraces(): string {
  return JSON.stringify(exampleEvents["contact.queued"]).slice(1, -1);
}

describe("validateEvent", () => {
  it("refuses a publisher's event that the compiler let through a cast", () => {
    const event = structuredClone(exampleEvents["contact.connected"]);
    (event.data as { waitSeconds: number }).waitSeconds = Number.NaN;
    expect(validateEvent(event)).toEqual({
      ok: false,
      error: {
        path: "data.waitSeconds",
        reason: "Invalid input: expected number, received NaN",
        type: "contact.connected",
        version: 1,
      },
    });
  });

  it("does not throw on an input whose fields throw when read", () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("boom");
        },
        ownKeys: () => {
          throw new Error("boom");
        },
      },
    );
    expect(parseEvent(hostile)).toEqual({ ok: false, error: { path: "", reason: "unreadable input: boom" } });
  });
});
