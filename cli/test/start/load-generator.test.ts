import { type StarboardEvent, Topics } from "@starboard/core";
import { afterAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { type Platform, startPlatform } from "../../src/start/platform";
import { captureIo, collect, tempDir, until } from "./helpers";

// `--simulator load`: the emulated switch and the simulator run in a worker thread, and what they
// send still arrives through the platform's ingest paths and log.
const data = tempDir("starboard-load-");
let platform: Platform | undefined;
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

function config(): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    services: ["esl", "chat", "tickets", "simulator", "router"],
    ports: { ...base.ports, chat: 0, tickets: 0, ops: 0 },
    simulator: { mode: "load", speed: 20, seed: 3, agents: 12 },
  };
}

const bySource = (seen: readonly StarboardEvent[], source: string) => seen.filter((e) => e.source === source);

describe("load mode's generator thread", () => {
  it("plays calls, chats, tickets and desktop events through the ingest paths onto the platform's log", async () => {
    const io = captureIo();
    platform = await startPlatform(config(), io);
    expect(platform.simulator).toBe("load");
    // The switch is not in this thread: the ESL adapter reached it over TCP like a remote one.
    expect(platform.telephony?.fs).toBeUndefined();
    expect(io.lines.some((l) => l.includes("load generator ready"))).toBe(true);
    const events = await collect(platform.log, Topics.events, "test-load-events");
    const commands = await collect(platform.log, Topics.commands, "test-load-commands");
    const wait = (what: string, check: () => boolean) => until(what, check, 45_000);
    await wait("a connected call from the ESL adapter", () =>
      bySource(events.seen, "esl").some((e) => e.type === "contact.connected"),
    );
    // An agent's line in a chat the router assigned: the simulator plays it only once the router's
    // command.assign-chat crossed to the worker over the bridged subscription.
    await wait("an agent's line in an assigned chat", () => {
      const assigned = new Set(
        commands.seen.flatMap((c) => (c.type === "command.assign-chat" ? [c.contactId] : [])),
      );
      return events.seen.some(
        (e) => e.type === "message.sent" && e.data.senderRole === "agent" && assigned.has(e.contactId),
      );
    });
    await wait("a ticket from the ticket webhook", () => bySource(events.seen, "ticket-gateway").length > 0);
    await wait("a sign-in published by the worker's agent desktop", () =>
      bySource(events.seen, "agent-desktop").some((e) => e.type === "agent.signed-in"),
    );
    await events.stop();
    await commands.stop();
    // A connected call comes after the command executor bridged it on the emulated switch.
    expect(commands.seen.some((c) => c.type === "command.bridge-call")).toBe(true);
    const demo = platform.demo;
    expect(demo?.stats.switchEvents).toBeGreaterThan(0);
    expect(demo?.stats.errors).toBe(0);
    // Simulated time crosses threads for the command executor: ahead of the wall clock at 20x.
    expect(demo?.now()).toBeGreaterThan(Date.now());
    // The worker's own heap, which the main thread's process.memoryUsage() does not count.
    const memory = platform.generator?.memory();
    expect(memory?.heapUsed).toBeGreaterThan(0);
    expect(memory?.heapCommitted).toBeGreaterThanOrEqual(memory?.heapUsed ?? Number.POSITIVE_INFINITY);
    expect(demo?.stats.scheduled).toBeGreaterThan(0);
    await platform.stop();
    platform = undefined;
    expect(io.lines.some((l) => l.includes("stopped load generator"))).toBe(true);
  });
});
