// `starboard start` as a real child process (node cli/bin/starboard.js start), for kill -9 tests.

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/starboard.js", import.meta.url));

export interface Child {
  process: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * Starts it and resolves once it printed that it is running (or rejects with what it printed).
 * The parent's Kafka, ClickHouse, ESL and config settings are not passed on unless `env` sets them.
 */
export async function startChild(
  dataDir: string,
  args: string[],
  timeoutMs = 45_000,
  env: NodeJS.ProcessEnv = {},
): Promise<Child> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, STARBOARD_DATA_DIR: dataDir };
  for (const name of [
    "STARBOARD_KAFKA_BROKERS",
    "STARBOARD_CLICKHOUSE_URL",
    "STARBOARD_ESL_HOST",
    "STARBOARD_CONFIG",
  ])
    delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [bin, "start", ...args], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not running after ${timeoutMs} ms:\n${output.join("")}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString("utf8"));
      if (output.join("").includes("starboard is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before running:\n${output.join("")}`));
    });
  });
  return { process: child, output, exited };
}
