import type { StarboardEvent } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { defaultProfile, routingConfigFor, startSimulator } from "../../src/simulator/index";
import { available } from "../../src/simulator/shifts";
import { waitFor } from "../esl/log-helpers";
import { platform, readAll, routerLoop } from "./live-setup";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const count = (events: StarboardEvent[], type: string, source?: string) =>
  events.filter((e) => e.type === type && (source === undefined || e.source === source)).length;

describe("the simulator on the real ingest paths", () => {
  it.each([
    ["webhooks", false],
    ["the WebSocket stream", true],
  ])(
    "plays calls through the switch, chats (%s) and tickets through the gateways, agents through the router",
    async (_label, stream) => {
      const p = await platform();
      cleanups.push(() => p.close());
      const profile = defaultProfile({ agents: 12, seed: 3 });
      const speed = 60;
      const router = await routerLoop(p.log, routingConfigFor(profile, { speed }));
      cleanups.push(() => router.sub.stop());
      const sim = await startSimulator({
        ...p.sources,
        profile,
        mode: "load",
        speed,
        seed: 3,
        loadContactsPerSecond: 0.6,
        ...(stream ? { chatStreamUrl: p.chatStreamUrl } : {}),
      });
      const executor = p.executor(() => sim.now(), speed);
      await executor.start();
      cleanups.push(
        () => executor.stop(),
        () => sim.stop(),
      );
      await waitFor(
        () => sim.stats.calls >= 8 && sim.stats.chats >= 6 && executor.counters.succeeded >= 4,
        15_000,
      );
      await new Promise((r) => setTimeout(r, 2_500));
      await sim.stop();
      const events = await readAll(p.log);
      expect(sim.stats.errors, sim.stats.lastError).toBe(0);
      // Voice: queued by the switch (mod_callcenter), bridged on the router's command, connected by an agent.
      expect(count(events, "contact.queued", "esl:emulator")).toBeGreaterThan(0);
      expect(count(events, "router.command-result", "esl:emulator")).toBeGreaterThan(0);
      const bridged = events.filter(
        (e) =>
          e.type === "router.command-result" && e.data.commandType === "command.bridge-call" && e.data.ok,
      );
      expect(bridged.length).toBeGreaterThan(0);
      const voiceConnects = events.filter(
        (e) => e.type === "contact.connected" && e.source === "esl:emulator",
      );
      expect(voiceConnects.length).toBeGreaterThan(0);
      // Every connected call was connected to the agent the router chose for it.
      const chosen = new Map(
        events.flatMap((e) => (e.type === "command.bridge-call" ? [[e.contactId, e.agentId] as const] : [])),
      );
      for (const c of voiceConnects) expect(chosen.get(c.contactId ?? "")).toBe(c.agentId);
      // Chats: created and answered through the gateway by the agent assign-chat named.
      expect(count(events, "contact.created", "chat-gateway")).toBeGreaterThan(0);
      const assigned = new Map<string, string>();
      for (const e of events)
        if (e.type === "command.assign-chat" && e.contactId) assigned.set(e.contactId, e.agentId ?? "");
      const answers = events.filter(
        (e) => e.type === "message.sent" && e.source === "chat-gateway" && e.data.senderRole === "agent",
      );
      expect(answers.length).toBeGreaterThan(0);
      for (const a of answers) expect(assigned.get(a.contactId ?? "")).toBe(a.agentId);
      expect(count(events, "ticket.created", "ticket-gateway")).toBeGreaterThan(0);
      expect(count(events, "csat.survey-answered")).toBeGreaterThan(0);
      expect(count(events, "contact.ended")).toBeGreaterThan(0);
      expect(router.engine.anomalies.counts["unknown-queue"]).toBe(0);
    },
    40_000,
  );

  it("repeats the same arrivals for the same seed and start, whatever the pipeline's timing", async () => {
    // A start in the future, so the simulated clock starts there rather than at the switch's clock.
    const origin = Date.UTC(2027, 0, 4, 2, 0, 0);
    const arrivals = async () => {
      const p = await platform();
      const profile = defaultProfile({ agents: 12, seed: 5 });
      const router = await routerLoop(p.log, routingConfigFor(profile, { speed: 60 }));
      // The simulated clock starts at its first reading of `now`: make that exactly `origin` (reading
      // Date.now() before the call let a millisecond slip in and shift every arrival by it).
      let t0: number | undefined;
      const sim = await startSimulator({
        ...p.sources,
        profile,
        mode: "load",
        speed: 60,
        seed: 5,
        now: () => {
          const wall = Date.now();
          t0 ??= wall;
          return origin + (wall - t0);
        },
        loadContactsPerSecond: 0.5,
      });
      await waitFor(() => sim.stats.contacts >= 40, 15_000);
      await sim.stop();
      const created = (await readAll(p.log)).filter((e) => e.type === "contact.created");
      await router.sub.stop();
      await p.close();
      // Voice contact ids are the switch's channel uuids: compare who called, on what, when.
      return created
        .map((e) => `${e.time} ${e.channel} ${e.type === "contact.created" ? e.data.from : ""}`)
        .sort()
        .slice(0, 25);
    };
    const first = await arrivals();
    expect(first.length).toBe(25);
    expect(first[0]?.startsWith("2027-01-04T02:00:")).toBe(true);
    expect(await arrivals()).toEqual(first);
  }, 40_000);
});

describe("on mode's warm start", () => {
  it.each([
    [true, "a busy center: about 1.3 contacts per agent on shift arrive in the first 20 simulated seconds"],
    [false, "an idle center: only the day's curve"],
  ])("warmStart %s: %s", async (warmStart) => {
    const p = await platform();
    cleanups.push(() => p.close());
    const profile = defaultProfile({ agents: 20, seed: 9 });
    const sim = await startSimulator({
      ...p.sources,
      profile,
      mode: "on",
      speed: 20,
      seed: 9,
      warmStart,
    });
    cleanups.push(() => sim.stop());
    const onShift = profile.agents.filter((_, i) => available(profile, i, sim.now())).length;
    await new Promise((r) => setTimeout(r, 1_500));
    // 30 simulated seconds at 20x: the curve alone brings at most about 20 x 25 x 10% / 120 = 0.4.
    if (warmStart) expect(sim.stats.contacts).toBeGreaterThanOrEqual(Math.max(6, Math.ceil(onShift * 1.3)));
    else expect(sim.stats.contacts).toBeLessThanOrEqual(3);
  });
});

describe("a restarted demo", () => {
  it("carries on from the latest event time it is given instead of going back to the wall clock", async () => {
    const p = await platform();
    cleanups.push(() => p.close());
    const profile = defaultProfile({ agents: 20, seed: 9 });
    // A sped-up earlier run left events an hour ahead of the wall clock.
    const notBefore = Date.now() + 3_600_000;
    const sim = await startSimulator({
      ...p.sources,
      profile,
      mode: "on",
      speed: 20,
      seed: 9,
      notBefore,
    });
    cleanups.push(() => sim.stop());
    expect(sim.now()).toBeGreaterThanOrEqual(notBefore);
    await waitFor(() => sim.stats.contacts >= 6, 10_000);
    await sim.stop();
    const events = await readAll(p.log);
    const simulated = events.filter((e) => e.source === "agent-desktop" || e.type === "contact.created");
    expect(simulated.length).toBeGreaterThan(6);
    const earliest = Math.min(...simulated.map((e) => Date.parse(e.time)));
    expect(earliest).toBeGreaterThanOrEqual(notBefore);
  });
});
