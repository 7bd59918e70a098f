import type { StarboardEvent } from "@starboard/core";
import { parse, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { ApiKeyConfigError, KeyRing, keyIdOf, parseApiKeys } from "../src/auth/api-keys";
import { mask } from "../src/auth/role-matrix";
import { defaultQueryLimits, limitRule } from "../src/limits/query-limits";
import { RateLimiter } from "../src/limits/rate-limit";
import { MonitorBook } from "../src/live/monitor-book";
import { buildApiSchema } from "../src/schema";
import { cursorAt, pageOf } from "../src/services/pagination";
import {
  checkTimeZone,
  dayBuckets,
  offsetMinutes,
  parseRange,
  startOfLocalDay,
} from "../src/services/time-range";

describe("API keys", () => {
  it("parses key:role pairs and names a bad entry by position, never by its secret", () => {
    expect(parseApiKeys(" aaaaaaaaaaaaaaaa:supervisor, bbbbbbbbbbbbbbbb:bi ")).toEqual([
      { key: "aaaaaaaaaaaaaaaa", role: "supervisor" },
      { key: "bbbbbbbbbbbbbbbb", role: "bi" },
    ]);
  });

  it.each([
    ["aaaaaaaaaaaaaaaa", "entry 1: expected key:role"],
    ["aaaaaaaaaaaaaaaa:boss", 'entry 1: role "boss" is not one of supervisor, exec, qa, bi, admin'],
    ["aaaaaaaaaaaaaaaa:qa,short:qa", "entry 2: key is shorter than 16 characters"],
    ["aaaaaaaaaaaaaaaa:qa,aaaaaaaaaaaaaaaa:bi", "entry 2: the same key is listed twice"],
  ])("%s -> %s", (value, message) => {
    expect(() => parseApiKeys(value)).toThrow(ApiKeyConfigError);
    expect(() => parseApiKeys(value)).toThrow(message);
    try {
      parseApiKeys(value);
    } catch (error) {
      expect(String(error)).not.toContain("aaaaaaaaaaaaaaaa");
    }
  });

  it("authenticates only exact bearer keys", () => {
    const ring = new KeyRing([{ key: "k".repeat(20), role: "qa" }]);
    expect(ring.authenticate(`Bearer ${"k".repeat(20)}`)).toEqual({
      role: "qa",
      keyId: keyIdOf("k".repeat(20)),
    });
    expect(keyIdOf("k".repeat(20))).not.toContain("kkkk");
    for (const bad of [undefined, "", "k".repeat(20), `Basic ${"k".repeat(20)}`, `Bearer ${"k".repeat(19)}`])
      expect(ring.authenticate(bad)).toBeUndefined();
  });
});

describe("masking personal data", () => {
  it.each([
    ["+8613800138000", "+861****8000"],
    ["13800138000", "1380****8000"],
    ["张三丰", "***"],
    ["Li Wei", "L*****"],
    ["visitor-8f2c", "v********"],
  ])("%s -> %s", (value, masked) => {
    expect(mask(value)).toBe(masked);
  });
});

describe("pagination", () => {
  const items = Array.from({ length: 5 }, (_, i) => i);
  it("walks a list with opaque cursors", () => {
    const first = pageOf(items, 2, undefined);
    expect(first).toEqual({
      nodes: [0, 1],
      totalCount: 5,
      pageInfo: { endCursor: cursorAt(2), hasNextPage: true },
    });
    const last = pageOf(items, 2, pageOf(items, 2, first.pageInfo.endCursor).pageInfo.endCursor);
    expect(last.nodes).toEqual([4]);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });
  it.each([
    [-1, undefined, "first: must be an integer from 0 to 1000"],
    [1001, undefined, "first: must be an integer from 0 to 1000"],
    [2, "not-a-cursor", "is not a cursor this API issued"],
  ])("first %s after %s is refused", (first, after, message) => {
    expect(() => pageOf(items, first, after)).toThrow(message);
  });
});

describe("time ranges and zones", () => {
  it.each([
    ["2026-11-30T00:00:00Z", "2026-12-01T00:00:00+08:00", undefined],
    ["2026-11-30", "2026-12-01T00:00:00Z", "from: expected ISO-8601 with an offset"],
    ["2026-11-30T00:00:00", "2026-12-01T00:00:00Z", "from: expected ISO-8601 with an offset"],
    ["2026-11-30T00:00:00Z", "2026-11-29T00:00:00Z", "to: must be after from"],
    ["2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "to: a range is at most 400 days"],
    ["2026-02-30T00:00:00Z", "2026-12-01T00:00:00Z", "from: 2026-02-30T00:00:00Z is not a real date"],
  ])("%s .. %s", (from, to, message) => {
    if (message === undefined) expect(() => parseRange(from, to)).not.toThrow();
    else expect(() => parseRange(from, to)).toThrow(message);
  });

  it("knows offsets, including daylight saving", () => {
    expect(offsetMinutes("Asia/Shanghai", new Date("2026-11-30T00:00:00Z"))).toBe(480);
    expect(offsetMinutes("America/New_York", new Date("2026-07-01T12:00:00Z"))).toBe(-240);
    expect(offsetMinutes("America/New_York", new Date("2026-12-01T12:00:00Z"))).toBe(-300);
    expect(offsetMinutes("Asia/Kolkata", new Date("2026-12-01T12:00:00Z"))).toBe(330);
    expect(() => checkTimeZone("Mars/Olympus")).toThrow("is not an IANA time zone");
  });

  it("finds local midnight and day/week buckets on local boundaries", () => {
    expect(startOfLocalDay(new Date("2026-11-30T17:00:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-11-30T16:00:00.000Z",
    );
    expect(startOfLocalDay(new Date("2026-03-08T12:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    const days = dayBuckets(parseRange("2026-11-28T00:00:00Z", "2026-12-01T00:00:00Z"), "UTC", false);
    expect(days.map((d) => d.from.toISOString().slice(0, 10))).toEqual([
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
    ]);
    // 2026-11-30 is a Monday: weeks start there.
    const weeks = dayBuckets(parseRange("2026-11-25T00:00:00Z", "2026-12-08T00:00:00Z"), "UTC", true);
    expect(weeks.map((w) => w.from.toISOString().slice(0, 10))).toEqual([
      "2026-11-23",
      "2026-11-30",
      "2026-12-07",
    ]);
  });
});

describe("query limits", () => {
  const schema = buildApiSchema();
  const errors = (query: string) =>
    validate(schema, parse(query), [...specifiedRules, limitRule(defaultQueryLimits)]).map(
      (e) => e.extensions.code ?? e.message,
    );

  it.each([
    ["{ queues { id waiting } }", []],
    ["{ agents(first: 1000) { nodes { id contacts { contactId } } } }", []],
    [
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: agents(first: 1000) { nodes { id status contacts { contactId channel activity seconds } } }`).join(" ")} }`,
      ["QUERY_TOO_COSTLY"],
    ],
    [
      "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }",
      ["QUERY_TOO_DEEP"],
    ],
    ["{ queues { nope } }", ['Cannot query field "nope" on type "Queue".']],
    // The dashboard's QA console: a subscription is one object, a call's monitors a handful.
    [
      "subscription { liveContacts { snapshot removed at contacts { id channel queueId phase agentId customerAddress waitingSince monitors { monitorId mode supervisor } } } }",
      [],
    ],
    ["{ liveContacts { nodes { id monitors { monitorId } } } }", []],
  ])("%s", (query, expected) => {
    expect(errors(query)).toEqual(expected);
  });
});

describe("rate limit", () => {
  it("allows a burst, then refills at the rate", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take("k"))).toEqual([true, true, true, false]);
    expect(limiter.retryAfterSeconds("k")).toBe(1);
    expect(limiter.take("other")).toBe(true);
    now = 500;
    expect(limiter.take("k")).toBe(true);
    expect(limiter.take("k")).toBe(false);
  });
});

describe("monitor sessions from the log", () => {
  const command = (type: string, data: Record<string, unknown>) =>
    ({
      id: `e-${Math.random()}`,
      version: 1,
      time: "2026-11-30T09:00:00.000Z",
      tenant: "default",
      source: "graphql",
      channel: "voice",
      contactId: "call-1",
      agentId: "agent-1",
      type,
      data: { requestedBy: "key-1", ...data },
    }) as unknown as StarboardEvent;
  const result = (commandId: string, ok: boolean) =>
    ({
      id: `r-${commandId}`,
      version: 1,
      time: "2026-11-30T09:00:01.000Z",
      tenant: "default",
      source: "esl",
      type: "router.command-result",
      data: ok
        ? { commandId, commandType: "command.monitor-call", ok }
        : { commandId, commandType: "command.monitor-call", ok, error: "-ERR" },
    }) as unknown as StarboardEvent;
  const start = command("command.monitor-call", {
    commandId: "c1",
    monitorId: "m1",
    mode: "barge",
    supervisorEndpoint: "user/2001",
  });

  it.each([
    ["command then ok", [start, result("c1", true)], ["m1:barge"]],
    ["ok read before its command (replay order)", [result("c1", true), start], ["m1:barge"]],
    ["refused by the switch", [start, result("c1", false)], []],
    ["no answer yet", [start], []],
    [
      "mode change after ok",
      [
        start,
        result("c1", true),
        command("command.change-monitor-mode", { commandId: "c2", monitorId: "m1", mode: "listen" }),
        result("c2", true),
      ],
      ["m1:listen"],
    ],
    [
      "stopped",
      [
        start,
        result("c1", true),
        command("command.stop-monitor", { commandId: "c3", monitorId: "m1" }),
        result("c3", true),
      ],
      [],
    ],
    [
      "the call hung up",
      [
        start,
        result("c1", true),
        {
          ...command("contact.disconnected", {}),
          data: { endedBy: "customer", hangupCause: "NORMAL_CLEARING" },
        } as StarboardEvent,
      ],
      [],
    ],
  ])("%s", (_name, events, expected) => {
    const book = new MonitorBook();
    for (const e of events) book.apply(e);
    expect(book.list().map((s) => `${s.monitorId}:${s.mode}`)).toEqual(expected);
  });
});
