import { describe, expect, it } from "vitest";
import { CallScenario } from "../../src/esl/emulator/index";
import { EslMapper } from "../../src/esl/mapper";
import { lifecycle, setup } from "./adapter-setup";
import { fsEvent } from "./fs-event";
import { readEvents, waitFor } from "./log-helpers";

describe("EslAdapter resync: calls that hung up while the socket was down", () => {
  it("are closed once on reconnect, and a second drop/reconnect adds nothing", async () => {
    const { emulator, fs, log, adapter } = await setup();
    const lost = new CallScenario(fs, { from: "+8613800138000", to: "4001" }).answer();
    fs.advance(3);
    lost.bridgeTo("1001");
    const kept = new CallScenario(fs, { from: "+8613800138001", to: "4001" }).answer();
    await waitFor(() => adapter.counters.published >= 3);
    await adapter.idle();

    let reconnected = adapter.nextConnect();
    emulator.dropConnections();
    fs.advance(30);
    lost.hangup(); // nobody is listening: this CHANNEL_HANGUP_COMPLETE is gone for good
    fs.advance(7.25);
    const resyncAt = new Date(Math.floor(fs.now() / 1e6) * 1000).toISOString();
    await reconnected;
    await adapter.idle();

    reconnected = adapter.nextConnect();
    emulator.dropConnections();
    fs.advance(5);
    await reconnected;
    await adapter.idle();
    fs.advance(10);
    kept.hangup();
    await waitFor(() => adapter.counters.published >= 6);
    await adapter.idle();

    const events = await readEvents(log);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ofLost = events.filter((e) => e.contactId === lost.caller.uuid);
    expect(lifecycle(ofLost)).toEqual([
      "contact.created",
      "contact.connected/1001",
      "contact.disconnected/1001",
    ]);
    const closed = ofLost[2];
    expect(closed?.time).toBe(resyncAt);
    expect(closed?.data).toEqual({ endedBy: "system" });
    expect(lifecycle(events.filter((e) => e.contactId === kept.caller.uuid))).toEqual([
      "contact.created",
      "contact.disconnected",
      "contact.ended",
    ]);
    expect(adapter.counters).toMatchObject({ connects: 3, published: 6, deadLettered: 0 });
    expect(adapter.mapper.calls.size).toBe(0);
  });
});

describe("EslAdapter resync: contacts that never reached an agent", () => {
  it("are ended too (abandoned if queued, self-service if answered, failed otherwise), once", async () => {
    const { emulator, fs, log, adapter } = await setup();
    const queued = new CallScenario(fs, { from: "+8613800138010", to: "4001" }).answer().enqueue("support");
    const answered = new CallScenario(fs, { from: "+8613800138011", to: "4001" }).answer();
    const ringing = new CallScenario(fs, { from: "+8613800138012", to: "4001" });
    await waitFor(() => adapter.counters.published >= 4);
    await adapter.idle();
    const published = adapter.counters.published;

    let reconnected = adapter.nextConnect();
    emulator.dropConnections();
    fs.advance(20);
    for (const call of [queued, answered, ringing]) call.hangup();
    fs.advance(3);
    await reconnected;
    await adapter.idle();
    reconnected = adapter.nextConnect();
    emulator.dropConnections();
    await reconnected;
    await adapter.idle();

    const events = await readEvents(log);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ended = (call: CallScenario) =>
      events.filter((e) => e.contactId === call.caller.uuid && e.type === "contact.ended").map((e) => e.data);
    expect(ended(queued)).toEqual([
      expect.objectContaining({
        endedBy: "system",
        outcome: "abandoned",
        queueId: "support",
        resolved: false,
      }),
    ]);
    expect(ended(answered)).toEqual([expect.objectContaining({ outcome: "self-service", resolved: true })]);
    expect(ended(ringing)).toEqual([expect.objectContaining({ outcome: "failed", resolved: false })]);
    // Each of the three closed with a disconnect and an end, and nothing more on the second resync.
    expect(adapter.counters.published).toBe(published + 6);
    expect(adapter.mapper.calls.size).toBe(0);
  });
});

describe("EslAdapter resync: a call answered by an agent while the socket was down", () => {
  it("is adopted as connected to that agent, and its hangup closes it as handled", async () => {
    const { emulator, fs, log, adapter } = await setup();
    let reconnected = adapter.nextConnect();
    emulator.dropConnections();
    const call = new CallScenario(fs, { from: "+8613800138020", to: "4001" }).answer();
    fs.advance(4);
    call.bridgeTo("1007");
    fs.advance(6);
    await reconnected;
    await adapter.idle();
    fs.advance(30);
    call.hangup();
    await waitFor(() => adapter.counters.published >= 3);
    await adapter.idle();
    reconnected = adapter.nextConnect();
    emulator.dropConnections();
    await reconnected;
    await adapter.idle();

    const events = (await readEvents(log)).filter((e) => e.contactId === call.caller.uuid);
    expect(lifecycle(events)).toEqual([
      "contact.created",
      "contact.connected/1007",
      "contact.disconnected/1007",
    ]);
    expect(events[2]?.data).toMatchObject({ endedBy: expect.any(String) });
  });
});

describe("EslMapper.closeVanished", () => {
  const at = (s: number) => String(Date.UTC(2026, 10, 30, 9, 0, s) * 1000);
  it("closes only unlisted contacts, and a late real hangup for one is dropped, not re-adopted", () => {
    const mapper = new EslMapper();
    for (const uuid of ["a", "b"]) {
      const created = mapper.map(
        fsEvent({ "Event-Name": "CHANNEL_CREATE", "Event-Date-Timestamp": at(0), "Unique-ID": uuid }),
      );
      expect(created.kind).toBe("ok");
    }
    const closed = mapper.closeVanished(new Set(["b"]), Number(at(40)));
    expect(closed).toMatchObject({
      kind: "ok",
      events: [
        { id: "esl:a:contact.disconnected", time: "2026-11-30T09:00:40.000Z", data: { endedBy: "system" } },
        // Never answered, never reached an agent: nothing else will close it.
        {
          id: "esl:a:contact.ended",
          time: "2026-11-30T09:00:40.000Z",
          data: { endedBy: "system", outcome: "failed", resolved: false },
        },
      ],
    });
    expect(mapper.closeVanished(new Set(["b"]), Number(at(50)))).toEqual({ kind: "ok", events: [] });
    const late = mapper.map(
      fsEvent({
        "Event-Name": "CHANNEL_HANGUP_COMPLETE",
        "Event-Date-Timestamp": at(30),
        "Unique-ID": "a",
        "Hangup-Cause": "NORMAL_CLEARING",
        "Caller-Channel-Created-Time": at(0),
      }),
    );
    expect(late.kind).toBe("drop");
    expect(mapper.calls.size).toBe(1);
  });
});
