import { Topics } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { CallScenario } from "../../src/esl/emulator/index";
import { lifecycle, setup } from "./adapter-setup";
import { readEvents, waitFor } from "./log-helpers";

describe("EslAdapter: modesl against the emulator over TCP, onto an in-process log", () => {
  it("a full call yields exactly the expected normalized events", async () => {
    const { fs, log, adapter } = await setup();
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" });
    fs.advance(1);
    call.answer();
    fs.advance(4);
    call.bridgeTo("1001");
    fs.advance(30);
    call.hold();
    fs.advance(12.5);
    call.unhold();
    fs.advance(60);
    call.hangup();
    await waitFor(() => adapter.counters.published >= 5);
    await adapter.idle();
    const events = await readEvents(log);
    expect(lifecycle(events)).toEqual([
      "contact.created",
      "contact.connected/1001",
      "contact.held/1001",
      "contact.resumed/1001",
      "contact.disconnected/1001",
    ]);
    expect(events.every((e) => e.contactId === call.caller.uuid && e.source === "esl:emulator")).toBe(true);
    expect(events.map((e) => e.time)).toEqual([
      "2026-11-30T09:00:00.000Z",
      "2026-11-30T09:00:05.000Z",
      "2026-11-30T09:00:35.000Z",
      "2026-11-30T09:00:47.500Z",
      "2026-11-30T09:01:47.500Z",
    ]);
    expect(events[3]?.data).toEqual({ holdSeconds: 12.5 });
    // Connected 102.5 s, 12.5 s of it on hold (whole seconds: 102 - 12); answered 1 s after it rang.
    expect(events[4]?.version).toBe(2);
    expect(events[4]?.data).toEqual({
      endedBy: "customer",
      hangupCause: "NORMAL_CLEARING",
      talkSeconds: 90,
      holdSeconds: 12,
      ringSeconds: 1,
    });
    expect(adapter.counters).toMatchObject({ published: 5, duplicates: 0, deadLettered: 0 });
  });

  it("a queued call through mod_callcenter, and one that abandons", async () => {
    const { fs, log, adapter } = await setup();
    const served = new CallScenario(fs, { from: "+8613800138001", to: "4001" }).answer().ivr("main");
    fs.advance(10);
    served.enqueue("support@default");
    const gaveUp = new CallScenario(fs, { from: "+8613800138002", to: "4001" }).answer();
    gaveUp.enqueue("support@default");
    fs.advance(8);
    served.offer("1001@default", "1001");
    fs.advance(4);
    served.agentAnswers("1001@default");
    fs.advance(20);
    gaveUp.abandon();
    fs.advance(40);
    served.hangup();
    await waitFor(() => adapter.counters.published >= 11);
    await adapter.idle();
    const events = await readEvents(log);
    const of = (id: string) => lifecycle(events.filter((e) => e.contactId === id));
    expect(of(served.caller.uuid)).toEqual([
      "contact.created",
      "contact.ivr-entered",
      "contact.queued",
      "contact.offered/1001@default",
      "contact.connected/1001@default",
      "contact.disconnected/1001@default",
    ]);
    expect(of(gaveUp.caller.uuid)).toEqual([
      "contact.created",
      "contact.queued",
      "contact.abandoned",
      "contact.disconnected",
      "contact.ended",
    ]);
    const connected = events.find((e) => e.type === "contact.connected");
    expect(connected?.data).toEqual({ queueId: "support@default", waitSeconds: 12, ringMs: 4000 });
    const abandoned = events.find((e) => e.type === "contact.abandoned");
    expect(abandoned?.data).toEqual({ queueId: "support@default", waitSeconds: 32, position: 1 });
  });

  it("a dropped connection mid-call reconnects, resyncs from show channels, and duplicates nothing", async () => {
    const { emulator, fs, log, adapter } = await setup();
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" });
    call.answer();
    fs.advance(3);
    call.bridgeTo("1001");
    await waitFor(() => adapter.counters.published >= 2);
    await adapter.idle();

    const reconnected = adapter.nextConnect();
    emulator.dropConnections();
    // While we are away a second call arrives: only the resync can tell us about it.
    const missed = new CallScenario(fs, { from: "+8613800138009", to: "4001" }).answer();
    await reconnected;
    await adapter.idle();

    fs.advance(20);
    call.hold();
    fs.advance(5);
    call.unhold();
    call.hangup();
    fs.advance(1);
    missed.hangup();
    await waitFor(() => adapter.counters.published >= 8);
    await adapter.idle();

    const events = await readEvents(log);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(lifecycle(events.filter((e) => e.contactId === call.caller.uuid))).toEqual([
      "contact.created",
      "contact.connected/1001",
      "contact.held/1001",
      "contact.resumed/1001",
      "contact.disconnected/1001",
    ]);
    expect(lifecycle(events.filter((e) => e.contactId === missed.caller.uuid))).toEqual([
      "contact.created",
      "contact.disconnected",
      "contact.ended",
    ]);
    expect(adapter.counters.connects).toBe(2);
    expect(adapter.counters.disconnects).toBeGreaterThanOrEqual(1);
  });

  it("garbage, broken JSON and an oversized body on the wire each reach the dead-letter topic with a counter", async () => {
    const { emulator, fs, log, adapter } = await setup();
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" });
    await waitFor(() => adapter.counters.published >= 1);
    emulator.injectRaw("uuid_transfer ");
    emulator.injectRaw("Content-Length: 6\nContent-Type: text/event-json\n\n{nope}");
    emulator.injectRaw(`Content-Type: text/event-plain\nContent-Length: ${5 * 1024 * 1024}\n\n`);
    emulator.injectRaw(Buffer.alloc(5 * 1024 * 1024, 0x41));
    call.hangup();
    await waitFor(() => adapter.counters.published >= 3);
    await adapter.idle();
    expect(adapter.counters.frameErrors).toEqual({ garbage: 1, "invalid-json": 1, "body-too-large": 1 });
    expect(adapter.counters.deadLettered).toBe(3);
    const end = await log.endOffsets(Topics.deadLetter);
    expect([...end.values()].reduce((a, b) => a + b, 0)).toBe(3);
    expect(lifecycle(await readEvents(log))).toEqual([
      "contact.created",
      "contact.disconnected",
      "contact.ended",
    ]);
  });
});
