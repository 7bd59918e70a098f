// The supervisor app. It is a separate Next.js workspace: run it with `next start` when it has been
// built, `next dev` otherwise; when the workspace has no app yet, say so and carry on without it.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const dashboardDir = fileURLToPath(new URL("../../../dashboard", import.meta.url));

export type DashboardPlan =
  | { kind: "absent"; why: string }
  | { kind: "next"; mode: "start" | "dev"; nextBin: string };

/** What can be run from the dashboard workspace as it is on disk now. */
export function planDashboard(dir = dashboardDir): DashboardPlan {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return { kind: "absent", why: `${dir} does not exist` };
  const scripts: Record<string, string> = JSON.parse(readFileSync(manifest, "utf8")).scripts ?? {};
  if (scripts.dev === undefined && scripts.start === undefined)
    return { kind: "absent", why: "the dashboard workspace has no Next app yet (no dev/start script)" };
  let nextBin: string;
  try {
    nextBin = createRequire(manifest).resolve("next/dist/bin/next");
  } catch {
    return { kind: "absent", why: "next is not installed in the dashboard workspace (run npm install)" };
  }
  const built = existsSync(join(dir, ".next", "BUILD_ID"));
  return { kind: "next", mode: built && scripts.start !== undefined ? "start" : "dev", nextBin };
}

export interface RunningDashboard {
  url: string;
  stop(): Promise<void>;
}

/** Starts Next and resolves once it answers HTTP (or fails with its last output). */
export async function startDashboard(
  plan: Extract<DashboardPlan, { kind: "next" }>,
  options: { host: string; port: number; graphqlUrl: string | undefined; readyTimeoutMs?: number },
): Promise<RunningDashboard> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(options.port) };
  if (options.graphqlUrl !== undefined) {
    env.STARBOARD_GRAPHQL_URL = options.graphqlUrl;
    env.NEXT_PUBLIC_GRAPHQL_URL = options.graphqlUrl;
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [plan.nextBin, plan.mode, "--port", String(options.port), "--hostname", options.host],
    { cwd: dashboardDir, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const tail: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://localhost:${options.port}`;
  const timeoutMs = options.readyTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`next ${plan.mode} not ready after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (/ready|started server|Local:/i.test(line)) resolve();
      }
    };
    child.stdout?.on("data", onLine);
    child.stderr?.on("data", onLine);
    void exited.then((code) =>
      reject(new Error(`next ${plan.mode} exited with ${code}:\n${tail.join("\n")}`)),
    );
  });
  try {
    await ready;
  } catch (error) {
    if (child.exitCode === null) child.kill("SIGTERM");
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
