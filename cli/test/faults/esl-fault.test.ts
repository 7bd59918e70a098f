import { type EventLog, Topics } from "@starboard/core";
import { CallScenario, EslEmulator } from "@starboard/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, startChild } from "../start/child";
import { tempDir } from "../start/helpers";
import { FaultBroker } from "./broker";
import { type FaultRow, publishTable } from "./fault-table";
import { openPublisher, sinkCaughtUp, stopChild } from "./scenario";
import { reportTotals } from "./totals";

// The event socket dropped mid-call: `starboard start --only esl,sink` on the fault broker, connected
// over TCP to a FreeSWITCH emulator in this process. While the socket is down some calls hang up
// (FreeSWITCH does not keep those events for a closed socket) and new ones start; after the
// reconnect the adapter rebuilds its calls from `show channels as json`. Every call must be in the
// reports once, and closed.

const broker = new FaultBroker();
const rows: FaultRow[] = [];
const data = tempDir("starboard-faults-esl-");
const emulator = new EslEmulator({ password: "ClueCon", startMicros: Date.UTC(2026, 10, 28, 9) * 1000 });
let child: Child | undefined;
let publisher: EventLog | undefined;

beforeAll(() => broker.start(), 300_000);
afterAll(async () => {
  if (child !== undefined) await stopChild(child);
  await publisher?.close();
  await emulator.close();
  await broker.remove();
  data.remove();
  publishTable("Fault suite: the ESL connection", rows);
}, 120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the events topic stops growing: the adapter has published what the switch sent. */
async function settled(log: EventLog): Promise<number> {
  let last = -1;
  for (;;) {
    const ends = await log.endOffsets(Topics.events);
    const total = [...ends.values()].reduce((a, b) => a + b, 0);
    if (total === last && total > 0) return total;
    last = total;
    await sleep(1_000);
  }
}

type Kind = "abandoned" | "self-service" | "bridged";
const kinds: Kind[] = ["abandoned", "self-service", "bridged", "abandoned"];

describe("fault suite: the ESL connection dropped mid-call", () => {
  it("every call is in the reports once and closed, hangups lost during the outage included", async () => {
    const port = await emulator.listen(0);
    child = await startChild(data.dir, ["--only", "esl,sink", "--simulator", "off"], 90_000, {
      STARBOARD_KAFKA_BROKERS: broker.brokers,
      STARBOARD_ESL_HOST: "127.0.0.1",
      STARBOARD_ESL_PORT: String(port),
      STARBOARD_ESL_PASSWORD: "ClueCon",
    });
    publisher = await openPublisher(broker, data.dir);
    // Every event id on the topic, as it lands: the resync's closes mark the recovery.
    const seen = new Set<string>();
    const watcher = await publisher.subscribe({
      groupId: "fault-esl-watcher",
      topics: [Topics.events],
      startAt: "earliest",
      handler: async (batch) => {
        for (const r of batch.records) seen.add((JSON.parse(r.value.toString("utf8")) as { id: string }).id);
      },
    });
    const fs = emulator.fs;
    const calls: { call: CallScenario; kind: Kind }[] = [];
    const place = (i: number) => {
      const kind = kinds[i % kinds.length] as Kind;
      const call = new CallScenario(fs, {
        from: `+86138001${String(i).padStart(5, "0")}`,
        to: "4001",
      }).answer();
      if (kind === "abandoned") call.enqueue("support");
      if (kind === "bridged") call.bridgeTo(String(1000 + (i % 9)));
      calls.push({ call, kind });
      fs.advance(2);
    };
    const hangup = (from: number, to: number) => {
      for (const { call } of calls.slice(from, to)) {
        call.hangup();
        fs.advance(1);
      }
    };

    for (let i = 0; i < 30; i++) place(i);
    hangup(0, 10);
    await settled(publisher);

    // Down: these hangups go nowhere, these calls start unseen. Nothing awaits in between, so the
    // adapter cannot reconnect before both happened.
    emulator.dropConnections();
    const droppedAt = Date.now();
    hangup(10, 20);
    for (let i = 30; i < 35; i++) place(i);
    const lostCloses = calls.slice(10, 20).map(({ call }) => `esl:${call.caller.uuid}:contact.disconnected`);
    while (!lostCloses.every((id) => seen.has(id))) await sleep(20);
    const reconnectedAt = Date.now();
    await settled(publisher);

    hangup(20, 35);
    for (let i = 35; i < 40; i++) place(i);
    hangup(35, 40);
    const sent = await settled(publisher);
    await sinkCaughtUp(publisher);
    await watcher.stop();
    expect(await stopChild(child)).toBe(0);
    child = undefined;

    const totals = await reportTotals("read", data.dir);
    const bridged = calls.filter((c) => c.kind === "bridged").length;
    rows.push({
      fault: "ESL TCP connection dropped mid-call (calls)",
      eventsSent: sent,
      eventsInReports: totals.contacts?.contacts ?? 0,
      trueEvents: calls.length,
      duplicates:
        (totals.disconnects?.events ?? 0) -
        (totals.disconnects?.contacts ?? 0) +
        totals.rawRows -
        totals.rawIds,
      recoveryMs: reconnectedAt - droppedAt,
    });
    expect(totals.rawRows).toBe(totals.rawIds);
    expect(totals.contacts).toEqual({
      contacts: calls.length,
      ended: calls.length - bridged,
      connected: bridged,
    });
    // One disconnect per call: the real ones, and the resync's for the ten lost hangups.
    expect(totals.disconnects).toEqual({ events: calls.length, contacts: calls.length });
  });
});
