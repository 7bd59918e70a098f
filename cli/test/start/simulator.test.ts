import { Topics } from "@starboard/core";
import { afterAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { type Platform, startPlatform } from "../../src/start/platform";
import { captureIo, collect, tempDir, until } from "./helpers";

// Its own fork and data directory (chdb: one per process).
const data = tempDir("starboard-sim-");
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
    services: ["esl", "chat", "tickets", "simulator", "router", "sink"],
    ports: { ...base.ports, chat: 0, tickets: 0 },
    // auto: on, because the data directory is fresh.
    simulator: { mode: "auto", speed: 30, seed: 7 },
  };
}

describe("the simulator in starboard start", () => {
  it("runs by default in a fresh data directory, routes its contacts to its agents, and carries on from there after a restart", async () => {
    const io = captureIo();
    platform = await startPlatform(config(), io);
    expect(platform.simulator).toBe("on");
    expect(platform.routing.queues.map((q) => q.id)).toContain("billing");
    const commands = await collect(platform.log, Topics.commands, "test-sim-commands");
    await until(
      "a routed contact",
      () => commands.seen.some((c) => c.type === "command.bridge-call" || c.type === "command.assign-chat"),
      45_000,
    );
    await commands.stop();
    const routed = commands.seen.find(
      (c) => c.type === "command.bridge-call" || c.type === "command.assign-chat",
    );
    expect(routed?.agentId).toMatch(/^agent-/);
    expect(platform.demo?.stats.contacts).toBeGreaterThan(0);
    // At 30x the run's events are already stamped ahead of the wall clock.
    const latest = platform.router?.engine.state.clockMs ?? 0;
    expect(latest).toBeGreaterThan(Date.now());
    await platform.stop();
    platform = undefined;

    // Started again on the same log, the demo carries on from there: going back to the wall clock
    // would have the router refuse its agents' events as older than the ones it replayed.
    platform = await startPlatform(
      { ...config(), simulator: { mode: "on", speed: 30, seed: 7 } },
      captureIo(),
    );
    expect(platform.demo?.now()).toBeGreaterThanOrEqual(latest);
    await platform.stop();
    platform = undefined;
  });
});
