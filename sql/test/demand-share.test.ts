import { exampleEvents, type StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { demandShare } from "../src/reports/index";
import { freshWarehouse, writeThroughSink } from "./warehouse";

// Shares of contacts per demand term from the text rules, the sources' tags and the IVR, counted once
// per contact. Day 1 (11-30): d1..d5 and ticket T1 (6); day 2 (12-01): d6..d9 (4).

const x = exampleEvents;
const day1 = Date.UTC(2026, 10, 30, 9, 0, 0);
const day2 = Date.UTC(2026, 11, 1, 9, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();
const chat = (contactId: string) => ({ tenant: "default", channel: "webchat", contactId }) as const;

const created = (id: string, time: number, channel: "webchat" | "voice" = "webchat"): StarboardEvent => ({
  ...x["contact.created"],
  ...chat(id),
  channel,
  id: `created-${id}`,
  time: at(time),
});
const said = (id: string, time: number, categories: string[], keywords: string[]): StarboardEvent => ({
  ...x["demand.categorized"],
  ...chat(id),
  id: `demand/${id}/${time}`,
  time: at(time),
  data: { categories, keywords, lineId: `line-${time}` },
});
const ended = (id: string, time: number, categories: string[]): StarboardEvent => {
  const { dispositionCode: _d, ...data } = x["contact.ended"].data;
  return {
    ...x["contact.ended"],
    ...chat(id),
    id: `end-${id}`,
    time: at(time),
    data: { ...data, categories },
  };
};

function events(): StarboardEvent[] {
  const m = 60_000;
  return [
    ...["d1", "d2", "d3", "d5"].map((id, i) => created(id, day1 + i * m)),
    created("d4", day1 + 4 * m, "voice"),
    {
      ...x["ticket.created"],
      id: "ticket-T1",
      time: at(day1 + 5 * m),
      data: { ...x["ticket.created"].data, ticketNumber: "T-20261130-0901", categories: ["refund"] },
    },
    said("d1", day1 + 10 * m, ["logistics"], ["物流慢"]),
    said("d2", day1 + 11 * m, ["refund", "complaint"], []),
    ended("d3", day1 + 12 * m, ["refund"]),
    {
      ...x["contact.ivr-exited"],
      tenant: "default",
      channel: "voice",
      contactId: "d4",
      id: "ivr-d4",
      time: at(day1 + 13 * m),
      data: { ...x["contact.ivr-exited"].data, recognizedIntent: "query-bill" },
    },
    ...["d6", "d7", "d8", "d9"].map((id, i) => created(id, day2 + i * m)),
    said("d6", day2 + 10 * m, ["logistics"], ["物流慢"]),
    said("d7", day2 + 11 * m, ["logistics"], ["物流慢"]),
    // d1's own tag at its end, a day later: still one contact for logistics over the range.
    ended("d1", day2 + 12 * m, ["logistics"]),
  ];
}

let warehouse: Warehouse;
let dispose: () => Promise<void>;
const range = { from: new Date(Date.UTC(2026, 10, 30)), to: new Date(Date.UTC(2026, 11, 2)) };

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  const list = events();
  await writeThroughSink(warehouse, list);
});
afterAll(() => dispose());

describe("demand share", () => {
  it("distinct contacts per term, its share of all contacts, day by day, with a trend", async () => {
    const r = await demandShare(warehouse, range);
    expect(r.totalContacts).toBe(10);
    expect(r.terms.map((t) => [t.kind, t.term, t.contacts, t.share])).toEqual([
      ["category", "logistics", 3, 0.3],
      ["category", "refund", 3, 0.3],
      ["category", "complaint", 1, 0.1],
      ["intent", "query-bill", 1, 0.1],
      ["keyword", "物流慢", 3, 0.3],
    ]);
    const slow = r.terms.find((t) => t.term === "物流慢");
    expect(slow?.daily).toEqual([
      { day: "2026-11-30", contacts: 1, share: 1 / 6 },
      { day: "2026-12-01", contacts: 2, share: 0.5 },
    ]);
    expect(slow?.trendPerDay).toBeCloseTo(0.5 - 1 / 6, 12);
    const logistics = r.terms.find((t) => t.term === "logistics");
    expect(logistics?.daily.map((d) => d.contacts)).toEqual([1, 3]);
    expect(r.terms.find((t) => t.term === "refund")?.trendPerDay).toBeCloseTo(-0.5, 12);
  });

  it("one kind only; an empty range has no contacts and no terms", async () => {
    const r = await demandShare(warehouse, { ...range, kind: "keyword" });
    expect(r.terms.map((t) => t.term)).toEqual(["物流慢"]);
    expect(r.totalContacts).toBe(10);
    const empty = await demandShare(warehouse, {
      from: new Date(Date.UTC(2025, 0, 1)),
      to: new Date(Date.UTC(2025, 0, 3)),
    });
    expect(empty).toEqual({ totalContacts: 0, terms: [] });
  });
});
