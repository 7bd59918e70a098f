import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { consumerLag, type EventLog, publishEvents, type StarboardEvent, Topics } from "@starboard/core";
import { type BenchProgress, type BenchRow, row } from "@starboard/core/bench";
import { defaultProfile, generateHistory } from "@starboard/ingest";
import type { Warehouse } from "@starboard/sql";
import { defaults, type StarboardConfig } from "../src/config/index";
import { startPlatform } from "../src/start/platform";

// `starboard bench --soak 10m`: the platform (router, QA, sink, API with subscribers) in this
// process under a steady 2,000 events/s for the whole duration. Memory, event-loop lag and every
// consumer's backlog are sampled; after a warm-up quarter they must stay flat. The events are the
// simulator's history stream, re-stamped with the time they are published, paced the way an
// upstream producer on the log would send them.

export interface SoakOptions {
  seconds: number;
  rate?: number;
  subscribers?: number;
  /** The services under load (default router, qa, sink, graphql); the API's subscribers need graphql. */
  services?: StarboardConfig["services"];
  progress?: BenchProgress;
}

interface Sample {
  at: number;
  published: number;
  rss: number;
  /** JS heap in use right after the last major GC: what is alive, without the sawtooth of garbage. */
  heap: number;
  /** V8's committed heap, buffers outside it, and what chdb's own memory tracker counts. */
  heapCommitted: number;
  external: number;
  chdbTracked: number;
  loopP99: number;
  backlog: Record<string, number>;
  apiBehind: number;
}

/** The consumer group of each service that reads the events topic. */
const groupOf = { sink: "sql-sink", router: "router", qa: "qa" } as const;
const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const mb = (b: number) => Math.round(b / 2 ** 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** chdb's engine-wide tracked memory (0 for a ClickHouse server, which lives in another process). */
async function chdbTracked(warehouse: Warehouse | undefined): Promise<number> {
  if (warehouse?.kind !== "chdb") return 0;
  const rows = await warehouse.query<{ value: string }>(
    "SELECT toString(value) AS value FROM system.metrics WHERE metric = 'MemoryTracking'",
  );
  return Number(rows[0]?.value ?? 0);
}

/** Node puts a GC entry's kind in `detail`, which the DOM-shaped PerformanceEntry type omits. */
function gcKind(entry: object): number | undefined {
  const detail: unknown = "detail" in entry ? entry.detail : undefined;
  return typeof detail === "object" && detail !== null && "kind" in detail && typeof detail.kind === "number"
    ? detail.kind
    : undefined;
}

/** The simulator's history, hour after hour, each event re-stamped when it is taken. */
function* restampedStream(): Generator<StarboardEvent> {
  const profile = defaultProfile({ agents: 200, seed: 3 });
  const endAt = new Date(Date.UTC(2026, 0, 1));
  for (const batch of generateHistory({ profile, days: 3_650, endAt, seed: 3 }))
    for (const event of batch) yield { ...event, time: new Date().toISOString() };
}

async function backlogs(log: EventLog, groups: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const group of groups) out[group] = await consumerLag(log, group, Topics.events);
  return out;
}

function subscriberCrowd(url: string, key: string, count: number) {
  const script = fileURLToPath(new URL("../../graphql/bench/subscribers.mjs", import.meta.url));
  const child = fork(script, [
    JSON.stringify({
      url: url.replace(/^http/, "ws"),
      key,
      count,
      sampleEvery: 1_000_000,
      query: "subscription { queueStats { asOf queues { id waiting longestWaitSeconds } } }",
    }),
  ]);
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (m: { type: string; message?: string }) => {
      if (m.type === "ready") resolve();
      if (m.type === "error") reject(new Error(`subscriber: ${m.message}`));
    });
  });
  const stop = () =>
    new Promise<number>((resolve) => {
      child.on("message", (m: { type: string; messages?: number }) => {
        if (m.type === "results") resolve(m.messages ?? 0);
      });
      child.send({ type: "stop" });
    });
  return { ready, stop };
}

/** Growth from a fraction of the run to its end, in percent, each side a median of 3 samples. */
function growth(
  samples: readonly Sample[],
  pick: (s: Sample) => number,
  fromFraction: number,
): { from: number; to: number; pct: number } {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const warm = Math.floor(samples.length * fromFraction);
  const from = median(samples.slice(warm, warm + 3).map(pick));
  const to = median(samples.slice(-3).map(pick));
  return { from, to, pct: ((to - from) / from) * 100 };
}

export async function soakBenchmarks(options: SoakOptions): Promise<BenchRow[]> {
  const rate = options.rate ?? 2_000;
  const progress = options.progress ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "starboard-soak-"));
  const key = "soak-bench-key-0123456789";
  try {
    const base = defaults();
    const config: StarboardConfig = {
      ...base,
      dataDir: join(dir, "data"),
      apiKeys: [{ key, role: "admin" }],
      services: options.services ?? ["router", "qa", "sink", "graphql"],
      ports: { ...base.ports, graphql: 0, chat: 0, tickets: 0 },
      simulator: { ...base.simulator, mode: "off" },
    };
    const groups = config.services.flatMap((s) => (s in groupOf ? [groupOf[s as keyof typeof groupOf]] : []));
    const platform = await startPlatform(config, { out: () => {}, err: () => {} });
    const url = platform.graphqlUrl;
    const crowd = url === undefined ? undefined : subscriberCrowd(url, key, options.subscribers ?? 100);
    await crowd?.ready;
    const health = url?.replace("/graphql", "/healthz");
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    // The whole run after the warm-up quarter, for the p99 the target is about.
    const settledLoop = monitorEventLoopDelay({ resolution: 10 });
    let liveHeap = process.memoryUsage().heapUsed;
    const gcWatch = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (gcKind(entry) === constants.NODE_PERFORMANCE_GC_MAJOR) liveHeap = process.memoryUsage().heapUsed;
    });
    gcWatch.observe({ entryTypes: ["gc"] });
    progress(`soak: ${rate} events/s for ${options.seconds} s, ${options.subscribers ?? 100} subscribers`);

    const stream = restampedStream();
    const samples: Sample[] = [];
    const started = performance.now();
    let published = 0;
    let nextSample = started + 5_000;
    let warmedUp = false;
    // Paced in 50 ms slices; a slice that falls behind is made up in the next ones.
    while (performance.now() - started < options.seconds * 1_000) {
      const due = Math.floor(((performance.now() - started) / 1_000) * rate);
      const batch: StarboardEvent[] = [];
      while (published + batch.length < due) {
        const next = stream.next();
        if (next.done === true) throw new Error("soak: the history stream ran out");
        batch.push(next.value);
      }
      if (batch.length > 0) await publishEvents(platform.log, batch);
      published += batch.length;
      if (!warmedUp && performance.now() - started >= (options.seconds * 1_000) / 4) {
        warmedUp = true;
        settledLoop.enable();
      }
      if (performance.now() >= nextSample) {
        nextSample += 5_000;
        const api =
          health === undefined
            ? total(await platform.log.endOffsets(Topics.events))
            : ((await (await fetch(health)).json()) as { events: number }).events;
        const memory = process.memoryUsage();
        samples.push({
          at: (performance.now() - started) / 1_000,
          published,
          rss: memory.rss,
          heap: liveHeap,
          heapCommitted: memory.heapTotal,
          external: memory.external,
          chdbTracked: await chdbTracked(platform.warehouse),
          loopP99: loop.percentile(99) / 1e6,
          backlog: await backlogs(platform.log, groups),
          apiBehind: Math.max(0, total(await platform.log.endOffsets(Topics.events)) - api),
        });
        loop.reset();
        const s = samples.at(-1);
        if (s !== undefined && samples.length % 6 === 0)
          progress(
            `soak: ${Math.round(s.at)} s, ${s.published} events, RSS ${mb(s.rss)} MB, heap ${mb(s.heap)} MB, chdb ${mb(s.chdbTracked)} MB, loop p99 ${s.loopP99.toFixed(1)} ms, sink backlog ${s.backlog["sql-sink"]}`,
          );
      }
      await sleep(50);
    }
    loop.disable();
    settledLoop.disable();
    const settledP99 = settledLoop.percentile(99) / 1e6;
    gcWatch.disconnect();
    const messages = (await crowd?.stop()) ?? 0;
    await platform.stop();
    return soakRows(samples, rate, options.seconds, messages, groups, settledP99);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function soakRows(
  samples: readonly Sample[],
  rate: number,
  seconds: number,
  messages: number,
  groups: readonly string[],
  settledP99: number,
): BenchRow[] {
  if (samples.length < 8) throw new Error(`soak: ${samples.length} samples; run at least 40 s`);
  const first = samples[0] as Sample;
  const last = samples.at(-1) as Sample;
  const achieved = (last.published - first.published) / (last.at - first.at);
  // Caches (the log's tail, chdb's, SQLite's pages) fill for minutes: flatness is judged over the
  // second half, and the growth since the end of the first quarter is shown beside it.
  const rss = growth(samples, (s) => s.rss, 0.5);
  const heap = growth(samples, (s) => s.heap, 0.5);
  const rssQuarter = growth(samples, (s) => s.rss, 0.25);
  const heapQuarter = growth(samples, (s) => s.heap, 0.25);
  const warm = samples.slice(Math.floor(samples.length / 4));
  const loops = warm.map((s) => s.loopP99).sort((a, b) => a - b);
  const worstLoop = loops.at(-1) ?? Number.NaN;
  const medianLoop = loops[Math.floor(loops.length / 2)] ?? Number.NaN;
  const backlog = (s: Sample) => Math.max(...groups.map((g) => s.backlog[g] ?? 0), s.apiBehind);
  const backlogs = warm.map(backlog).sort((a, b) => a - b);
  const at = `(${rate}/s for ${seconds} s, ${messages.toLocaleString("en-US")} subscription messages)`;
  return [
    row({
      area: "soak",
      name: `events/s sustained ${at}`,
      value: Math.round(achieved),
      unit: "1/s",
      reference: "asked rate",
      referenceValue: rate,
      target: ">= 2000",
    }),
    row(
      {
        area: "soak",
        name: `process RSS over the second half: ${mb(rss.from)} -> ${mb(rss.to)} MB (${rss.pct.toFixed(1)}%; ${rssQuarter.pct.toFixed(1)}% since the first quarter) ${at}`,
        value: mb(rss.to),
        unit: "MB",
        reference: "RSS at half time",
        referenceValue: mb(rss.from),
        target: "flat (< 5% growth)",
      },
      true,
    ),
    rssBreakdownRow(samples, at),
    row(
      {
        area: "soak",
        name: `JS heap after major GCs over the second half: ${mb(heap.from)} -> ${mb(heap.to)} MB (${heap.pct.toFixed(1)}%; ${heapQuarter.pct.toFixed(1)}% since the first quarter) ${at}`,
        value: mb(heap.to),
        unit: "MB",
        reference: "heap at half time",
        referenceValue: mb(heap.from),
        target: "flat (< 5% growth)",
      },
      true,
    ),
    row(
      {
        area: "soak",
        name: `event-loop delay p99 over the run after warm-up (5 s windows: median ${medianLoop.toFixed(1)} ms, worst ${worstLoop.toFixed(1)} ms) ${at}`,
        value: Math.round(settledP99 * 10) / 10,
        unit: "ms",
        reference: "worst 5 s window",
        referenceValue: Math.round(worstLoop * 10) / 10,
        target: "< 50",
      },
      true,
    ),
    row(
      {
        area: "soak",
        name: `largest backlog (sink, router, QA, API) at the end ${at}`,
        value: backlog(last),
        unit: "events",
        reference: "median backlog after warm-up",
        referenceValue: backlogs[Math.floor(backlogs.length / 2)] ?? 0,
        target: "no growing queue",
      },
      true,
    ),
  ];
}

/** Where the second half's RSS growth went: V8's heap, buffers, chdb's tracked memory, the rest. */
function rssBreakdownRow(samples: readonly Sample[], at: string): BenchRow {
  const delta = (pick: (s: Sample) => number) => {
    const g = growth(samples, pick, 0.5);
    return g.to - g.from;
  };
  const rss = delta((s) => s.rss);
  const heap = delta((s) => s.heapCommitted);
  const external = delta((s) => s.external);
  const chdb = delta((s) => s.chdbTracked);
  const rest = rss - heap - external - chdb;
  const signed = (b: number) => `${b >= 0 ? "+" : ""}${mb(b)}`;
  return row(
    {
      area: "soak",
      name:
        `RSS change over the second half by part: V8 heap committed ${signed(heap)} MB, buffers ${signed(external)} MB, ` +
        `chdb-tracked ${signed(chdb)} MB, the rest (allocator, SQLite, code) ${signed(rest)} MB ${at}`,
      value: mb(rss),
      unit: "MB",
      reference: "the rest",
      referenceValue: mb(rest),
      target: "report",
    },
    true,
  );
}
