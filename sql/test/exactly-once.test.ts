import { type InProcessEventLog, publishEvents, Topics } from "@starboard/core";
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
} from "../src/reports/index";
import { type Sink, startSink } from "../src/sink/index";
import { dayOfEvents, dayRange } from "./day";
import { freshLogAndWarehouse } from "./warehouse";

let warehouse: Warehouse;
let dispose: () => Promise<void>;
let log: InProcessEventLog;
const events = dayOfEvents();

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out waiting for the sink");
}

/** Every report the package serves, over the day. */
async function everyReport() {
  return {
    serviceLevel: await serviceLevelByInterval(warehouse, dayRange),
    channels: await channelComparison(warehouse, dayRange),
    agents: await agentPerformance(warehouse, dayRange),
    demand: await demand(warehouse, dayRange),
    tickets: await ticketSlaByDepartment(warehouse, {
      ...dayRange,
      asOf: new Date(Date.UTC(2026, 10, 30, 18)),
    }),
    customer: await customerHistory(warehouse, { customer: "cust-c1" }),
    qa: await qaFlags(warehouse, dayRange),
    rawEvents: await warehouse.query<{ n: number }>("SELECT toUInt32(count()) AS n FROM raw_events"),
  };
}

async function drained(sink: Sink, groupId: string): Promise<void> {
  await until(async () => {
    const ends = await log.endOffsets(Topics.events);
    const committed = await log.committedOffsets(groupId, Topics.events);
    return [...ends].every(([p, end]) => (committed.get(p) ?? 0) >= end);
  });
  await sink.stop();
}

beforeAll(async () => {
  ({ warehouse, log, dispose } = await freshLogAndWarehouse(4));
});
afterAll(() => dispose());

describe("exactly-once totals", () => {
  let once: Awaited<ReturnType<typeof everyReport>>;

  it("a first feed writes every event", async () => {
    await publishEvents(log, events);
    const sink = await startSink({ log, warehouse, maxDelayMs: 20 });
    await drained(sink, "sql-sink");
    expect(sink.stats).toMatchObject({ written: events.length, duplicates: 0, deadLettered: 0 });
    once = await everyReport();
    expect(once.rawEvents).toEqual([{ n: events.length }]);
  });

  it("feeding every event a second time (new offsets) changes no report", async () => {
    await publishEvents(log, events);
    const sink = await startSink({ log, warehouse, maxDelayMs: 20 });
    await drained(sink, "sql-sink");
    expect(sink.stats).toMatchObject({ written: 0, duplicates: events.length });
    expect(await everyReport()).toEqual(once);
  });

  it("a redelivery of everything (written, never committed: a sink killed before commit) changes no report", async () => {
    const sink = await startSink({ log, warehouse, groupId: "sql-sink-fresh", maxDelayMs: 20 });
    await drained(sink, "sql-sink-fresh");
    expect(sink.stats).toMatchObject({ written: 0, duplicates: 2 * events.length });
    expect(await everyReport()).toEqual(once);
  });

  it("a malformed record goes to the dead-letter topic with its reason and the sink keeps going", async () => {
    const created = events.find((e) => e.type === "contact.created");
    if (created === undefined) throw new Error("the day has no contact.created");
    await log.publish(Topics.events, [
      { key: "bad-1", value: "{not json" },
      { key: "bad-2", value: JSON.stringify({ ...created, data: { direction: "sideways" } }) },
    ]);
    const late = { ...created, id: "c-late-created", contactId: "c-late" };
    await publishEvents(log, [late]);
    const sink = await startSink({ log, warehouse, maxDelayMs: 20 });
    await drained(sink, "sql-sink");
    expect(sink.stats).toMatchObject({ written: 1, deadLettered: 2 });
    const deadEnds = [...(await log.endOffsets(Topics.deadLetter)).values()].reduce((a, b) => a + b, 0);
    expect(deadEnds).toBe(2);
    const seen: string[] = [];
    const reader = await log.subscribe({
      groupId: "dead-letter-reader",
      topics: [Topics.deadLetter],
      startAt: "earliest",
      handler: async (batch) => {
        for (const r of batch.records)
          seen.push(`${r.headers["x-dead-letter-step"]}: ${r.headers["x-dead-letter-reason"]}`);
      },
    });
    await until(() => seen.length === 2);
    await reader.stop();
    expect(seen.sort()).toEqual([
      expect.stringMatching(/^sink.convert: data.direction/),
      expect.stringMatching(/^sink.convert: invalid JSON/),
    ]);
  });
});
