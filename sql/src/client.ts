import { mkdirSync, rmSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { type ClickHouseClient, createClient } from "@clickhouse/client";
import type { Session } from "chdb";
import { createChdbConnection } from "chdb/connection";
import { startConfiguredEngine } from "./engine-config";

export interface WarehouseOptions {
  /** STARBOARD_CLICKHOUSE_URL: a ClickHouse server over HTTP. Absent: chdb in-process. */
  url?: string;
  /** STARBOARD_DATA_DIR: the embedded warehouse lives in `<dataDir>/warehouse`. */
  dataDir: string;
  /** Default "starboard"; tests use one database per test file. */
  database?: string;
}

type ClientConnection = NonNullable<Parameters<typeof createClient>[0]>["connection"];

export type QueryParams = Record<string, unknown>;

/** One warehouse, the same surface over chdb and over a server. */
export interface Warehouse {
  readonly kind: "chdb" | "server";
  readonly database: string;
  readonly client: ClickHouseClient;
  /** Rows in one of the insert formats, the bytes handed over as they are on both paths (measured in src/sink/README.md). */
  insertRows(insert: RowsInsert): Promise<void>;
  query<T>(sql: string, params?: QueryParams): Promise<T[]>;
  command(sql: string, params?: QueryParams): Promise<void>;
  close(): Promise<void>;
}

/**
 * Formats both paths take as they are: JSON lines (arrays or objects), and Native, ClickHouse's own
 * columnar blocks (the sink's usual body and the benchmark's raw reference, src/sink/README.md
 * "The insert path").
 */
export type InsertFormat = "JSONCompactEachRow" | "JSONEachRow" | "Native";

export interface RowsInsert {
  table: string;
  columns: readonly string[];
  /** One row per line, a JSON array (JSONCompactEachRow, the default) or an object (JSONEachRow); or Native blocks. */
  body: string | Buffer;
  format?: InsertFormat;
  /** Per-insert settings, sent in the statement's SETTINGS clause (never session-wide). */
  settings?: Record<string, string | number>;
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The client factory: a server when a URL is given (or STARBOARD_CLICKHOUSE_URL is set), chdb otherwise. */
export async function createWarehouseClient(options: WarehouseOptions): Promise<Warehouse> {
  const database = options.database ?? "starboard";
  if (!identifier.test(database)) throw new Error(`invalid warehouse database name: ${database}`);
  const url = options.url ?? process.env.STARBOARD_CLICKHOUSE_URL;
  if (url !== undefined && url !== "") return openServer(url, database);
  return openChdb(join(resolve(options.dataDir), "warehouse"), database);
}

function settingsClause(settings: Record<string, string | number> | undefined): string {
  const entries = Object.entries(settings ?? {});
  if (entries.length === 0) return "";
  const parts = entries.map(([key, value]) => {
    if (!identifier.test(key)) throw new Error(`invalid setting name: ${key}`);
    return typeof value === "number" ? `${key} = ${value}` : `${key} = '${value.replace(/[\\']/g, "\\$&")}'`;
  });
  return ` SETTINGS ${parts.join(", ")}`;
}

/** `INSERT INTO t (columns) [FROM INFILE 'file'] SETTINGS ... FORMAT f`; the rows follow it or are in the file. */
function insertStatement(insert: RowsInsert, file?: string): string {
  for (const name of [insert.table, ...insert.columns]) {
    if (!identifier.test(name)) throw new Error(`invalid identifier in insert: ${name}`);
  }
  const from = file === undefined ? "" : ` FROM INFILE '${file.replace(/[\\']/g, "\\$&")}'`;
  return `INSERT INTO ${insert.table} (${insert.columns.join(", ")})${from}${settingsClause(insert.settings)} FORMAT ${insert.format ?? "JSONCompactEachRow"}`;
}

async function openServer(url: string, database: string): Promise<Warehouse> {
  const bootstrap = createClient({ url });
  await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  await bootstrap.close();
  const client = createClient({ url, database });
  return {
    kind: "server",
    database,
    client,
    async insertRows(insert) {
      if (insert.body.length === 0) return;
      const result = await client.exec({
        query: insertStatement(insert),
        values: Readable.from([insert.body]),
      });
      result.stream.resume();
    },
    query: (sql, params) => runQuery(client, sql, params),
    async command(sql, params) {
      await client.command({ query: sql, ...(params === undefined ? {} : { query_params: params }) });
    },
    close: () => client.close(),
  };
}

interface OpenChdb {
  path: string;
  database: string;
  /** Holds the engine with Starboard's configuration (engine-config.ts); closed after the client. */
  engine: Session;
  client: ClickHouseClient;
  users: number;
  /** Where each insert's rows wait as a file while the engine reads them; emptied when it opens. */
  insertDir: string;
  /** Names those files. */
  inserts: number;
}

// chdb holds one data directory per process (a second path throws deep in the engine), and `USE` is
// session-wide: one engine, one path, one database per process, shared by every caller.
let open: OpenChdb | undefined;

async function openChdb(path: string, database: string): Promise<Warehouse> {
  if (open !== undefined && (open.path !== path || open.database !== database)) {
    throw new Error(
      `chdb is already open at ${open.path} (database ${open.database}); a process can hold one embedded ` +
        `warehouse, asked for ${path} (database ${database}). Use separate processes or one data directory.`,
    );
  }
  if (open === undefined) {
    mkdirSync(path, { recursive: true });
    // Files of inserts a killed process left: their rows come again from the log or a pending write.
    const insertDir = join(path, "starboard-inserts");
    rmSync(insertDir, { recursive: true, force: true });
    mkdirSync(insertDir);
    const engine = startConfiguredEngine(path);
    let client: ClickHouseClient | undefined;
    try {
      const connection = createChdbConnection({ path });
      // chdb types its connection against its own copy of @clickhouse/client-common; the shapes are the same.
      client = createClient({ connection: connection as unknown as ClientConnection });
      await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
      await client.command({ query: `USE ${database}` });
      open = { path, database, engine, client, users: 0, insertDir, inserts: 0 };
    } catch (error) {
      await client?.close();
      engine.close();
      throw error;
    }
  }
  const state = open;
  state.users++;
  let closed = false;
  return {
    kind: "chdb",
    database,
    client: state.client,
    async insertRows(insert) {
      if (insert.body.length === 0) return;
      // Through a file, not chdb's raw insert of the Buffer: the same statement and bytes, read by
      // the engine's file input, which parses in parallel and cost about half the CPU per row. The
      // sink's 100,000-event writes of the bench day (JSON objects) went in 1.4-1.8x faster
      // (sql/bench/insert-formats.ts; src/sink/README.md, "The insert path"). A server gets the
      // bytes in the HTTP body instead (openServer).
      const file = join(state.insertDir, `${++state.inserts}.${insert.format ?? "JSONCompactEachRow"}`);
      await writeFile(file, insert.body);
      try {
        await state.client.command({ query: insertStatement(insert, file) });
      } finally {
        await rm(file, { force: true });
      }
    },
    query: (sql, params) => runQuery(state.client, sql, params),
    async command(sql, params) {
      await state.client.command({ query: sql, ...(params === undefined ? {} : { query_params: params }) });
    },
    async close() {
      if (closed) return;
      closed = true;
      state.users--;
      if (state.users === 0 && open === state) {
        open = undefined;
        await state.client.close();
        state.engine.close();
      }
    },
  };
}

async function runQuery<T>(
  client: ClickHouseClient,
  sql: string,
  params: QueryParams | undefined,
): Promise<T[]> {
  const result = await client.query({
    query: sql,
    format: "JSONEachRow",
    ...(params === undefined ? {} : { query_params: params }),
  });
  return result.json<T>();
}
