// The platform benchmark's rows, from its once-a-second samples. Rates and CPU are taken after a
// warm-up quarter (start-up, the router's first replay, chdb's first merges); memory growth too.

import { type BenchRow, row } from "@starboard/core/bench";
import { subscriptionLatencies } from "./platform-watch";

/** Where the process's memory is, besides RSS itself (bytes). */
export interface MemoryParts {
  /** The main thread's V8 heap, committed (what it costs in RSS, garbage and free pages included). */
  heapCommitted: number;
  /** Buffers and ArrayBuffers the main thread holds outside its heap. */
  external: number;
  /** The load generator's thread (emulated switch, simulator): its own V8 heap and buffers. */
  generatorHeapCommitted: number;
  generatorLiveHeap: number;
  generatorExternal: number;
  /** chdb's own tracker (its caches, parts being written and merged, query memory). */
  chdbTracked: number;
  /** The kernel's split of RSS: anonymous memory and file-backed pages (code, chdb's library). */
  rssAnon: number;
  rssFile: number;
}

export interface Sample {
  wall: number;
  log: number;
  sink: number;
  /** Records the API's live picture applied (events and commands). */
  api: number;
  /** Records on the topics it reads (events and commands), read after `api`. */
  apiTopics: number;
  rss: number;
  /** JS heap after the latest major GC. */
  heap: number;
  /** CPU seconds: the whole process, and its main thread alone. */
  cpu: number;
  mainCpu: number;
  parts: MemoryParts;
  /** Tasks on the simulator's agenda (future steps of live contacts and open tickets). */
  agenda: number;
  /** Contacts the simulator has started so far (arrivals). */
  contacts: number;
}

export interface RunFacts {
  capacity: number;
  speed: number;
  agents: number;
  /** [arrival wall ms, asOf simulated ms] per queueStats message. */
  messages: readonly [number, number][];
  clock: readonly { wall: number; sim: number }[];
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const mb = (b: number) => Math.round(b / 2 ** 20);
const signed = (b: number) => `${b >= 0 ? "+" : ""}${mb(b)}`;

/**
 * A sample's figures averaged over a window of samples (means add up, so the parts of an averaged
 * RSS still sum to it). Memory moves with each thread's GC cycle by tens of MB within seconds; one
 * sample against another measured that sawtooth as much as any trend.
 */
function averaged(window: readonly Sample[]): Sample {
  const mean = (pick: (s: Sample) => number) => window.reduce((a, s) => a + pick(s), 0) / window.length;
  const last = window.at(-1);
  if (last === undefined) throw new Error("empty window");
  const part = (key: keyof MemoryParts) => mean((s) => s.parts[key]);
  return {
    ...last,
    rss: mean((s) => s.rss),
    heap: mean((s) => s.heap),
    parts: {
      heapCommitted: part("heapCommitted"),
      external: part("external"),
      generatorHeapCommitted: part("generatorHeapCommitted"),
      generatorLiveHeap: part("generatorLiveHeap"),
      generatorExternal: part("generatorExternal"),
      chdbTracked: part("chdbTracked"),
      rssAnon: part("rssAnon"),
      rssFile: part("rssFile"),
    },
  };
}

/** Samples (one a second) averaged at each end of the measured span: 30 s, or a quarter of a short run. */
const memoryWindow = (measured: number) => Math.max(1, Math.min(30, Math.floor(measured / 4)));

/**
 * Where RSS went between the start and the end of the measured span (each averaged over its
 * window), by part, as the soak's row does: what V8 committed for each thread (and how much of it
 * was alive after a major GC), buffers outside the heaps, chdb's tracked memory, and the rest
 * (malloc arenas, SQLite's cache, code pages).
 */
function breakdownRow(first: Sample, last: Sample, at: string): BenchRow {
  const d = (pick: (p: MemoryParts) => number) => pick(last.parts) - pick(first.parts);
  const rss = last.rss - first.rss;
  const heap = d((p) => p.heapCommitted);
  const generator = d((p) => p.generatorHeapCommitted);
  const buffers = d((p) => p.external + p.generatorExternal);
  const chdb = d((p) => p.chdbTracked);
  const rest = rss - heap - generator - buffers - chdb;
  return row(
    {
      area: "platform",
      name:
        `RSS change after warm-up by part: main V8 heap committed ${signed(heap)} MB (live ${signed(last.heap - first.heap)}), ` +
        `generator thread heap committed ${signed(generator)} MB (live ${signed(d((p) => p.generatorLiveHeap))}), ` +
        `buffers ${signed(buffers)} MB, chdb-tracked ${signed(chdb)} MB, the rest (allocator, SQLite, code) ${signed(rest)} MB; ` +
        `anonymous ${signed(d((p) => p.rssAnon))} MB, file-backed ${signed(d((p) => p.rssFile))} MB; ` +
        `simulator agenda ${first.agenda} -> ${last.agenda} tasks ${at}`,
      value: mb(rss),
      unit: "MB",
      reference: "the rest",
      referenceValue: mb(rest),
      target: "report",
    },
    true,
  );
}

/**
 * What the load generator offered over the measured span: the rate onto the log is the contacts
 * that arrive times the events each makes, so a shortfall is either fewer arrivals (the simulated
 * clock falling behind its --speed on a busy generator thread) or fewer events per contact (shorter
 * lives: abandons, bots that resolve).
 */
function offeredRow(first: Sample, last: Sample, facts: RunFacts, at: string): BenchRow {
  const wall = (last.wall - first.wall) / 1000;
  const contacts = last.contacts - first.contacts;
  const warmFrom = facts.clock[Math.floor(facts.clock.length / 4)]?.wall ?? 0;
  const span = facts.clock.filter((c) => c.wall >= warmFrom);
  const from = span[0];
  const to = span.at(-1);
  const achieved =
    from === undefined || to === undefined || to.wall === from.wall
      ? 0
      : (to.sim - from.sim) / (to.wall - from.wall);
  return row({
    area: "platform",
    name: `load offered: ${Math.round(contacts / wall)} contacts/s arriving, ${(contacts === 0 ? 0 : (last.log - first.log) / contacts).toFixed(1)} events on the log per arriving contact; value: the simulated clock's speed ${at}`,
    value: Math.round(achieved * 10) / 10,
    unit: "x",
    reference: "asked --speed",
    referenceValue: facts.speed,
    target: "report",
  });
}

export function rowsOf(samples: readonly Sample[], facts: RunFacts): BenchRow[] {
  const first = samples[Math.floor(samples.length / 4)];
  const last = samples.at(-1);
  if (first === undefined || last === undefined || first === last) throw new Error("too few samples");
  const wall = (last.wall - first.wall) / 1000;
  const events = last.log - first.log;
  const logRate = events / wall;
  const sinkRate = (last.sink - first.sink) / wall;
  const at = `(--simulator load --speed ${facts.speed} --agents ${facts.agents}, ${Math.round(wall)} s after a ${Math.round((first.wall - (samples[0]?.wall ?? first.wall)) / 1000)} s warm-up)`;
  const warm = samples.slice(samples.indexOf(first));
  // How far the API's live picture trails the log, in time at the run's rate, after the warm-up like
  // every other figure of the run (until 2026-12-02 it took the warm-up's samples too). Its count
  // includes the commands it applies, so it is held to the records of both topics (against the
  // events alone, the lag came out negative once the API kept up).
  const lags = warm.map((s) => ((s.apiTopics - s.api) / Math.max(1, logRate)) * 1000).sort((a, b) => a - b);
  const warmFrom = facts.clock[Math.floor(facts.clock.length / 4)]?.wall ?? 0;
  const latencies = subscriptionLatencies(
    facts.messages.filter(([arrived]) => arrived >= warmFrom),
    facts.clock,
  ).sort((a, b) => a - b);
  const cpuPerEvent = ((last.cpu - first.cpu) * 1e6) / Math.max(1, events);
  const mainPerEvent = ((last.mainCpu - first.mainCpu) * 1e6) / Math.max(1, events);
  const rssPeak = Math.max(...samples.map((s) => s.rss));
  const window = memoryWindow(warm.length);
  const start = averaged(warm.slice(0, window));
  const end = averaged(warm.slice(-window));
  const growth = (pick: (s: Sample) => number, a = start, b = end) => ((pick(b) - pick(a)) / pick(a)) * 100;
  return [
    offeredRow(first, last, facts, at),
    row({
      area: "platform",
      name: `events/s onto the log end to end ${at}`,
      value: Math.round(logRate),
      unit: "1/s",
      reference: "embedded log publish rate, batches of 50",
      referenceValue: Math.round(facts.capacity),
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
        name: `source to graphql-ws queueStats message, p99 of ${latencies.length} (p50 ${Math.round(percentile(latencies, 50))} ms; newest event in each message) ${at}`,
        value: Math.round(percentile(latencies, 99)),
        unit: "ms",
        reference: "subscription tick",
        referenceValue: 150,
        target: "< 1000",
      },
      true,
    ),
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
        name: `main-thread CPU per event on the log (the platform; the load generator has its own thread) ${at}`,
        value: Math.round(mainPerEvent),
        unit: "us",
        reference: "whole process (+ generator, log writer, chdb)",
        referenceValue: Math.round(cpuPerEvent),
        target: "<= 200 (5,000/s on one core)",
      },
      true,
    ),
    row(
      {
        area: "platform",
        name: `process RSS: peak ${mb(rssPeak)} MB, growth after warm-up ${growth((s) => s.rss).toFixed(1)}% (means of the first and last ${window} s; ${growth((s) => s.rss, first, last).toFixed(1)}% from one sample to the other); live JS heap after major GC ${mb(start.heap)} -> ${mb(end.heap)} MB (${growth((s) => s.heap).toFixed(1)}%, max ${mb(Math.max(...warm.map((s) => s.heap)))} MB) ${at}`,
        value: mb(end.rss),
        unit: "MB",
        reference: "RSS after warm-up",
        referenceValue: mb(start.rss),
        target: "flat (< 5% growth)",
      },
      true,
    ),
    breakdownRow(start, end, at),
  ];
}
