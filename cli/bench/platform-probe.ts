// A probe for finding where the platform's time and memory go (not a benchmark row): the platform
// bench's configuration, then either a CPU profile of the main thread with CPU time and event-loop
// utilization over a window after a warm-up, or (memory) every 10 s the log's rate and where memory
// is (with --expose-gc, the heap after a full collection; --snapshots writes two heap snapshots).
//   npx tsx cli/bench/platform-probe.ts <warmupS> <windowS> <outDir> [agents] [profile|memory]
//   node --expose-gc --import tsx cli/bench/platform-probe.ts 0 120 <outDir> 200 memory [--snapshots]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";
import { Topics } from "@starboard/core";
import { mainThreadCpuSeconds } from "@starboard/core/bench";
import { defaults, type StarboardConfig } from "../src/config/index";
import { startPlatform } from "../src/start/platform";

const [warmup = "15", window = "20", out = "/tmp/probe", agents = "200", mode = "profile"] =
  process.argv.slice(2);
const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), "starboard-probe-"));
const base = defaults();
const config: StarboardConfig = {
  ...base,
  dataDir: join(dir, "data"),
  apiKeys: [{ key: "platform-bench-key-0123456789", role: "admin" }],
  services: ["esl", "chat", "tickets", "simulator", "router", "qa", "sink", "graphql"],
  ports: { ...base.ports, graphql: 0, chat: 0, tickets: 0, ops: 0 },
  simulator: { mode: "load", speed: 50, seed: 1, agents: Number(agents) },
};
const platform = await startPlatform(config, { out: () => {}, err: () => {} });
async function chdbTracked(): Promise<number> {
  const w = platform.warehouse;
  if (w?.kind !== "chdb") return 0;
  const rows = await w.query<{ value: string }>(
    "SELECT toString(value) AS value FROM system.metrics WHERE metric = 'MemoryTracking'",
  );
  return Number(rows[0]?.value ?? 0);
}
const mb = (b: number) => Math.round(b / 2 ** 20);
if (mode === "memory") {
  // Every 10 s: what the log got, and where memory is (V8 heap, buffers, chdb's own tracker).
  const t0 = performance.now();
  let last = { t: t0, log: total(await platform.log.endOffsets(Topics.events)) };
  for (let i = 1; (performance.now() - t0) / 1000 < Number(window); i++) {
    await sleep(10_000);
    // With --expose-gc: the live heap after a full collection, not the sawtooth of garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const now = { t: performance.now(), log: total(await platform.log.endOffsets(Topics.events)) };
    console.log(
      JSON.stringify({
        s: Math.round((now.t - t0) / 1000),
        rate: Math.round(((now.log - last.log) * 1000) / (now.t - last.t)),
        rss: mb(m.rss),
        heap: mb(m.heapUsed),
        external: mb(m.external),
        arrayBuffers: mb(m.arrayBuffers),
        chdb: mb(await chdbTracked()),
        pending: platform.demo?.stats,
      }),
    );
    last = now;
    if (process.argv.includes("--snapshots") && (i === 3 || i === Math.floor(Number(window) / 10) - 1))
      console.log(writeHeapSnapshot(join(out, `heap-${i}.heapsnapshot`)));
  }
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
await sleep(Number(warmup) * 1000);
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 500 });
await session.post("Profiler.start");
const log0 = total(await platform.log.endOffsets(Topics.events));
const sink0 = platform.sink?.stats.written ?? 0;
const sim0 = platform.demo?.stats;
const cpu0 = process.cpuUsage();
const main0 = mainThreadCpuSeconds();
const elu0 = performance.eventLoopUtilization();
const t0 = performance.now();
await sleep(Number(window) * 1000);
const wall = (performance.now() - t0) / 1000;
const elu = performance.eventLoopUtilization(elu0);
const cpu = process.cpuUsage(cpu0);
const mainCpu = mainThreadCpuSeconds() - main0;
const log1 = total(await platform.log.endOffsets(Topics.events));
const sink1 = platform.sink?.stats.written ?? 0;
const sim1 = platform.demo?.stats;
const { profile } = await session.post("Profiler.stop");
writeFileSync(join(out, "main.cpuprofile"), JSON.stringify(profile));
const events = log1 - log0;
console.log(
  JSON.stringify({
    wall: +wall.toFixed(1),
    logRate: Math.round(events / wall),
    sinkRate: Math.round((sink1 - sink0) / wall),
    contactsRate: Math.round(((sim1?.contacts ?? 0) - (sim0?.contacts ?? 0)) / wall),
    switchEventsRate: Math.round(((sim1?.switchEvents ?? 0) - (sim0?.switchEvents ?? 0)) / wall),
    simErrors: sim1?.errors,
    lastError: sim1?.lastError,
    elu: +elu.utilization.toFixed(3),
    cpuPerWallS: +((cpu.user + cpu.system) / 1e6 / wall).toFixed(2),
    cpuUsPerEvent: Math.round((cpu.user + cpu.system) / events),
    mainCpuPerWallS: +(mainCpu / wall).toFixed(2),
    mainCpuUsPerEvent: Math.round((mainCpu * 1e6) / events),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  }),
);
await platform.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
