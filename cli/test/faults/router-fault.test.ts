import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type EventLog, openEventLog, publishEvents, Topics } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../start/helpers";
import { FaultBroker } from "./broker";
import { type FaultRow, publishTable } from "./fault-table";
import { readRouterOutputs } from "./read-outputs";
import { routerWorkload } from "./workload";

// kill -9 of the router mid-workload and a restart: its state is rebuilt from the log, and every
// decision and command it publishes is the one an uninterrupted run publishes, none twice.

const broker = new FaultBroker();
const rows: FaultRow[] = [];
const dirs: { remove: () => void }[] = [];
const script = fileURLToPath(new URL("./router-child.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));
// Both runs route the same events at the same event times: a window from a minute ago to three
// minutes ahead, inside the router's ten minutes of freshness while both runs last.
const events = routerWorkload(Date.now() + 180_000, 240_000);

beforeAll(() => broker.start(), 300_000);
afterAll(async () => {
  await broker.remove();
  for (const d of dirs) d.remove();
  publishTable("Fault suite: the router on Kafka", rows);
}, 120_000);

interface RouterChild {
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** What it printed: `router stopped: {stats}` once stopped cleanly. */
  output(): string;
}

function startRouter(dataDir: string): Promise<RouterChild> {
  const child = spawn(process.execPath, [tsx, script, broker.brokers, dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("router running"))
        resolve({ exited, kill: (s) => child.kill(s), output: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`router child exited ${code}:\n${output}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The router's committed position on the events topic against the topic's end (which its own outputs move). */
async function progress(log: EventLog): Promise<{ committed: number; end: number }> {
  const ends = await log.endOffsets(Topics.events);
  const committed = await log.committedOffsets("router", Topics.events);
  let c = 0;
  let e = 0;
  for (const [p, end] of ends) {
    e += end;
    c += committed.get(p) ?? 0;
  }
  return { committed: c, end: e };
}

async function caughtUp(log: EventLog): Promise<number> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const p = await progress(log).catch(() => undefined);
    if (p !== undefined && p.end > 0 && p.committed >= p.end) {
      // Its own last outputs land on the topic after the commit: caught up once nothing moves.
      await sleep(1_000);
      const again = await progress(log);
      if (again.committed >= again.end) return Date.now();
    }
    await sleep(250);
  }
  throw new Error("the router did not catch up in 240 s");
}

async function run(kill: boolean) {
  await broker.reset();
  const data = tempDir("starboard-faults-router-");
  dirs.push(data);
  // One partition, written in time order: the router sees one order however the batches fall.
  const log = await openEventLog({ dataDir: data.dir, kafkaBrokers: [broker.brokers], partitions: 1 });
  try {
    for (let i = 0; i < events.length; i += 500) await publishEvents(log, events.slice(i, i + 500));
    let router = await startRouter(data.dir);
    let restartedAt = Date.now();
    if (kill) {
      for (;;) {
        const p = await progress(log);
        if (p.committed >= events.length / 3) break;
        await sleep(100);
      }
      router.kill("SIGKILL");
      expect(await router.exited).toBeNull();
      restartedAt = Date.now();
      router = await startRouter(data.dir);
    }
    const recovered = await caughtUp(log);
    router.kill("SIGTERM");
    expect(await router.exited).toBe(0);
    const stats = JSON.parse(/router stopped: (.*)/.exec(router.output())?.[1] ?? "{}") as {
      replayed?: number;
    };
    return {
      ...(await readRouterOutputs(log)),
      recoveryMs: recovered - restartedAt,
      replayed: stats.replayed,
      output: router.output(),
    };
  } finally {
    await log.close();
  }
}

describe("fault suite: the router killed (-9) and restarted", () => {
  it("publishes exactly the decisions and commands of an uninterrupted run, none twice", async () => {
    const reference = await run(false);
    expect(reference.duplicates).toBe(0);
    expect(reference.outputs.size).toBeGreaterThan(100);
    const faulted = await run(true);
    // The restarted router rebuilt its state from what the killed one had answered.
    expect(faulted.replayed, faulted.output).toBeGreaterThanOrEqual(events.length / 3);
    const missing = [...reference.outputs.keys()].filter((id) => !faulted.outputs.has(id));
    const extra = [...faulted.outputs.keys()].filter((id) => !reference.outputs.has(id));
    const changed = [...reference.outputs].filter(
      ([id, body]) => faulted.outputs.has(id) && faulted.outputs.get(id) !== body,
    );
    rows.push({
      fault: "router kill -9 and restart (outputs)",
      eventsSent: faulted.records,
      eventsInReports: faulted.outputs.size - extra.length,
      trueEvents: reference.outputs.size,
      duplicates: faulted.duplicates + extra.length + changed.length,
      recoveryMs: faulted.recoveryMs,
    });
    expect({ missing, extra, changed: changed.map(([id]) => id) }).toEqual({
      missing: [],
      extra: [],
      changed: [],
    });
    expect(faulted.duplicates).toBe(0);
  });
});
