import { parseEventJson, type StarboardEvent, serializeEvent, validateEvent } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { defaultProfile, generateHistory } from "../../src/simulator/index";
import { qaViolations } from "../../src/simulator/phrases";

const profile = defaultProfile({ agents: 30, seed: 9 });
const endAt = new Date("2026-11-30T04:00:00.000Z");
const run = (o: { days?: number; seed?: number; endAt?: Date; agents?: number } = {}): StarboardEvent[] =>
  [
    ...generateHistory({
      profile:
        o.agents === undefined
          ? profile
          : { ...defaultProfile({ agents: o.agents, seed: 9 }), dailyContacts: profile.dailyContacts },
      days: o.days ?? 2,
      endAt: o.endAt ?? endAt,
      seed: o.seed ?? 9,
    }),
  ].flat();

describe("history back-fill", () => {
  const events = run();
  const texts = events.flatMap((e) =>
    e.type === "message.sent" || e.type === "message.received" || e.type === "transcript.segment"
      ? [e.data.text]
      : [],
  );

  it("produces only valid events, each surviving a serialize/parse round trip", () => {
    expect(events.length).toBeGreaterThan(5_000);
    for (const e of events) {
      const checked = validateEvent(e);
      expect(checked.ok, checked.ok ? "" : `${e.type} ${checked.error.path}: ${checked.error.reason}`).toBe(
        true,
      );
      const parsed = parseEventJson(serializeEvent(e));
      expect(parsed.ok && parsed.event.id === e.id).toBe(true);
    }
  });

  it("gives every event a unique id, and a second run the same ids", () => {
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(run().map((e) => e.id)).toEqual(ids);
  });

  it("is identical for the same seed and different for another", () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(events));
    expect(run({ seed: 10 }).map((e) => e.id)).not.toEqual(events.map((e) => e.id));
  });

  it("repeats the same events for hours two runs share, so the sink's dedup absorbs a re-run", () => {
    const later = run({ days: 1, endAt: new Date(endAt.getTime() + 6 * 3_600_000) });
    const earlier = new Map(events.map((e) => [e.id, e]));
    const overlap = later.filter(
      (e) => Date.parse(e.time) < endAt.getTime() - 3_600_000 && earlier.has(e.id),
    );
    expect(overlap.length).toBeGreaterThan(1_000);
    for (const e of overlap.slice(0, 200)) expect(e).toEqual(earlier.get(e.id));
  });

  it("leaves out everything after endAt", () => {
    expect(events.every((e) => Date.parse(e.time) <= endAt.getTime())).toBe(true);
  });

  it.each([
    ["Chinese complaint words", /退款|账单|信用卡|物流|密码重置|投诉/],
    ["English complaint words", /refund|bill|credit card|password|complain/i],
  ])("has %s in messages and transcripts", (_label, pattern) => {
    expect(texts.filter((t) => pattern.test(t)).length).toBeGreaterThan(50);
  });

  it("has agent lines a QA rule would flag now and then", () => {
    const flagged = [...qaViolations["zh-CN"], ...qaViolations.en].map((v) => v.text);
    const hits = texts.filter((t) => flagged.includes(t)).length;
    expect(hits).toBeGreaterThan(0);
    expect(hits / texts.length).toBeLessThan(0.05);
  });

  it("closes every contact once, with CSAT answered for some and abandoned ones waiting out their patience", () => {
    const created = events.filter((e) => e.type === "contact.created").length;
    const ended = events.filter((e) => e.type === "contact.ended");
    expect(new Set(ended.map((e) => e.contactId)).size).toBe(ended.length);
    expect(ended.length / created).toBeGreaterThan(0.98);
    const csat = events.filter((e) => e.type === "csat.survey-answered").length;
    expect(csat / ended.length).toBeGreaterThan(0.15);
    expect(csat / ended.length).toBeLessThan(0.45);
  });

  it.each([
    [8, 15, 1],
    [30, 0, 0.12],
  ])("with %i agents the abandon rate is above %i%% and below %f", (agents, minPct, max) => {
    const ended = run({ days: 1, agents }).flatMap((e) =>
      e.type === "contact.ended" && e.data.outcome !== "self-service" ? [e.data.outcome] : [],
    );
    const rate = ended.filter((o) => o === "abandoned").length / ended.length;
    expect(rate * 100).toBeGreaterThanOrEqual(minPct);
    expect(rate).toBeLessThan(max);
  });

  it("moves tickets between departments and closes them", () => {
    const types = new Set(events.filter((e) => e.type.startsWith("ticket.")).map((e) => e.type));
    expect([...types].sort()).toEqual([
      "ticket.assigned",
      "ticket.closed",
      "ticket.commented",
      "ticket.created",
      "ticket.moved",
      "ticket.resolved",
    ]);
  });

  it("signs agents in with their skills, takes breaks with reason codes and signs them out", () => {
    const reasons = new Set(events.flatMap((e) => (e.type === "agent.not-ready" ? [e.data.reasonCode] : [])));
    expect([...reasons].sort()).toEqual(["break", "meal", "training"]);
    expect(
      events.some(
        (e) => e.type === "agent.signed-in" && e.source === "agent-desktop" && e.data.skills.length > 0,
      ),
    ).toBe(true);
    expect(events.some((e) => e.type === "agent.signed-out")).toBe(true);
  });

  it("refuses a nonsense day count with the reason", () => {
    expect(() => run({ days: 0 })).toThrow(/days must be an integer in 1..3650/);
  });
});
