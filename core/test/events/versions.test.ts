import { describe, expect, it } from "vitest";
import {
  contactDisconnectedV2Example,
  exampleEvents,
  knownVersions,
  parseEvent,
  parseEventJson,
  serializeEvent,
} from "../../src/events/index";

describe("contact.disconnected v2 (durations measured at hangup)", () => {
  const v2 = contactDisconnectedV2Example;

  it("is registered beside v1", () => {
    expect(knownVersions("contact.disconnected")).toEqual([1, 2]);
  });

  it("parses and round-trips", () => {
    expect(parseEvent(v2)).toEqual({ ok: true, event: v2 });
    expect(parseEventJson(serializeEvent(v2))).toEqual({ ok: true, event: v2 });
  });

  it("keeps v1 parseable, and v1 still refuses the v2 fields", () => {
    const v1 = exampleEvents["contact.disconnected"];
    expect(parseEvent(v1)).toEqual({ ok: true, event: v1 });
    const result = parseEvent({ ...v2, version: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ path: "data.talkSeconds", reason: "unknown field" });
  });

  it("durations are optional (chat, a resync-closed call) and must be non-negative", () => {
    expect(parseEvent({ ...v2, data: { endedBy: "system" } }).ok).toBe(true);
    const bad = parseEvent({ ...v2, data: { ...v2.data, holdSeconds: -1 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.path).toBe("data.holdSeconds");
  });
});
