import type { EventLog, StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Child } from "../start/child";
import { tempDir } from "../start/helpers";
import { FaultBroker } from "./broker";
import { type FaultRow, publishTable } from "./fault-table";
import { openPublisher, publishAll, sinkCaughtUp, sinkChild, stopChild } from "./scenario";
import { type ReportTotals, reportTotals } from "./totals";
import { distinctIds, workloadBatches } from "./workload";

// Each fault runs the same simulated workload through a `starboard start --only sink` child on a
// real Kafka broker (a private one: the suite stops and wipes it) and then compares every report
// the warehouse serves with the reports of an uninterrupted run over the same events through the
// embedded log: nothing lost, nothing counted twice.

const broker = new FaultBroker();
const batches = workloadBatches();
const workload = batches.flat();
const trueEvents = distinctIds(workload);
const rows: FaultRow[] = [];
const dirs: { remove: () => void }[] = [];
let truth: ReportTotals;
let child: Child | undefined;
let publisher: EventLog | undefined;

beforeAll(async () => {
  const reference = tempDir("starboard-faults-reference-");
  dirs.push(reference);
  [truth] = await Promise.all([reportTotals("reference", reference.dir), broker.start()]);
}, 300_000);

afterAll(async () => {
  if (child !== undefined) await stopChild(child);
  await publisher?.close();
  await broker.remove();
  for (const d of dirs) d.remove();
  publishTable("Fault suite: the sink on Kafka", rows);
}, 120_000);

/** A fresh broker, a fresh data directory, a publisher: one fault's stage. */
async function stage(): Promise<string> {
  await publisher?.close();
  publisher = undefined;
  await broker.reset();
  const data = tempDir("starboard-faults-");
  dirs.push(data);
  publisher = await openPublisher(broker, data.dir);
  return data.dir;
}

/** Stops the child cleanly, reads its warehouse, records the row, and checks it against the truth. */
async function judge(
  fault: string,
  dataDir: string,
  sent: number,
  recoveredAt: number,
  faultEndedAt: number,
) {
  if (child === undefined) throw new Error("no sink child");
  expect(await stopChild(child)).toBe(0);
  child = undefined;
  const totals = await reportTotals("read", dataDir);
  const differing = Object.keys(truth).filter(
    (k) => JSON.stringify(totals[k as keyof ReportTotals]) !== JSON.stringify(truth[k as keyof ReportTotals]),
  );
  rows.push({
    fault,
    eventsSent: sent,
    eventsInReports: totals.rawIds,
    trueEvents,
    duplicates:
      totals.rawRows - totals.rawIds + differing.filter((k) => k !== "rawRows" && k !== "rawIds").length,
    recoveryMs: Math.max(0, recoveredAt - faultEndedAt),
  });
  expect(totals.rawIds, "events in the warehouse").toBe(trueEvents);
  expect(totals.rawRows, "rows: one per event").toBe(trueEvents);
  expect(totals).toEqual(truth);
}

describe("fault suite: exact report totals through the sink on Kafka", () => {
  it("knows the truth: the workload through the embedded log, uninterrupted", () => {
    expect(truth.rawIds).toBe(trueEvents);
    expect(trueEvents).toBeGreaterThan(5_000);
    // Reports with something in them, so an empty warehouse could not pass as equal.
    expect(truth.serviceLevel.length).toBeGreaterThan(0);
    expect(truth.channels.length).toBeGreaterThan(1);
    expect(truth.agents.length).toBeGreaterThan(0);
    expect(truth.tickets.length).toBeGreaterThan(0);
  });

  it("no fault: the same totals through Kafka", async () => {
    const dir = await stage();
    child = await sinkChild(dir, broker);
    const log = publisher as EventLog;
    const sent = await publishAll(log, batches);
    const done = Date.now();
    await judge("none", dir, sent, await sinkCaughtUp(log), done);
  });

  it("the Kafka broker stopped and restarted mid-workload", async () => {
    const dir = await stage();
    child = await sinkChild(dir, broker);
    const log = publisher as EventLog;
    let restartedAt = 0;
    const third = Math.floor(batches.length / 3);
    const sent = await publishAll(log, batches, async (index) => {
      if (index !== third) return;
      await broker.stop();
      // The publisher keeps trying during the outage; the broker comes back 5 s later.
      setTimeout(() => {
        void broker.start().then(() => {
          restartedAt = Date.now();
        });
      }, 5_000);
    });
    const recovered = await sinkCaughtUp(log);
    expect(restartedAt).toBeGreaterThan(0);
    await judge("Kafka broker stopped 5 s and restarted", dir, sent, recovered, restartedAt);
  });

  it("the sink killed (-9) after a warehouse write, before its offset commit", async () => {
    const dir = await stage();
    child = await sinkChild(dir, broker, "sink.insert=kill-after:3");
    const killed = child;
    const log = publisher as EventLog;
    const sent = await publishAll(log, batches);
    // The failpoint SIGKILLs the child after its third acknowledged write.
    expect(await killed.exited).toBeNull();
    expect(killed.process.signalCode).toBe("SIGKILL");
    const restartAt = Date.now();
    child = await sinkChild(dir, broker);
    await judge("sink kill -9 between write and commit", dir, sent, await sinkCaughtUp(log), restartAt);
  });

  it("warehouse writes refused for 30 s", async () => {
    const dir = await stage();
    child = await sinkChild(dir, broker, "sink.insert=fail-for:30s");
    const log = publisher as EventLog;
    const firstPublish = Date.now();
    const sent = await publishAll(log, batches);
    const recovered = await sinkCaughtUp(log);
    // The window opens at the sink's first write, right after the first publish.
    expect(recovered - firstPublish).toBeGreaterThanOrEqual(30_000);
    await judge("warehouse writes fail for 30 s", dir, sent, recovered, firstPublish + 30_000);
  });

  it("every event delivered twice and out of order", async () => {
    const dir = await stage();
    child = await sinkChild(dir, broker);
    const log = publisher as EventLog;
    const shuffled = shuffle(workload, 7);
    const twice = [...shuffled, ...shuffle(workload, 8)];
    const resend: StarboardEvent[][] = [];
    for (let i = 0; i < twice.length; i += 500) resend.push(twice.slice(i, i + 500));
    const sent = await publishAll(log, resend);
    const done = Date.now();
    await judge("duplicates + out-of-order delivery", dir, sent, await sinkCaughtUp(log), done);
  });
});

/** A seeded Fisher-Yates shuffle (mulberry32), so a failure replays. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
