import { connect, Socket } from "node:net";
import esl, { type Event } from "modesl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EslClient } from "../../src/esl/client";
import { CallScenario, EslEmulator } from "../../src/esl/emulator/index";
import { EslFrameParser } from "../../src/esl/frame-parser";
import type { EslFrame } from "../../src/esl/frame-types";

let emulator: EslEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(): Promise<number> {
  emulator = new EslEmulator({ password: "ClueCon" });
  return emulator.listen(0);
}

/** A raw TCP conversation: send commands, collect frames with our own parser. */
async function raw(
  port: number,
  commands: string[],
  until: (frames: EslFrame[]) => boolean,
): Promise<EslFrame[]> {
  const socket = connect(port, "127.0.0.1");
  const parser = new EslFrameParser();
  const frames: EslFrame[] = [];
  socket.on("error", () => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timeout; got ${frames.map((f) => f.type).join(",")}`)),
      3_000,
    );
    socket.on("data", (chunk) => {
      for (const r of parser.push(chunk)) if (r.ok) frames.push(r.frame);
      if (frames.length === 1) for (const c of commands) socket.write(`${c}\n\n`);
      if (until(frames)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(frames);
      }
    });
  });
}

const summary = (f: EslFrame) =>
  f.type === "command/reply"
    ? `reply:${f.replyText}`
    : "body" in f
      ? `${f.type}:${f.body.split("\n")[0]}`
      : f.type === "text/event-plain" || f.type === "text/event-json"
        ? `${f.type}:${f.event.headers.get("Event-Name")}`
        : f.type;

describe("event socket protocol (raw TCP)", () => {
  it("auth/request, bad then good password", async () => {
    const port = await start();
    const bad = await raw(port, ["auth nope"], (f) => f.length >= 2);
    expect(bad.map(summary)).toEqual(["auth/request", "reply:-ERR invalid"]);
    const good = await raw(port, ["auth ClueCon", "linger", "noevents", "exit"], (f) => f.length >= 6);
    expect(good.map(summary)).toEqual([
      "auth/request",
      "reply:+OK accepted",
      "reply:+OK will linger",
      "reply:+OK no longer listening for events",
      "reply:+OK bye",
      "text/disconnect-notice:Disconnected, goodbye.",
    ]);
  });

  it("event json with CUSTOM subclasses last, filters, api and bgapi with BACKGROUND_JOB", async () => {
    const port = await start();
    const fs = emulator?.fs;
    const frames = await raw(
      port,
      [
        "auth ClueCon",
        "event json CHANNEL_CREATE BACKGROUND_JOB CUSTOM callcenter::info",
        "api status",
        "bgapi status\nJob-UUID: job-1",
      ],
      (f) =>
        f.some((x) => x.type === "text/event-json" && x.event.headers.get("Event-Name") === "BACKGROUND_JOB"),
    );
    expect(frames.slice(0, 5).map(summary)).toEqual([
      "auth/request",
      "reply:+OK accepted",
      "reply:+OK event listener enabled json",
      "api/response:UP 0 years, 0 days",
      "reply:+OK Job-UUID: job-1",
    ]);
    const job = frames.at(-1);
    expect(
      job?.type === "text/event-json" && [job.event.headers.get("Job-UUID"), job.event.body?.split("\n")[0]],
    ).toEqual(["job-1", "UP 0 years, 0 days"]);
    expect(fs).toBeDefined();
  });
});

describe("modesl talks to the emulator unchanged", () => {
  it("connects, authenticates, runs api and bgapi, receives plain events with decoded values", async () => {
    const port = await start();
    const fs = emulator?.fs;
    if (fs === undefined) throw new Error("no emulator");
    const conn = new esl.Connection("127.0.0.1", port, "ClueCon");
    // The emulator closes in afterEach; modesl re-emits socket errors and must not crash the run.
    conn.on("error", () => {});
    await new Promise<void>((resolve) => conn.once("esl::ready", () => resolve()));
    const status = await new Promise<string>((resolve) => conn.api("status", (e) => resolve(e.getBody())));
    expect(status).toMatch(/^UP /);
    await new Promise<void>((resolve) =>
      conn.events("plain", ["CHANNEL_CREATE", "BACKGROUND_JOB", "CHANNEL_EXECUTE_COMPLETE"], () => resolve()),
    );
    const created = new Promise<Event>((resolve) =>
      conn.on("esl::event::CHANNEL_CREATE::**", (e) => resolve(e as Event)),
    );
    new CallScenario(fs, { from: "+8613800138000", to: "4001" });
    expect((await created).getHeader("Caller-Caller-ID-Number")).toBe("+8613800138000");
    const job = await new Promise<string>((resolve) =>
      conn.bgapi("originate", "user/2001 &eavesdrop(nobody)", (e) => resolve(e.getBody())),
    );
    expect(job).toBe("-ERR NO_SUCH_CHANNEL\n");
    conn.disconnect();
  });

  it("our typed client sends the commands of one turn in one write, and each job's answer to its caller", async () => {
    const port = await start();
    const client = await EslClient.connect({ host: "127.0.0.1", port, password: "ClueCon" });
    await client.subscribe(["BACKGROUND_JOB"]);
    // What each socket hands to the kernel: one call per write or writev (net.Socket's stream side).
    const single = vi.spyOn(Socket.prototype, "_write");
    const many = vi.spyOn(Socket.prototype, "_writev");
    const answers = await Promise.all([
      client.bgapi("uuid_kill no-such-uuid"),
      client.bgapi("status"),
      client.api("status"),
    ]);
    // Each job's BACKGROUND_JOB reaches its own caller (matched by Job-UUID, not by order).
    expect(answers[0]).toBe("-ERR No such channel!\n");
    expect(answers[1]).toMatch(/^UP /);
    expect(answers[2]).toMatch(/^UP /);
    const sent = [
      ...single.mock.calls.map((c) => String(c[0])),
      ...many.mock.calls.map((c) => c[0].map((w) => String(w.chunk)).join("")),
    ].filter((w) => /^(bg)?api (status|uuid_kill)/m.test(w));
    single.mockRestore();
    many.mockRestore();
    // modesl writes each command in three pieces; corked, all three commands leave together.
    expect(sent).toHaveLength(1);
    expect(sent[0]?.match(/^(bg)?api \w+/gm)).toEqual(["bgapi uuid_kill", "bgapi status", "api status"]);
    client.close();
  });

  it("our typed client over modesl: show channels, commands and their events", async () => {
    const port = await start();
    const fs = emulator?.fs;
    if (fs === undefined) throw new Error("no emulator");
    const client = await EslClient.connect({ host: "127.0.0.1", port, password: "ClueCon" });
    const names: string[] = [];
    client.onFrame((r) => {
      if (r.ok && "event" in r.frame) names.push(r.frame.event.headers.get("Event-Name") ?? "?");
    });
    expect(
      await client.subscribe([
        "CHANNEL_CREATE",
        "CHANNEL_BRIDGE",
        "CHANNEL_HANGUP_COMPLETE",
        "DTMF",
        "BACKGROUND_JOB",
      ]),
    ).toBe("+OK event listener enabled plain");
    const call = new CallScenario(fs, { from: "+8613800138000", to: "4001" }).answer().bridgeTo("1001");
    const agentLeg = call.agentLeg?.uuid ?? "";
    const shown = JSON.parse(await client.api("show channels as json"));
    expect(shown.row_count).toBe(2);
    const listen = await client.bgapi(
      `originate {eavesdrop_enable_dtmf=true,starboard_role=supervisor}user/2001 &eavesdrop(${agentLeg})`,
    );
    expect(listen).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    const supervisor = listen.slice(4).trim();
    expect(await client.api(`uuid_recv_dtmf ${supervisor} 2`)).toBe("+OK\n");
    expect(await client.api(`uuid_kill ${call.caller.uuid}`)).toBe("+OK\n");
    expect(await client.api("uuid_kill no-such-uuid")).toBe("-ERR No such channel!\n");
    await new Promise((r) => setTimeout(r, 50));
    expect(names).toEqual(
      expect.arrayContaining([
        "CHANNEL_CREATE",
        "CHANNEL_BRIDGE",
        "DTMF",
        "CHANNEL_HANGUP_COMPLETE",
        "BACKGROUND_JOB",
      ]),
    );
    client.close();
  });
});
