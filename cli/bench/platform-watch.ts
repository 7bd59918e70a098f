// What the platform benchmark watches besides the log: CPU time (the process's, and the main
// thread's alone, where the platform runs), the live heap after each major GC, and a graphql-ws
// subscriber in its own process whose messages say how old the newest event they include was.

import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Warehouse } from "@starboard/sql";
import { watchThreadMemory } from "../src/start/thread-memory";

/** chdb's engine-wide tracked memory (0 for a ClickHouse server, which lives in another process). */
export async function chdbTracked(warehouse: Warehouse | undefined): Promise<number> {
  if (warehouse?.kind !== "chdb") return 0;
  const rows = await warehouse.query<{ value: string }>(
    "SELECT toString(value) AS value FROM system.metrics WHERE metric = 'MemoryTracking'",
  );
  return Number(rows[0]?.value ?? 0);
}

/**
 * RSS split by the kernel (Linux /proc/self/status): anonymous memory (heaps, malloc arenas,
 * chdb's allocations) and file-backed pages (code, chdb's library, mapped files); 0 elsewhere.
 */
export function rssParts(): { rssAnon: number; rssFile: number } {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { rssAnon: kb("RssAnon"), rssFile: kb("RssFile") };
  } catch {
    return { rssAnon: 0, rssFile: 0 };
  }
}

/** The JS heap in use right after the latest major GC: what is alive, without the sawtooth of garbage. */
export function watchLiveHeap(): { read: () => number; stop: () => void } {
  const memory = watchThreadMemory();
  return { read: () => memory.read().liveHeap, stop: memory.stop };
}

/**
 * One queueStats subscriber over graphql-ws, in a child process (graphql/bench/subscribers.mjs) so
 * its parsing is not charged to the platform. Each message carries `asOf`, the source time of the
 * newest event in it; `stop` returns [arrival wall ms, asOf ms] per message.
 */
export function queueStatsSubscriber(graphqlUrl: string, key: string) {
  const script = fileURLToPath(new URL("../../graphql/bench/subscribers.mjs", import.meta.url));
  const child = fork(script, [
    JSON.stringify({
      url: graphqlUrl.replace(/^http/, "ws"),
      key,
      count: 1,
      sampleEvery: 1,
      query: "subscription { queueStats { asOf queues { id waiting } } }",
    }),
  ]);
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (m: { type: string; message?: string }) => {
      if (m.type === "ready") resolve();
      if (m.type === "error") reject(new Error(`subscriber: ${m.message}`));
    });
    child.on("exit", (code) => reject(new Error(`subscriber exited (${code})`)));
  });
  const stop = () =>
    new Promise<[number, number][]>((resolve) => {
      child.on("message", (m: { type: string; samples?: [number, number][][] }) => {
        if (m.type === "results") resolve(m.samples?.[0] ?? []);
      });
      child.send({ type: "stop" });
    });
  return { ready, stop, kill: () => child.kill() };
}

/**
 * Wall-clock latency of subscription messages: how long after the newest event they include was
 * stamped at its source. Sources stamp simulated time, so `clock` (wall ms, simulated ms pairs
 * sampled through the run) maps an `asOf` back to the wall time the simulator reached it.
 */
export function subscriptionLatencies(
  messages: readonly [number, number][],
  clock: readonly { wall: number; sim: number }[],
): number[] {
  const out: number[] = [];
  let j = 0;
  for (const [arrived, asOf] of messages) {
    while (j + 1 < clock.length && (clock[j + 1]?.sim ?? Number.POSITIVE_INFINITY) <= asOf) j++;
    const a = clock[j];
    const b = clock[j + 1];
    if (a === undefined || b === undefined || asOf < a.sim || b.sim === a.sim) continue;
    const stamped = a.wall + ((asOf - a.sim) / (b.sim - a.sim)) * (b.wall - a.wall);
    out.push(arrived - stamped);
  }
  return out;
}
