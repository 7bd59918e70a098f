import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import {
  agentPerformance,
  channelComparison,
  customerHistory,
  demand,
  qaFlags,
  serviceLevelByInterval,
  ticketSlaByDepartment,
  ticketSlaByDepartmentDay,
  totalServiceLevel,
} from "../src/reports/index";
import { dayOfEvents, dayRange } from "./day";
import { freshWarehouse, writeThroughSink } from "./warehouse";

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  const events = dayOfEvents();
  await writeThroughSink(warehouse, events);
});
afterAll(() => dispose());

// Hand-computed from test/day.ts (threshold 20 s, short abandon 5 s), queue q-billing:
//   offered 8; handled 4 with waits 10, 15, 19.5, 45 -> 3 within 20 s;
//   abandoned 4 with waits 3, 30, 60, 4.2 -> 2 short.
//   service level = 3 / (4 + 4 - 2) = 0.5; ASA = (10 + 15 + 19.5 + 45) / 4 = 22.375
//   AHT = (360 + 260 + 120 + 500) / 4 = 310; abandon rate = 2 / (8 - 2) = 1/3
// voice CSAT scores 5, 4, 2, 3 -> 2 of 4 satisfied = 0.5, mean 3.5; resolution 3 resolved of 8 closed.
describe("golden day through the sink and the report queries", () => {
  it("service level, ASA, AHT and abandon rate for the voice queue", async () => {
    const rows = await serviceLevelByInterval(warehouse, { ...dayRange, queueId: "q-billing" });
    expect(rows.map((r) => r.intervalStart)).toEqual([
      "2026-11-30 09:00:00",
      "2026-11-30 09:15:00",
      "2026-11-30 09:30:00",
      "2026-11-30 09:45:00",
    ]);
    const total = totalServiceLevel(rows);
    expect(total).toMatchObject({
      offered: 8,
      handled: 4,
      handledWithin: 3,
      abandoned: 4,
      shortAbandoned: 2,
    });
    expect(total.serviceLevel).toBeCloseTo(0.5, 12);
    expect(total.asaSeconds).toBeCloseTo(22.375, 9);
    expect(total.ahtSeconds).toBeCloseTo(310, 9);
    expect(total.abandonRate).toBeCloseTo(1 / 3, 12);
    // Variants from the same stored counts: Asterisk SL 3/4; SL2 (3 + 2 abandoned within 20 s) / 8.
    expect(total.variants.asteriskSl).toBeCloseTo(0.75, 12);
    expect(total.variants.asteriskSl2).toBeCloseTo(5 / 8, 12);
    expect(total.variants.connect).toBeCloseTo(5 / 8, 12);
    const stricter = totalServiceLevel(
      await serviceLevelByInterval(warehouse, { ...dayRange, queueId: "q-billing", thresholdSeconds: 15 }),
    );
    expect(stricter.handledWithin).toBe(2);
  });

  it("the first interval alone", async () => {
    const [first] = await serviceLevelByInterval(warehouse, { ...dayRange, queueId: "q-billing" });
    // c1 (wait 10) and c2 (wait 15) queued and connected in 09:00-09:15; c1 ended there (360 s handle).
    expect(first).toMatchObject({
      offered: 2,
      handled: 2,
      handledWithin: 2,
      abandoned: 0,
      serviceLevel: 1,
      asaSeconds: 12.5,
    });
  });

  it("channels side by side: CSAT, resolution, ASA", async () => {
    const rows = await channelComparison(warehouse, dayRange);
    const voice = rows.find((r) => r.channel === "voice");
    const chat = rows.find((r) => r.channel === "webchat");
    expect(voice).toMatchObject({
      offered: 8,
      handled: 4,
      abandoned: 4,
      shortAbandoned: 2,
      contactsEnded: 8,
      resolved: 3,
      csatResponses: 4,
    });
    expect(voice?.csat).toBeCloseTo(0.5, 12);
    expect(voice?.csatMean).toBeCloseTo(3.5, 12);
    expect(voice?.resolutionRate).toBeCloseTo(3 / 8, 12);
    expect(voice?.asaSeconds).toBeCloseTo(22.375, 9);
    expect(voice?.abandonRate).toBeCloseTo(1 / 3, 12);
    expect(chat).toMatchObject({
      offered: 1,
      handled: 1,
      resolved: 1,
      csat: 1,
      asaSeconds: 8,
      ahtSeconds: 600,
    });
  });

  it("agent scorecards", async () => {
    const rows = await agentPerformance(warehouse, dayRange);
    const a = rows.find((r) => r.agentId === "agent-a");
    const b = rows.find((r) => r.agentId === "agent-b");
    // agent-a: c1 (360), c3 (120), c9 (600); ready 08:55-12:55 = 14,400 s.
    expect(a).toMatchObject({
      handled: 3,
      resolved: 2,
      complaints: 1,
      qaFlags: 1,
      readySeconds: 14_400,
      csatResponses: 3,
    });
    expect(a?.ahtSeconds).toBeCloseTo(360, 9);
    expect(a?.occupancy).toBeCloseTo(1080 / 14_400, 12);
    // agent-b: c2 (260), c4 (500); ready 09:00-11:00; resolved both tickets.
    expect(b).toMatchObject({ handled: 2, resolved: 2, ticketsResolved: 2, readySeconds: 7_200 });
    expect(b?.csat).toBeCloseTo(0.5, 12);
  });

  it("demand by category and keyword", async () => {
    const rows = await demand(warehouse, dayRange);
    const billing = rows.find((r) => r.kind === "category" && r.term === "billing");
    // categories: billing x3, refund x1 (+2 tickets), complaint x1, delivery x1 -> 8 tagged in all.
    expect(billing).toMatchObject({ contacts: 3, daily: [{ day: "2026-11-30", contacts: 3 }] });
    expect(billing?.share).toBeCloseTo(3 / 8, 12);
    expect(rows.find((r) => r.term === "refund")?.contacts).toBe(3);
  });

  it("ticket SLA by department", async () => {
    const rows = await ticketSlaByDepartment(warehouse, {
      ...dayRange,
      asOf: new Date(Date.UTC(2026, 10, 30, 18)),
    });
    // T..1 due 10:05, resolved 09:40 -> within; T..2 due 09:36, resolved 11:00 -> late. Both moved once.
    expect(rows).toEqual([
      {
        department: "card-operations",
        tickets: 2,
        resolvedWithinSla: 1,
        resolvedLate: 1,
        openOverdue: 0,
        openWithinSla: 0,
        departmentHops: 2,
      },
    ]);
  });

  it("ticket SLA by department and day", async () => {
    const rows = await ticketSlaByDepartmentDay(warehouse, {
      ...dayRange,
      asOf: new Date(Date.UTC(2026, 10, 30, 18)),
    });
    expect(rows).toEqual([
      {
        department: "card-operations",
        day: "2026-11-30",
        tickets: 2,
        resolvedWithinSla: 1,
        resolvedLate: 1,
        openOverdue: 0,
        openWithinSla: 0,
        departmentHops: 2,
      },
    ]);
  });

  it("customer history across channels", async () => {
    const history = await customerHistory(warehouse, { customer: "cust-c1" });
    expect(history.contacts).toHaveLength(1);
    expect(history.contacts[0]).toMatchObject({
      contactId: "c1",
      channel: "voice",
      outcome: "handled",
      resolved: true,
      csatScore: 5,
      categories: ["billing"],
    });
    expect(history.tickets.map((t) => t.ticketNumber)).toEqual(["T-20261130-0002", "T-20261130-0001"]);
    const byPhone = await customerHistory(warehouse, { customer: "+8613800138003" });
    expect(byPhone.contacts.map((c) => c.contactId)).toEqual(["c3"]);
  });

  it("QA flags with the reviewer's verdict", async () => {
    const rows = await qaFlags(warehouse, dayRange);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      flagId: "flag-c3-1",
      contactId: "c3",
      agentId: "agent-a",
      verdict: "confirmed",
      matchedText: "处理不了",
    });
  });
});
