import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  InProcessEventLog,
  publishEvents,
  type Role,
  type RoutingConfig,
  type StarboardEvent,
  standardTopics,
} from "@starboard/core";
import { type ApiServer, startApiServer } from "@starboard/graphql";
import { EslAdapter, EslCommandExecutor, EslEmulator } from "@starboard/ingest";
import { createWarehouseClient, migrate, startSink, type Warehouse } from "@starboard/sql";
import { dashboardDir, ensureBuilt, nextBin } from "./build";

// Everything a dashboard user reaches, in one process: the in-process event log, the chdb warehouse
// fed by the real sink, the GraphQL API, the FreeSWITCH event-socket emulator with the ESL adapter
// and command executor on the same log — and `next start` of the built app pointed at that API.

export const keys: Record<Role, string> = {
  supervisor: "e2e-supervisor-key-0123456789",
  exec: "e2e-exec-key-0123456789abcdef",
  qa: "e2e-qa-key-0123456789abcdef00",
  bi: "e2e-bi-key-0123456789abcdef00",
  admin: "e2e-admin-key-0123456789abcd",
};

export const routing: RoutingConfig = {
  queues: [
    {
      id: "support",
      defaultSkills: [{ skill: "support", minLevel: 1 }],
      thresholdSeconds: 20,
      targetServiceLevel: 0.8,
    },
    {
      id: "billing",
      defaultSkills: [{ skill: "billing", minLevel: 1 }],
      thresholdSeconds: 30,
      targetServiceLevel: 0.8,
    },
  ],
};

export interface E2eStack {
  log: InProcessEventLog;
  warehouse: Warehouse;
  api: ApiServer;
  apiUrl: string;
  emulator: EslEmulator;
  dashboardUrl: string;
  publish(events: StarboardEvent[]): Promise<void>;
  /** Waits until the sink has written everything published so far. */
  flushed(): Promise<void>;
  /** Closes the API server (clients see it go away). */
  stopApi(): Promise<void>;
  /** Starts the API again on the same port. */
  startApi(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `next start` on a free port; resolves when it answers HTTP. */
export async function startNext(
  apiUrl: string,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: dashboardDir,
      env: {
        ...process.env,
        STARBOARD_GRAPHQL_URL: apiUrl,
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}: ${output.join("")}`);
      try {
        return (await fetch(url)).ok;
      } catch {
        return false;
      }
    },
    60_000,
    `next start on ${url}`,
  );
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function startE2eStack(): Promise<E2eStack> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "starboard-dashboard-"));
  const log = new InProcessEventLog({ dataDir: join(dir, "log"), pollIntervalMs: 10 });
  await log.ensureTopics(standardTopics(4));
  const warehouse = await createWarehouseClient({ dataDir: dir });
  await migrate(warehouse);
  const sink = await startSink({ log, warehouse, maxDelayMs: 50 });
  const apiOptions = {
    log,
    warehouse,
    routing,
    apiKeys: Object.entries(keys).map(([role, key]) => ({ key, role: role as Role })),
    tickMs: 100,
    commandTimeoutMs: 5_000,
    // A minute's wait raises a long-wait alert, so the alerts feed has something to acknowledge.
    alertThresholds: { longWaitSeconds: 60 },
  };
  let api = await startApiServer({ ...apiOptions, port: 0 });
  const apiPort = api.port;
  const emulator = new EslEmulator({ password: "ClueCon" });
  const eslPort = await emulator.listen(0);
  const adapter = new EslAdapter({
    host: "127.0.0.1",
    port: eslPort,
    password: "ClueCon",
    log,
    mapper: { source: "esl:e2e" },
  });
  const executor = new EslCommandExecutor({ log, fs: adapter, source: "esl:e2e" });
  await adapter.start();
  await executor.start();
  const next = await startNext(api.url);
  let published = 0;
  let apiRunning = true;
  return {
    log,
    warehouse,
    get api() {
      return api;
    },
    apiUrl: api.url,
    emulator,
    dashboardUrl: next.url,
    publish: async (events) => {
      await publishEvents(log, events);
      published += events.length;
    },
    flushed: () =>
      waitUntil(
        () => sink.stats.written + sink.stats.duplicates >= published,
        30_000,
        "the sink to catch up",
      ),
    stopApi: async () => {
      await api.close();
      apiRunning = false;
    },
    startApi: async () => {
      api = await startApiServer({ ...apiOptions, port: apiPort });
      apiRunning = true;
    },
    close: async () => {
      await next.stop();
      await executor.stop();
      await adapter.stop();
      await emulator.close();
      if (apiRunning) await api.close();
      await sink.stop();
      await log.close();
      // chdb stays open in this process and its background work may still add a file while the
      // directory goes (ENOTEMPTY failed a run): rmSync retries that.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
