import { mkdtempSync, rmSync } from "node:fs";
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
import { createWarehouseClient, migrate, startSink, type Warehouse } from "@starboard/sql";
import { type Client, createClient } from "graphql-ws";
import { afterAll } from "vitest";
import WebSocket from "ws";
import { type ApiServer, type ApiServerOptions, startApiServer } from "../src/index";

export const keys: Record<Role, string> = {
  supervisor: "sup-key-0123456789abcdef",
  exec: "exec-key-0123456789abcdef",
  qa: "qa-key-0123456789abcdef00",
  bi: "bi-key-0123456789abcdef00",
  admin: "admin-key-0123456789abcdef",
};

export const routing: RoutingConfig = {
  queues: [
    {
      id: "support",
      defaultSkills: [{ skill: "support", minLevel: 1 }],
      thresholdSeconds: 20,
      targetServiceLevel: 0.8,
    },
    { id: "billing", defaultSkills: [{ skill: "billing", minLevel: 1 }] },
  ],
};

export interface Stack {
  dir: string;
  log: InProcessEventLog;
  warehouse: Warehouse;
  api: ApiServer;
  publish(events: StarboardEvent[]): Promise<void>;
  gql(
    role: Role | string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse>;
  ws(role: Role | string | undefined): Client;
  /** Waits until the sink has written everything published so far. */
  flushed(): Promise<void>;
  close(): Promise<void>;
}

export interface GqlResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

let warehouseOpened: Warehouse | undefined;

/**
 * The warehouse every stack of this process shares, in its own directory: chdb opens one data
 * directory per process, and each test file runs in its own process. Removed after the file's last
 * test (an exit handler does not run: the pool ends its processes with a signal).
 */
async function sharedWarehouse(): Promise<Warehouse> {
  if (warehouseOpened === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "starboard-graphql-warehouse-"));
    warehouseDir = dir;
    warehouseOpened = await createWarehouseClient({ dataDir: dir });
  }
  return warehouseOpened;
}
let warehouseDir: string | undefined;
// Registered when a test file imports this module: its root suite's last after-hook.
afterAll(() => {
  // chdb's background work may still add a file while the directory goes: rmSync retries ENOTEMPTY.
  if (warehouseDir !== undefined)
    rmSync(warehouseDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

/** A log, the warehouse (migrated, fed by the real sink) and the API on a free port. */
export async function startStack(options: Partial<ApiServerOptions> = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "starboard-graphql-"));
  const log = new InProcessEventLog({ dataDir: join(dir, "log"), pollIntervalMs: 10 });
  await log.ensureTopics(standardTopics(4));
  const warehouse = await sharedWarehouse();
  await migrate(warehouse);
  const sink = await startSink({ log, warehouse, maxDelayMs: 50 });
  const api = await startApiServer({
    log,
    warehouse,
    routing,
    apiKeys: Object.entries(keys).map(([role, key]) => ({ key, role: role as Role })),
    port: 0,
    tickMs: 50,
    commandTimeoutMs: 5_000,
    ...options,
  });
  const clients: Client[] = [];
  let published = 0;
  const stack: Stack = {
    dir,
    log,
    warehouse,
    api,
    publish: async (events) => {
      await publishEvents(log, events);
      published += events.length;
    },
    gql: async (role, query, variables) => {
      const key = role === undefined ? undefined : (keys[role as Role] ?? role);
      const res = await fetch(api.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GqlResponse["body"] };
    },
    ws: (role) => {
      const key = role === undefined ? undefined : (keys[role as Role] ?? role);
      const client = createClient({
        url: api.wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: key === undefined ? {} : { authorization: `Bearer ${key}` },
      });
      clients.push(client);
      return client;
    },
    flushed: async () => {
      const deadline = Date.now() + 20_000;
      while (sink.stats.written + sink.stats.duplicates < published && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
    },
    close: async () => {
      for (const c of clients) await c.dispose();
      await api.close();
      await sink.stop();
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Polls until `check` returns a value that is not undefined (or fails after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Collects a subscription's messages. */
export function collect(client: Client, query: string) {
  const messages: {
    data?: Record<string, unknown> | null;
    errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  }[] = [];
  let error: unknown;
  let completed = false;
  const dispose = client.subscribe(
    { query },
    {
      next: (m) => messages.push(m as (typeof messages)[number]),
      error: (e) => {
        error = e;
      },
      complete: () => {
        completed = true;
      },
    },
  );
  return { messages, dispose, error: () => error, completed: () => completed };
}

/** The response's data, or a failure that shows the errors (a missing `data` is a test failure, not a crash later). */
export function dataOf(
  r: { data?: Record<string, unknown> | null; errors?: readonly unknown[] } | undefined,
): Record<string, unknown> {
  if (r?.data === undefined || r.data === null) throw new Error(`no data: ${JSON.stringify(r?.errors ?? r)}`);
  return r.data;
}
