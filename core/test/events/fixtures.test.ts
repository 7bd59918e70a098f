import { describe, expect, it } from "vitest";
import {
  type EventType,
  eventTypes,
  exampleEvents,
  knownVersions,
  parseEvent,
  parseEventJson,
  serializeEvent,
  validateEvent,
} from "../../src/events/index";

const catalogue = eventTypes.map((type) => [type, exampleEvents[type]] as const);

describe("fixture catalogue", () => {
  it("covers every registered type, and nothing else", () => {
    expect(Object.keys(exampleEvents).sort()).toEqual([...eventTypes].sort());
  });

  it("registers each type once", () => {
    expect(new Set(eventTypes).size).toBe(eventTypes.length);
  });

  it.each(catalogue)("%s: keyed by its own type", (type, event) => {
    expect(event.type).toBe(type);
  });

  it.each(catalogue)("%s: parses as is", (_type, event) => {
    expect(parseEvent(event)).toEqual({ ok: true, event });
  });

  it.each(catalogue)("%s: passes validateEvent", (_type, event) => {
    expect(validateEvent(event).ok).toBe(true);
  });

  it.each(catalogue)("%s: round-trips through JSON text and bytes", (_type, event) => {
    const text = serializeEvent(event);
    expect(parseEventJson(text)).toEqual({ ok: true, event });
    expect(parseEventJson(new TextEncoder().encode(text))).toEqual({ ok: true, event });
  });

  // Parsing puts keys in schema order; from then on the text is stable, which is what lets a
  // replayed event hash or compare equal to the original.
  it.each(catalogue)("%s: serializes to a fixed point after one parse", (_type, event) => {
    const once = parseEventJson(serializeEvent(event));
    if (!once.ok) throw new Error(once.error.reason);
    const text = serializeEvent(once.event);
    const twice = parseEventJson(text);
    expect(twice.ok && serializeEvent(twice.event)).toBe(text);
  });

  it.each(catalogue)("%s: carries a version the registry knows", (type, event) => {
    expect(knownVersions(type)).toContain(event.version);
  });

  it.each(catalogue)("%s: has a UTC millisecond timestamp", (_type, event) => {
    expect(new Date(event.time).toISOString()).toBe(event.time);
  });

  it("uses distinct ids (they are idempotency keys)", () => {
    const ids = catalogue.map(([, e]) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("registry", () => {
  it.each([
    ["contact.queued", [1]],
    ["command.bridge-call", [1]],
    ["no.such-type", []],
    ["constructor", []],
    ["__proto__", []],
  ] as const)("knownVersions(%s) = %j", (type, versions) => {
    expect(knownVersions(type)).toEqual(versions);
  });

  it("names types in dotted kebab-case", () => {
    for (const type of eventTypes) expect(type).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)*$/);
  });

  it("includes the contact lifecycle in order a reader expects", () => {
    const lifecycle: EventType[] = [
      "contact.created",
      "contact.ivr-entered",
      "contact.ivr-exited",
      "contact.queued",
      "contact.offered",
      "contact.connected",
      "contact.held",
      "contact.resumed",
      "contact.disconnected",
      "contact.wrapup-started",
      "contact.wrapup-ended",
      "contact.ended",
    ];
    for (const type of lifecycle) expect(eventTypes).toContain(type);
  });
});
