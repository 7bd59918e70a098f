import { publishEvents, Topics } from "@starboard/core";
import { CallScenario } from "@starboard/ingest";
import { createWarehouseClient } from "@starboard/sql";
import { afterAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { type Platform, startPlatform } from "../../src/start/platform";
import { agentOnline, captureIo, collect, queued, tempDir, until } from "./helpers";

// chdb allows one data directory per process: this file (its own fork) uses one, started, stopped
// and reopened in turn.
const data = tempDir("starboard-start-");
afterAll(() => data.remove());

function config(): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    services: ["esl", "chat", "tickets", "router", "sink", "graphql"],
    ports: { ...base.ports, graphql: 0, chat: 0, tickets: 0 },
    simulator: { ...base.simulator, mode: "off" },
  };
}

let platform: Platform | undefined;
afterAll(async () => {
  await platform?.stop();
});

describe("startPlatform", () => {
  it("carries an emulated call into the warehouse and routes it: a bridge command to the ready agent", async () => {
    const io = captureIo();
    platform = await startPlatform(config(), io);
    const { log, warehouse, telephony } = platform;
    expect(warehouse).toBeDefined();
    expect(telephony?.fs).toBeDefined();
    expect(io.lines).toContain("  router replayed 0 events");
    const commands = await collect(log, Topics.commands, "test-commands");
    await publishEvents(log, agentOnline("a1"));
    const fs = telephony?.fs;
    if (fs === undefined) throw new Error("no emulated switch");
    new CallScenario(fs, { from: "+8613800138000", to: "4000" }).answer().enqueue("support@default");

    await until("a bridge command", () => commands.seen.some((c) => c.type === "command.bridge-call"));
    const bridge = commands.seen.find((c) => c.type === "command.bridge-call");
    expect(bridge?.agentId).toBe("a1");
    const contactId = bridge?.contactId ?? "";
    type Row = { type: string; source: string };
    const rows = async () =>
      (await warehouse?.query<Row>(
        "SELECT type, source FROM raw_events WHERE contact_id = {id:String} ORDER BY time, type",
        { id: contactId },
      )) ?? [];
    // The router's decision is an event too: the sink stores it beside the call's own events.
    await until("the call's queued event and the router's decision in raw_events", async () => {
      const stored = (await rows()).map((r) => r.type);
      return stored.includes("contact.queued") && stored.includes("router.decision");
    });
    const types = (await rows()).map((r) => r.type);
    expect(types).toContain("contact.created");
    expect(types).toContain("router.decision");
    expect((await rows()).find((r) => r.type === "contact.queued")?.source).toMatch(/^esl/);
    await commands.stop();
  });

  it("flushes the sink on a clean stop: every event published before stop() is in the warehouse after", async () => {
    const running = platform;
    if (running === undefined) throw new Error("the first test did not start the platform");
    const events = Array.from({ length: 300 }, (_, i) => queued(`flush-${i}`, "flush-queue", "test-flush"));
    await publishEvents(running.log, events);
    // No waiting: stop() itself must let the sink catch up before closing the warehouse.
    await running.stop();
    platform = undefined;
    const warehouse = await createWarehouseClient({ dataDir: data.dir, url: "" });
    try {
      const [row] = await warehouse.query<{ rows: number; ids: number }>(
        "SELECT toUInt32(count()) AS rows, toUInt32(uniqExact(id)) AS ids FROM raw_events WHERE source = 'test-flush'",
      );
      expect(row).toEqual({ rows: 300, ids: 300 });
    } finally {
      await warehouse.close();
    }
  });

  it("restarts on the same data: the router rebuilds its state from the log and the simulator stays off", async () => {
    const io = captureIo();
    const again = await startPlatform({ ...config(), simulator: { mode: "auto", speed: 1, seed: 1 } }, io);
    platform = again;
    expect(again.simulator).toBe("off");
    expect(again.router?.stats.replayed).toBeGreaterThan(300);
    await again.stop();
    platform = undefined;
    expect(io.lines.some((l) => l.startsWith("  stopped event log"))).toBe(true);
  });
});
