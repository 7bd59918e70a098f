import { rmSync } from "node:fs";
import { createChdbConnection } from "chdb/connection";
const path = "/tmp/zz-rocks";
rmSync(path, { recursive: true, force: true });
const mode = process.argv[2] ?? "plain";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
if (mode === "config") { const { Session } = require("chdb"); (globalThis as any).keepSession = new Session(path, { connectionArgs: ["--config-file=/tmp/rocks.xml"] }); }
const conn = createChdbConnection({ path });
import { createClient } from "@clickhouse/client";
const client = createClient({ connection: conn as never });
const chdb = conn.chdb as unknown as { rawInsert(o: object): Promise<void> };
async function sql(s: string): Promise<string> { const r = await client.query({ query: s, format: "TabSeparated" }); return await r.text(); }
const q = 0;
await client.command({query:"CREATE DATABASE IF NOT EXISTS z"});
await client.command({query:`CREATE TABLE z.st (key String, tenant LowCardinality(String), contact_id String, channel LowCardinality(String), first_customer_message_at Nullable(DateTime64(3,'UTC')), agent_message_times Array(DateTime64(3,'UTC'))) ENGINE = EmbeddedRocksDB PRIMARY KEY key SETTINGS optimize_for_bulk_insert = 0`});
const rss = () => Math.round(process.memoryUsage().rss / 1e6);
const tracked = async () => Math.round(Number((await sql("SELECT value FROM system.metrics WHERE metric = 'MemoryTracking'")).trim()) / 1e6);
let bytes = 0;
const t0 = Date.now();
for (let i = 0; i < 3000; i++) {
  const rows: string[] = [];
  for (let r = 0; r < 300; r++) {
    const id = `c-${(i * 300 + r) % 200000}-${"x".repeat(20)}`;
    rows.push(JSON.stringify([`default\u0000${id}`, "default", id, "web_chat", "2026-11-30 10:00:00.000", ["2026-11-30 10:00:05.000", "2026-11-30 10:00:09.000"]]));
  }
  const body = Buffer.from(rows.join("\n"));
  bytes += body.length;
  await chdb.rawInsert({ table: "z.st", columns: ["key","tenant","contact_id","channel","first_customer_message_at","agent_message_times"], format: "JSONCompactEachRow", values: body });
  if (mode === "optimize" && i % 200 === 199) await client.command({query:"OPTIMIZE TABLE z.st"});
  if (i % 500 === 0) console.log(i, `written ${Math.round(bytes / 1e6)} MB`, `rss ${rss()}`, `tracked ${await tracked()}`, `${Date.now() - t0} ms`);
}
console.log("end", `rss ${rss()}`, `tracked ${await tracked()}`);
void q;
