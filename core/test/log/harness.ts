import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { EventLog, LogRecord, SubscribeOptions, Subscription } from "../../src/log/index";

/** What the contract suite needs from an adapter: a log on a backing store that survives reopening. */
export interface LogHarness {
  /** Opens (another) log on the same backing store: same data directory, or same brokers. */
  open(): Promise<EventLog>;
  /** Environment that makes a child process open the same backing store. */
  childEnv(): Record<string, string>;
  cleanup(): Promise<void>;
  /** Kafka group changes take seconds; the in-process log's are immediate. */
  settleMs: number;
}

export const uniqueName = (base: string) => `${base}-${randomUUID().slice(0, 8)}`;

export interface Collector {
  records: LogRecord[];
  batches: number[];
  subscription: Subscription;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export async function collect(
  log: EventLog,
  options: Omit<SubscribeOptions, "handler"> & { onBatch?: (records: readonly LogRecord[]) => void },
): Promise<Collector> {
  const records: LogRecord[] = [];
  const batches: number[] = [];
  const subscription = await log.subscribe({
    ...options,
    handler: async (batch) => {
      options.onBatch?.(batch.records);
      batches.push(batch.records.length);
      records.push(...batch.records);
    },
  });
  return {
    records,
    batches,
    subscription,
    waitFor: (count, timeoutMs = 30_000) =>
      waitUntil(() => records.length >= count, timeoutMs, `${count} records`),
  };
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const childScript = fileURLToPath(new URL("./child.ts", import.meta.url));

/** A log client in its own process, so a test can kill -9 it for real. */
export interface ChildLogClient {
  process: ChildProcess;
  lines: string[];
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  kill(): Promise<void>;
}

export function startChild(env: Record<string, string>, args: string[]): ChildLogClient {
  const child = spawn(process.execPath, ["--import", "tsx", childScript, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
  return {
    process: child,
    lines,
    async waitForLine(predicate, timeoutMs = 60_000) {
      await waitUntil(
        () => lines.some(predicate) || child.exitCode !== null,
        timeoutMs,
        "a line from the child",
      );
      const found = lines.find(predicate);
      if (found === undefined)
        throw new Error(`child exited (${child.exitCode}) before the line: ${lines.join("\n")}`);
      return found;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
