import {
  abandonRate,
  aht,
  amazonConnectServiceLevel,
  asa,
  asteriskServiceLevel,
  asteriskServiceLevel2,
  countsByInterval,
  csat,
  defaultServiceLevel,
  firstResponseSeconds,
  foldCounts,
  genesysServiceLevel,
  type QueueCounts,
  resolutionRate,
} from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import {
  channelComparison,
  type QueueIntervalReport,
  serviceLevelByInterval,
  totalServiceLevel,
} from "../src/reports/index";
import { type ParityDay, parityDay, parityRange } from "./parity-day";
import { freshWarehouse, writeThroughSink } from "./warehouse";

// The same simulated day through core/src/metrics and through the sink + SQL reports: every count,
// every service-level variant, ASA, AHT, abandon rate, CSAT and resolution rate must be equal.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
const day: ParityDay = parityDay();

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  await writeThroughSink(warehouse, day.events);
});
afterAll(() => dispose());

const queueIds = ["q-chat", "q-chat-2", "q-voice-a", "q-voice-b"];
const rulesList = [
  { thresholdSeconds: 20, shortAbandonSeconds: 5 },
  { thresholdSeconds: 15, shortAbandonSeconds: 10 },
];

/** Every figure core derives from counts, beside the SQL report's for the same counts. */
function expectSame(sql: QueueIntervalReport, core: QueueCounts, label: string): void {
  expect(
    {
      offered: sql.offered,
      handled: sql.handled,
      handledWithin: sql.handledWithin,
      abandoned: sql.abandoned,
      abandonedWithin: sql.abandonedWithin,
      shortAbandoned: sql.shortAbandoned,
      flowedOut: sql.flowedOut,
      callbackRequested: sql.callbackRequested,
      removedWithin: sql.removedWithin,
    },
    label,
  ).toEqual({
    offered: core.offered,
    handled: core.handled,
    handledWithin: core.handledWithinThreshold,
    abandoned: core.abandoned,
    abandonedWithin: core.abandonedWithinThreshold,
    shortAbandoned: core.shortAbandoned,
    flowedOut: core.flowedOut,
    callbackRequested: core.callbackRequested,
    removedWithin: core.removedWithinThreshold,
  });
  const pairs: [string, number | null, number | null][] = [
    ["default SL", sql.serviceLevel, defaultServiceLevel(core)],
    ["Amazon Connect", sql.variants.connect, amazonConnectServiceLevel(core)],
    ["Asterisk SL", sql.variants.asteriskSl, asteriskServiceLevel(core)],
    ["Asterisk SL2", sql.variants.asteriskSl2, asteriskServiceLevel2(core)],
    [
      "Genesys (flow-outs in, short abandons out)",
      sql.variants.genesys,
      genesysServiceLevel(core, { includeFlowOuts: true, includeShortAbandons: false }),
    ],
    ["ASA", sql.asaSeconds, asa(core)],
    ["AHT", sql.ahtSeconds, aht(core)],
    ["abandon rate", sql.abandonRate, abandonRate(core)],
  ];
  for (const [name, got, want] of pairs) {
    if (want === null) expect(got, `${label} ${name}`).toBeNull();
    else expect(got, `${label} ${name}`).toBeCloseTo(want, 9);
  }
}

const stays = (queueId: string) => day.stays.filter((s) => s.queueId === queueId).map((s) => s.contact);

describe("parity: core/src/metrics and the SQL reports on the same day", () => {
  it("the day exercises every case the rules distinguish", () => {
    const all = foldCounts(
      day.stays.map((s) => s.contact),
      { thresholdSeconds: 20 },
    );
    expect(all.flowedOut).toBeGreaterThan(5);
    expect(all.callbackRequested).toBeGreaterThan(5);
    expect(all.shortAbandoned).toBeGreaterThan(2);
    expect(all.offered - all.handled - all.abandoned - all.flowedOut).toBe(6);
    // Some callbacks were also connected within T: Connect must count those contacts once.
    const both = day.stays.filter(
      (s) => s.contact.callbackRequestedAt !== undefined && s.contact.waitSeconds <= 20,
    );
    expect(both.length).toBeGreaterThan(0);
    // Chats with a reply, without one, and with a proactive agent message before the customer wrote.
    const replied = day.chats.filter((c) => firstResponseSeconds(c.messages) !== null).length;
    expect(replied).toBeGreaterThan(10);
    expect(day.chats.length - replied).toBeGreaterThan(2);
  });

  it.each(rulesList)("by queued interval (core's countsByInterval), every interval: %j", async (rules) => {
    for (const queueId of queueIds) {
      const core = countsByInterval(stays(queueId), { ...rules, intervalSeconds: 900 });
      const rows = await serviceLevelByInterval(warehouse, { ...parityRange, ...rules, queueId });
      expect(
        rows.map((r) => r.intervalStart),
        queueId,
      ).toEqual(
        [...core.keys()]
          .sort((a, b) => a - b)
          .map((t) => new Date(t).toISOString().slice(0, 19).replace("T", " ")),
      );
      for (const row of rows) {
        const start = Date.parse(`${row.intervalStart.replace(" ", "T")}Z`);
        expectSame(row, core.get(start) as QueueCounts, `${queueId} ${row.intervalStart}`);
      }
      // Hourly intervals are the sums of the quarter hours.
      const hourly = await serviceLevelByInterval(warehouse, {
        ...parityRange,
        ...rules,
        queueId,
        intervalMinutes: 60,
      });
      const coreHourly = countsByInterval(stays(queueId), { ...rules, intervalSeconds: 3_600 });
      for (const row of hourly) {
        const start = Date.parse(`${row.intervalStart.replace(" ", "T")}Z`);
        expectSame(row, coreHourly.get(start) as QueueCounts, `${queueId} hour ${row.intervalStart}`);
      }
    }
  });

  it.each(rulesList)("by event time (the rollup): the day's totals per queue: %j", async (rules) => {
    for (const queueId of queueIds) {
      const rows = await serviceLevelByInterval(warehouse, {
        ...parityRange,
        ...rules,
        queueId,
        groupBy: "event",
      });
      expectSame(totalServiceLevel(rows), foldCounts(stays(queueId), rules), `${queueId} (event time)`);
    }
  });

  it("the two groupings differ only in where a contact lands, not in what is counted", async () => {
    const queued = await serviceLevelByInterval(warehouse, { ...parityRange, queueId: "q-voice-a" });
    const byEvent = await serviceLevelByInterval(warehouse, {
      ...parityRange,
      queueId: "q-voice-a",
      groupBy: "event",
    });
    const handledPerInterval = (rows: QueueIntervalReport[]) =>
      rows.map((r) => `${r.intervalStart}:${r.handled}`);
    expect(handledPerInterval(queued)).not.toEqual(handledPerInterval(byEvent));
    expect(totalServiceLevel(queued).handled).toBe(totalServiceLevel(byEvent).handled);
  });

  it("channels: ASA, AHT, abandon rate, CSAT, resolution rate and chat first response", async () => {
    const rows = await channelComparison(warehouse, { ...parityRange, firstResponse: true });
    for (const channel of ["voice", "webchat"]) {
      const sql = rows.find((r) => r.channel === channel);
      const counts = foldCounts(
        day.stays.filter((s) => s.channel === channel).map((s) => s.contact),
        { thresholdSeconds: 20 },
      );
      const ended = day.ended.filter((e) => e.channel === channel);
      const scores = csat(ended.flatMap((e) => (e.csat === undefined ? [] : [e.csat])));
      const resolution = resolutionRate({
        resolved: ended.filter((e) => e.resolved).length,
        closed: ended.length,
      });
      expect(sql, channel).toMatchObject({
        offered: counts.offered,
        handled: counts.handled,
        abandoned: counts.abandoned,
        shortAbandoned: counts.shortAbandoned,
        contactsEnded: ended.length,
        csatResponses: scores.responses,
      });
      expect(sql?.asaSeconds, channel).toBeCloseTo(asa(counts) ?? Number.NaN, 9);
      expect(sql?.ahtSeconds, channel).toBeCloseTo(aht(counts) ?? Number.NaN, 9);
      expect(sql?.abandonRate, channel).toBeCloseTo(abandonRate(counts) ?? Number.NaN, 12);
      expect(sql?.csat, channel).toBeCloseTo(scores.satisfaction ?? Number.NaN, 12);
      expect(sql?.csatMean, channel).toBeCloseTo(scores.mean ?? Number.NaN, 12);
      expect(sql?.resolutionRate, channel).toBeCloseTo(resolution ?? Number.NaN, 12);
      const firsts = day.chats
        .filter((c) => c.channel === channel)
        .flatMap((c) => {
          const seconds = firstResponseSeconds(c.messages);
          return seconds === null ? [] : [seconds];
        });
      expect(sql?.firstResponses, channel).toBe(firsts.length);
      if (firsts.length === 0) expect(sql?.firstResponseSeconds, channel).toBeNull();
      else
        expect(sql?.firstResponseSeconds, channel).toBeCloseTo(
          firsts.reduce((a, b) => a + b, 0) / firsts.length,
          9,
        );
    }
  });
});
