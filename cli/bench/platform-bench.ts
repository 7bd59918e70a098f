import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  InProcessEventLog,
  publishEvents,
  type StarboardEvent,
  standardTopics,
  Topics,
} from "@starboard/core";
import {
  type BenchProgress,
  type BenchRow,
  mainThreadCpuSeconds,
  processCpuSeconds,
} from "@starboard/core/bench";
import { defaults, type StarboardConfig } from "../src/config/index";
import { startPlatform } from "../src/start/platform";
import { rowsOf, type Sample } from "./platform-rows";
import { chdbTracked, queueStatsSubscriber, rssParts, watchLiveHeap } from "./platform-watch";

// `starboard start --simulator load --speed 50` measured end to end in this process: events/s onto
// the log (beside the embedded log's own publish rate here), into the warehouse, how old the newest
// event in each graphql-ws subscription message is when it arrives (source to wallboard), CPU per
// event (the main thread carries the platform; the load generator has its own thread), and memory
// over the run. Rates depend on what else the machine runs: CPU per event does much less.

export interface PlatformBenchOptions {
  seconds?: number;
  speed?: number;
  /** Simulated agents (default 200): the load mode's arrivals scale with them. */
  agents?: number;
  progress?: BenchProgress;
}

const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** The embedded log's publish+commit rate for small events, one at a time in batches of 50. */
async function logCapacity(dir: string): Promise<number> {
  const log = new InProcessEventLog({ dataDir: join(dir, "capacity") });
  await log.ensureTopics(standardTopics(4));
  const until = performance.now() + 2_000;
  let n = 0;
  while (performance.now() < until) {
    const batch = Array.from({ length: 50 }, (_, i) => {
      const k = n + i;
      return {
        id: `cap-${k}`,
        type: "agent.ready",
        version: 1,
        time: new Date().toISOString(),
        tenant: "default",
        source: "bench",
        agentId: `a-${k % 200}`,
        data: {},
      } as StarboardEvent;
    });
    await publishEvents(log, batch);
    n += batch.length;
  }
  await log.close();
  return n / 2;
}

export async function platformBenchmarks(options: PlatformBenchOptions = {}): Promise<BenchRow[]> {
  const seconds = options.seconds ?? 60;
  const speed = options.speed ?? 50;
  const progress = options.progress ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "starboard-platform-bench-"));
  const key = "platform-bench-key-0123456789";
  try {
    progress("platform: the embedded log's publish rate here (reference)");
    const capacity = await logCapacity(dir);
    const base = defaults();
    const config: StarboardConfig = {
      ...base,
      dataDir: join(dir, "data"),
      apiKeys: [{ key, role: "admin" }],
      services: ["esl", "chat", "tickets", "simulator", "router", "qa", "sink", "graphql"],
      ports: { ...base.ports, graphql: 0, chat: 0, tickets: 0, ops: 0 },
      simulator: { mode: "load", speed, seed: 1, agents: options.agents ?? 200 },
    };
    const quiet = { out: () => {}, err: () => {} };
    const platform = await startPlatform(config, quiet);
    const health = platform.graphqlUrl?.replace("/graphql", "/healthz");
    const subscriber =
      platform.graphqlUrl === undefined ? undefined : queueStatsSubscriber(platform.graphqlUrl, key);
    await subscriber?.ready;
    const liveHeap = watchLiveHeap();
    progress(`platform: --simulator load --speed ${speed} for ${seconds} s`);
    const samples: Sample[] = [];
    const clock: { wall: number; sim: number }[] = [];
    const started = performance.now();
    const sample = async () => {
      const api =
        health === undefined ? 0 : ((await (await fetch(health)).json()) as { events: number }).events;
      const demo = platform.demo;
      if (demo !== undefined) clock.push({ wall: Date.now(), sim: demo.now() });
      const memory = process.memoryUsage();
      const generator = platform.generator?.memory();
      const onLog = total(await platform.log.endOffsets(Topics.events));
      samples.push({
        wall: performance.now(),
        log: onLog,
        apiTopics: onLog + total(await platform.log.endOffsets(Topics.commands)),
        sink: platform.sink?.stats.written ?? 0,
        api,
        rss: memory.rss,
        heap: liveHeap.read(),
        parts: {
          heapCommitted: memory.heapTotal,
          external: memory.external,
          generatorHeapCommitted: generator?.heapCommitted ?? 0,
          generatorLiveHeap: generator?.liveHeap ?? 0,
          generatorExternal: generator?.external ?? 0,
          chdbTracked: await chdbTracked(platform.warehouse),
          ...rssParts(),
        },
        agenda: demo?.stats.scheduled ?? 0,
        contacts: demo?.stats.contacts ?? 0,
        cpu: processCpuSeconds(),
        mainCpu: mainThreadCpuSeconds(),
      });
    };
    await sample();
    while (performance.now() - started < seconds * 1000) {
      await new Promise((r) => setTimeout(r, 1_000));
      await sample();
      const last = samples.at(-1);
      if (last !== undefined && samples.length % 10 === 0)
        progress(`platform: ${Math.round((last.wall - started) / 1000)} s, ${last.log} events on the log`);
    }
    const messages = (await subscriber?.stop()) ?? [];
    liveHeap.stop();
    await platform.stop();
    return rowsOf(samples, { capacity, speed, agents: config.simulator.agents ?? 200, messages, clock });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
