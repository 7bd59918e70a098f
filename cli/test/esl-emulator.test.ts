import esl, { type Connection, type Event } from "modesl";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture } from "./esl-captures";

// `starboard esl-emulator` as a user runs it: started through main(), reached with modesl
// unchanged, stopped by a signal. The signal is emitted on the process object, which runs the
// command's listeners without killing the test runner.

let running: Promise<number> | undefined;
afterEach(async () => {
  if (running !== undefined) {
    process.emit("SIGTERM", "SIGTERM");
    await running;
    running = undefined;
  }
});

async function startEmulator(args: string[]) {
  const io = capture();
  running = main(["esl-emulator", "--port", "0", ...args], io);
  const started = Date.now();
  let port: number | undefined;
  while (port === undefined) {
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(io.stdout.join("\n"));
    if (m?.[1] !== undefined) port = Number(m[1]);
    else if (Date.now() - started > 5_000) throw new Error(`emulator did not start: ${io.stderr.join("\n")}`);
    else await new Promise((r) => setTimeout(r, 10));
  }
  return { io, port };
}

function connect(port: number, password = "ClueCon"): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const conn = new esl.Connection("127.0.0.1", port, password);
    conn.on("error", (e) => reject(e instanceof Error ? e : new Error(String(e))));
    conn.once("esl::event::auth::fail", () => reject(new Error("auth failed")));
    conn.once("esl::ready", () => resolve(conn));
  });
}

describe("starboard esl-emulator", () => {
  it("listens, lets modesl authenticate and run api, and stops on SIGINT", async () => {
    const { io, port } = await startEmulator([]);
    const conn = await connect(port);
    const status = await new Promise<string>((r) => conn.api("status", (e: Event) => r(e.getBody())));
    expect(status).toContain("FreeSWITCH (emulator) is ready");
    conn.disconnect();
    process.emit("SIGINT", "SIGINT");
    expect(await running).toBe(0);
    running = undefined;
    expect(io.stderr.join("\n")).toContain("stopped on SIGINT");
  });

  it("refuses a wrong password", async () => {
    const { port } = await startEmulator(["--password", "s3cret"]);
    await expect(connect(port, "ClueCon")).rejects.toThrow("auth failed");
    (await connect(port, "s3cret")).disconnect();
  });

  it("--scenario demo plays calls continuously: modesl receives their channel and callcenter events", async () => {
    const { io, port } = await startEmulator(["--scenario", "demo", "--call-every", "2", "--speed", "50"]);
    expect(io.stdout.join("\n")).toContain("demo scenario");
    const conn = await connect(port);
    const seen: string[] = [];
    conn.on("esl::event::**", (...args: unknown[]) => {
      const e = args[0] as Event;
      const name = e.getHeader("Event-Name");
      seen.push(name === "CUSTOM" ? `CUSTOM ${e.getHeader("CC-Action")}` : (name ?? "?"));
    });
    conn.events("plain", [
      "CHANNEL_CREATE",
      "CHANNEL_ANSWER",
      "CHANNEL_BRIDGE",
      "CHANNEL_HANGUP_COMPLETE",
      "CUSTOM",
      "callcenter::info",
    ]);
    const started = Date.now();
    while (seen.filter((s) => s === "CHANNEL_HANGUP_COMPLETE").length < 2 && Date.now() - started < 15_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    conn.disconnect();
    expect(seen.filter((s) => s === "CHANNEL_HANGUP_COMPLETE").length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(
      expect.arrayContaining(["CHANNEL_CREATE", "CHANNEL_ANSWER", "CUSTOM member-queue-start"]),
    );
  });

  it.each([
    [["--scenario", "rush-hour"], 'unknown scenario "rush-hour"'],
    [["--port", "x"], '--port must be a number >= 0 (got "x")'],
  ])("%j exits 2: %s", async (argv, message) => {
    const io = capture();
    expect(await main(["esl-emulator", ...argv], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain(message);
  });
});
