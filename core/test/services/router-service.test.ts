import { afterEach, describe, expect, it } from "vitest";
import {
  type EventLog,
  InProcessEventLog,
  publishEvents,
  type RoutingConfig,
  RoutingEngine,
  startRouterService,
  statusOf,
  Topics,
} from "../../src/index";
import { at, Script } from "../routing/build";
import { collect, openLog, tempDir, until } from "./helpers";

const routing: RoutingConfig = {
  queues: [{ id: "sales", overflow: { afterSeconds: 30, toQueueId: "support" } }, { id: "support" }],
};
const billing = [{ skill: "billing", level: 5 }];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fresh(): Promise<{ dir: string; log: EventLog }> {
  const { dir, remove } = tempDir();
  cleanup.push(remove);
  const log = await openLog(dir);
  cleanup.push(() => log.close());
  return { dir, log };
}

function commandIds(events: readonly { type: string; data: object }[]): string[] {
  return events.flatMap((e) =>
    e.type.startsWith("command.") && "commandId" in e.data ? [String(e.data.commandId)] : [],
  );
}

describe("router service", () => {
  it("publishes a bridge-call when a signed-in agent can take a queued contact", async () => {
    const { log } = await fresh();
    const router = await startRouterService({
      log,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
    });
    cleanup.push(() => router.stop());
    const commands = await collect(log);
    cleanup.push(commands.stop);
    const s = new Script();
    s.agent(0, "a1", billing);
    s.queued(5, "c1", "sales", [{ skill: "billing", minLevel: 3 }]);
    await publishEvents(log, s.events);
    await until("a bridge command", () => commands.seen.length >= 1);
    const [bridge] = commands.seen;
    expect(bridge?.type).toBe("command.bridge-call");
    expect(bridge?.contactId).toBe("c1");
    expect(bridge?.agentId).toBe("a1");
    expect(commandIds(commands.seen)).toEqual(["c1:offer1"]);
  });

  it("rebuilds its state on restart without publishing the old commands again", async () => {
    const { dir, log } = await fresh();
    const s = new Script();
    s.agent(0, "a1", billing);
    s.agent(1, "a2", billing);
    s.queued(5, "c1", "sales");
    await publishEvents(log, s.events);
    const first = await startRouterService({
      log,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
    });
    await until("the first run to answer", () => first.stats.applied >= 5);
    await first.stop();
    // What the first run committed: the five inputs, and its own decision if it read it back in time.
    const committed = [...(await log.committedOffsets("router", Topics.events)).values()].reduce(
      (a, b) => a + b,
      0,
    );
    expect(committed).toBeGreaterThanOrEqual(5);
    await log.close();
    cleanup.pop();

    const reopened = await openLog(dir);
    cleanup.push(() => reopened.close());
    const second = await startRouterService({
      log: reopened,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
    });
    cleanup.push(() => second.stop());
    // The replayed state knows c1 was offered: the next contact goes to the other agent.
    expect(second.stats.replayed).toBe(committed);
    expect(second.engine.contact("c1")?.phase).toBe("offered");
    const commands = await collect(reopened);
    cleanup.push(commands.stop);
    s.queued(10, "c2", "sales");
    await publishEvents(reopened, s.events.slice(-1));
    await until("the second command", () => commands.seen.length >= 2);
    await until("the restarted router to apply c2", () => second.stats.applied >= 1);
    expect(commandIds(commands.seen)).toEqual(["c1:offer1", "c2:offer1"]);
    expect(commands.seen.map((c) => c.agentId).sort()).toEqual(["a1", "a2"]);
    expect(second.stats.published).toBeGreaterThan(0);
    const decisions = await collect(reopened, Topics.events);
    cleanup.push(decisions.stop);
    await until(
      "the decisions",
      () => decisions.seen.filter((e) => e.type === "router.decision").length >= 2,
    );
    const ids = decisions.seen.filter((e) => e.source === "router").map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("returns a contact to the queue when its bridge command fails, and offers it to another agent", async () => {
    const { log } = await fresh();
    const router = await startRouterService({
      log,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
    });
    cleanup.push(() => router.stop());
    const commands = await collect(log);
    cleanup.push(commands.stop);
    const s = new Script();
    s.agent(0, "a1", billing);
    s.queued(5, "c1", "sales");
    await publishEvents(log, s.events);
    await until("the first offer", () => commands.seen.length >= 1);
    s.agent(6, "a2", billing);
    s.commandFailed(7, "c1:offer1");
    await publishEvents(log, s.events.slice(-3));
    await until("the second offer", () => commands.seen.length >= 2);
    expect(commandIds(commands.seen)).toEqual(["c1:offer1", "c1:offer2"]);
    expect(commands.seen[1]?.agentId).toBe("a2");
    const a1 = router.engine.agent("a1");
    expect(a1 === undefined ? undefined : statusOf(a1)).not.toBe("available");
  });

  it("fires due timers on its clock tick when no event arrives (overflow after 30 s)", async () => {
    const { log } = await fresh();
    let wall = 1_000_000;
    const router = await startRouterService({
      log,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 5,
      now: () => wall,
    });
    cleanup.push(() => router.stop());
    const events = await collect(log, Topics.events);
    cleanup.push(events.stop);
    const s = new Script();
    s.queued(0, "c1", "sales");
    await publishEvents(log, s.events);
    await until("the contact to be queued", () => router.engine.contact("c1") !== undefined);
    expect(router.engine.contact("c1")?.queueId).toBe("sales");
    wall += 31_000;
    await until("the overflow decision", () =>
      events.seen.some((e) => e.type === "router.decision" && e.data.kind === "overflow"),
    );
    expect(router.engine.contact("c1")?.queueId).toBe("support");
    expect(router.stats.ticks).toBeGreaterThan(0);
  });
});

describe("router service replay after retention", () => {
  it("does not wait forever for partitions whose records retention deleted", async () => {
    const { dir, remove } = tempDir();
    cleanup.push(remove);
    // The first run reads the events before any retention check: on a loaded machine a check every
    // 50 ms could delete them (100 ms retention) before the first run read them at all.
    const topics = [
      { name: Topics.events, partitions: 4, retentionMs: 100 },
      { name: Topics.commands, partitions: 4 },
    ];
    const before = new InProcessEventLog({ dataDir: dir, retentionCheckMs: 3_600_000 });
    await before.ensureTopics(topics);
    const s = new Script();
    s.agent(0, "a1", billing);
    s.queued(5, "c1", "sales");
    await publishEvents(before, s.events);
    const first = await startRouterService({
      log: before,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
    });
    await until("the first run to answer", () => first.stats.applied >= 3);
    await first.stop();
    await before.close();
    // Reopened with retention checked every 50 ms: it empties the events topic; committed offsets stay.
    const log = new InProcessEventLog({ dataDir: dir, retentionCheckMs: 50 });
    cleanup.push(() => log.close());
    await log.ensureTopics(topics);
    await new Promise((r) => setTimeout(r, 500));
    const second = await startRouterService({
      log,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
      replayIdleMs: 200,
    });
    cleanup.push(() => second.stop());
    expect(second.stats.replayed).toBe(0);
  });
});

describe("router service after a crash between publishing and committing", () => {
  it.each([
    ["skips what the dead run already published", 600_000, 1],
    ["without the look-back (crashWindowMs 0) the command goes out twice", 0, 2],
  ])("%s", async (_name, crashWindowMs, copies) => {
    const { log } = await fresh();
    const s = new Script();
    s.agent(0, "a1", billing);
    s.queued(5, "c1", "sales");
    await publishEvents(log, s.events);
    // The dead run: the same engine over the same events published its outputs, then died
    // before committing (no "router" offsets).
    const engine = new RoutingEngine(routing);
    await publishEvents(
      log,
      s.events.flatMap((e) => engine.handle(e)),
    );
    const router = await startRouterService({
      log,
      routing,
      staleAfterMs: Number.POSITIVE_INFINITY,
      tickMs: 0,
      crashWindowMs,
    });
    cleanup.push(() => router.stop());
    await until("the restarted router to answer", () => router.stats.applied >= s.events.length);
    const commands = await collect(log);
    cleanup.push(commands.stop);
    await until("the commands", () => commands.seen.length >= copies);
    expect(commandIds(commands.seen)).toEqual(Array(copies).fill("c1:offer1"));
    expect(router.stats.alreadyPublished > 0).toBe(crashWindowMs > 0);
  });
});

describe("router service and old events", () => {
  it("learns from a back-filled history but calls nobody back from it; fresh events are answered", async () => {
    const { log } = await fresh();
    // The wall clock a day after the scripted events (2026-11-30 09:00).
    const router = await startRouterService({ log, routing, tickMs: 0, now: () => at(86_400) });
    cleanup.push(() => router.stop());
    const commands = await collect(log);
    cleanup.push(commands.stop);
    const history = new Script();
    history.agent(0, "a1", billing);
    history.queued(5, "old", "sales", [{ skill: "billing", minLevel: 3 }]);
    await publishEvents(log, history.events);
    await until("the history applied", () => router.engine.contact("old") !== undefined);
    expect(router.stats.stale).toBeGreaterThan(0);
    // The same script (its event ids are sequential), a day later.
    const before = history.events.length;
    history.agent(86_390, "a2", billing);
    history.queued(86_395, "new", "sales", [{ skill: "billing", minLevel: 3 }]);
    await publishEvents(log, history.events.slice(before));
    await until("a bridge command for the fresh contact", () => commands.seen.length >= 1);
    expect(commands.seen.map((c) => c.contactId)).toEqual(["new"]);
  });
});
