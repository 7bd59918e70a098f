import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InProcessEventLog, publishEvents, type StarboardEvent, standardTopics } from "@starboard/core";
import { type BenchProgress, type BenchRow, row } from "@starboard/core/bench";
import type { Warehouse } from "@starboard/sql";
import { startApiServer } from "../src/index";

// The API under load, on loopback: queries per second for the live `queues` query beside a bare
// node:http server answering the same bytes; and 2,000 graphql-ws subscribers (in a child process)
// receiving queue updates driven at 1,000 events/s, latency measured from each event's publish time
// to the first message that includes it, beside the same crowd fed by a bare ws broadcast.

export interface ApiBenchOptions {
  progress?: BenchProgress;
  subscribers?: number;
  eventsPerSecond?: number;
  seconds?: number;
}

const key = "bench-key-0123456789abcdef";
/** Reports are not measured here: a warehouse that is never asked (a query would fail loudly). */
const noWarehouse = {
  query: () => Promise.reject(new Error("the API benchmark measures live paths only")),
} as unknown as Warehouse;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function requestsPerSecond(
  url: string,
  body: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const target = new URL(url);
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", ...headers },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        await one();
        done += 1;
      }
    }),
  );
  agent.destroy();
  return done / seconds;
}

function benchEvents(n: number, timeIso: string, serial: number): StarboardEvent[] {
  // Alternating arrivals and abandons keep ~50 contacts waiting, so the picture stays a realistic size.
  const events: StarboardEvent[] = [];
  for (let i = 0; i < n; i++) {
    const k = serial + i;
    const base = { version: 1, time: timeIso, tenant: "default", source: "bench", channel: "voice" } as const;
    if (k % 2 === 0)
      events.push({
        ...base,
        id: `q-${k}`,
        type: "contact.queued",
        contactId: `c-${k}`,
        data: { queueId: "bench", requiredSkills: [], priority: 0, entry: "new", position: 1 },
      } as StarboardEvent);
    else if (k > 100)
      events.push({
        ...base,
        id: `a-${k}`,
        type: "contact.abandoned",
        contactId: `c-${k - 101}`,
        data: { queueId: "bench", waitSeconds: 1, position: 1 },
      } as StarboardEvent);
    else
      events.push({
        ...base,
        id: `q-${k}`,
        type: "contact.queued",
        contactId: `c-${k}`,
        data: { queueId: "bench", requiredSkills: [], priority: 0, entry: "new", position: 1 },
      } as StarboardEvent);
  }
  return events;
}

interface CrowdResult {
  messages: number;
  samples: [number, number][][];
}

async function runCrowd(
  url: string,
  count: number,
  drive: () => Promise<number[]>,
  progress: BenchProgress,
): Promise<{ result: CrowdResult; eventTimes: number[] }> {
  const child = fork(fileURLToPath(new URL("./subscribers.mjs", import.meta.url)), [
    JSON.stringify({
      url,
      key,
      count,
      sampleEvery: 10,
      query: "subscription { queueStats { asOf queues { id waiting longestWaitSeconds } } }",
    }),
  ]);
  const results = new Promise<CrowdResult>((resolve, reject) => {
    child.on("message", (m: { type: string; message?: string } & Partial<CrowdResult>) => {
      if (m.type === "results") resolve({ messages: m.messages ?? 0, samples: m.samples ?? [] });
      if (m.type === "error") reject(new Error(`subscriber: ${m.message}`));
    });
    child.on("exit", (code) =>
      code === 0 ? undefined : reject(new Error(`subscribers exited with ${code}`)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    child.on("message", (m: { type: string }) => (m.type === "ready" ? resolve() : undefined));
    child.on("error", reject);
  });
  progress(`${count} subscribers connected; driving events`);
  const eventTimes = await drive();
  await new Promise((r) => setTimeout(r, 1_000));
  child.send({ type: "stop" });
  return { result: await results, eventTimes };
}

function latencies(eventTimes: readonly number[], samples: readonly [number, number][][]): number[] {
  const out: number[] = [];
  for (const messages of samples) {
    let m = 0;
    for (const t of eventTimes) {
      while (m < messages.length && (messages[m]?.[1] ?? 0) < t) m += 1;
      const hit = messages[m];
      if (hit === undefined) break;
      out.push(hit[0] - t);
    }
  }
  return out.sort((a, b) => a - b);
}

export async function apiBenchmarks(options: ApiBenchOptions = {}): Promise<BenchRow[]> {
  const progress = options.progress ?? (() => {});
  const subscribers = options.subscribers ?? 2_000;
  const rate = options.eventsPerSecond ?? 1_000;
  const seconds = options.seconds ?? 20;
  const dir = mkdtempSync(join(tmpdir(), "starboard-api-bench-"));
  const log = new InProcessEventLog({ dataDir: dir, pollIntervalMs: 5 });
  await log.ensureTopics(standardTopics(4));
  const api = await startApiServer({
    log,
    warehouse: noWarehouse,
    routing: { queues: [{ id: "bench" }] },
    apiKeys: [{ key, role: "bi" }],
    port: 0,
    rateLimit: { perSecond: 1e9, burst: 1e9 },
  });
  const rows: BenchRow[] = [];
  try {
    await publishEvents(log, benchEvents(40, new Date().toISOString(), 0));
    const query = JSON.stringify({
      query: "{ queues { id waiting longestWaitSeconds serviceLevel estimatedWaitSeconds } }",
    });
    progress("live queues query over HTTP");
    const apiRate = await requestsPerSecond(api.url, query, { authorization: `Bearer ${key}` }, 5);
    const sample = await (
      await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: query,
      })
    ).text();
    const bare = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(sample);
      });
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const bareRate = await requestsPerSecond(
      `http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`,
      query,
      {},
      5,
    );
    bare.close();
    rows.push(
      row({
        area: "api",
        name: "live `queues` query over HTTP (16 keep-alive clients)",
        value: Math.round(apiRate),
        unit: "1/s",
        reference: "bare node:http, same bytes",
        referenceValue: Math.round(bareRate),
        target: "report",
      }),
    );

    let serial = 40;
    const drive = async (): Promise<number[]> => {
      const times: number[] = [];
      const perTick = Math.max(1, Math.round(rate / 100));
      const end = performance.now() + seconds * 1000;
      let next = performance.now();
      while (performance.now() < end) {
        const at = Date.now();
        await publishEvents(log, benchEvents(perTick, new Date(at).toISOString(), serial));
        serial += perTick;
        for (let i = 0; i < perTick; i++) times.push(at);
        next += 10;
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      }
      return times;
    };
    progress(`${subscribers} subscribers, ${rate} events/s for ${seconds} s`);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 500);
    const { result, eventTimes } = await runCrowd(api.wsUrl, subscribers, drive, progress);
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const cores = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
    const lat = latencies(eventTimes, result.samples);
    const p99 = percentile(lat, 99);
    progress(
      `subscription latency p50 ${percentile(lat, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms; ${result.messages} messages; API process ${cores.toFixed(2)} cores, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
    );
    rows.push(
      row(
        {
          area: "api",
          name: `subscription p99, event in log -> message at client (${subscribers} subscribers, ${rate} events/s; API process ${cores.toFixed(2)} cores, peak RSS ${Math.round(peakRss / 2 ** 20)} MB, ${result.messages} messages)`,
          value: Math.round(p99),
          unit: "ms",
          reference: "the 150 ms coalescing tick alone",
          referenceValue: 150,
          target: "< 250",
        },
        true,
      ),
    );
  } finally {
    await api.close();
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
