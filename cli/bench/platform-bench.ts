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
import { type BenchProgress, type BenchRow, row } from "@starboard/core/bench";
import { defaults, type StarboardConfig } from "../src/config/index";
import { startPlatform } from "../src/start/platform";

// `starboard start --simulator load --speed 50` measured end to end in this process: events/s onto
// the log (beside the embedded log's own publish rate here), into the warehouse, how far the API's
// live picture trails the log, and memory over the run.

export interface PlatformBenchOptions {
  seconds?: number;
  speed?: number;
  /** Simulated agents (default 200): the load mode's arrivals scale with them. */
  agents?: number;
  progress?: BenchProgress;
}

const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

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
  try {
    progress("platform: the embedded log's publish rate here (reference)");
    const capacity = await logCapacity(dir);
    const base = defaults();
    const config: StarboardConfig = {
      ...base,
      dataDir: join(dir, "data"),
      apiKeys: [{ key: "platform-bench-key-0123456789", role: "admin" }],
      services: ["esl", "chat", "tickets", "simulator", "router", "qa", "sink", "graphql"],
      ports: { ...base.ports, graphql: 0, chat: 0, tickets: 0 },
      simulator: { mode: "load", speed, seed: 1, agents: options.agents ?? 200 },
    };
    const quiet = { out: () => {}, err: () => {} };
    const platform = await startPlatform(config, quiet);
    const health = platform.graphqlUrl?.replace("/graphql", "/healthz");
    progress(`platform: --simulator load --speed ${speed} for ${seconds} s`);
    const samples: { wall: number; log: number; sink: number; api: number; rss: number; heap: number }[] = [];
    const started = performance.now();
    const sample = async () => {
      const api =
        health === undefined ? 0 : ((await (await fetch(health)).json()) as { events: number }).events;
      samples.push({
        wall: performance.now(),
        log: total(await platform.log.endOffsets(Topics.events)),
        sink: platform.sink?.stats.written ?? 0,
        api,
        rss: process.memoryUsage().rss,
        heap: process.memoryUsage().heapUsed,
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
    await platform.stop();
    const first = samples[0];
    const last = samples.at(-1);
    if (first === undefined || last === undefined) throw new Error("no samples");
    const wall = (last.wall - first.wall) / 1000;
    const logRate = (last.log - first.log) / wall;
    const sinkRate = (last.sink - first.sink) / wall;
    // How far the API's live picture trails the log, in time at the run's rate.
    const lags = samples.map((s) => ((s.log - s.api) / Math.max(1, logRate)) * 1000).sort((a, b) => a - b);
    const warm = samples.slice(Math.floor(samples.length / 4));
    const rssStart = warm[0]?.rss ?? first.rss;
    const rssPeak = Math.max(...samples.map((s) => s.rss));
    const growth = ((last.rss - rssStart) / rssStart) * 100;
    // RSS includes chdb (ClickHouse's caches and merges live in this process); the JS heap is ours.
    const heapStart = warm[0]?.heap ?? first.heap;
    const heapGrowth = ((last.heap - heapStart) / heapStart) * 100;
    const mb = (b: number) => Math.round(b / 2 ** 20);
    const at = `(--simulator load --speed ${speed} --agents ${config.simulator.agents}, ${Math.round(wall)} s)`;
    return [
      row({
        area: "platform",
        name: `events/s onto the log end to end ${at}`,
        value: Math.round(logRate),
        unit: "1/s",
        reference: "embedded log publish rate, batches of 50",
        referenceValue: Math.round(capacity),
        target: ">= 5000",
      }),
      row({
        area: "platform",
        name: `events/s into the warehouse ${at}`,
        value: Math.round(sinkRate),
        unit: "1/s",
        reference: "events/s onto the log",
        referenceValue: Math.round(logRate),
        target: "keeps up",
      }),
      row(
        {
          area: "platform",
          name: `API live picture behind the log, p99 ${at}`,
          value: Math.round(percentile(lags, 99)),
          unit: "ms",
          reference: "subscription tick",
          referenceValue: 150,
          target: "< 250",
        },
        true,
      ),
      row(
        {
          area: "platform",
          name: `process RSS: peak ${mb(rssPeak)} MB, growth after warm-up ${growth.toFixed(1)}% (JS heap ${mb(heapStart)} -> ${mb(last.heap)} MB, ${heapGrowth.toFixed(1)}%) ${at}`,
          value: mb(last.rss),
          unit: "MB",
          reference: "RSS after warm-up",
          referenceValue: mb(rssStart),
          target: "flat (< 5% growth)",
        },
        true,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
