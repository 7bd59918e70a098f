// The report totals of a data directory's warehouse, read by a separate process (see report-totals.ts).

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ReportTotals } from "./report-totals";

const run = promisify(execFile);
const script = fileURLToPath(new URL("./report-totals.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));

export type { ReportTotals };

export async function reportTotals(mode: "read" | "reference", dataDir: string): Promise<ReportTotals> {
  const { stdout } = await run(process.execPath, [tsx, script, mode, dataDir], {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, STARBOARD_KAFKA_BROKERS: "", STARBOARD_CLICKHOUSE_URL: "" },
  });
  const line = stdout.trim().split("\n").at(-1);
  if (line === undefined || line === "") throw new Error(`report-totals ${mode} ${dataDir} printed nothing`);
  return JSON.parse(line) as ReportTotals;
}
