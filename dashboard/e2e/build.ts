import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// `next build` once per change: skipped when .next/BUILD_ID is newer than every source file.

export const dashboardDir = fileURLToPath(new URL("..", import.meta.url));
export const nextBin = createRequire(join(dashboardDir, "package.json")).resolve("next/dist/bin/next");

const sources = ["app", "src", "next.config.ts", "package.json", "tsconfig.json", "tsconfig.app.json"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function buildIsCurrent(): boolean {
  const id = join(dashboardDir, ".next", "BUILD_ID");
  if (!existsSync(id)) return false;
  const built = statSync(id).mtimeMs;
  return sources.every((s) => newestMtime(join(dashboardDir, s)) < built);
}

export function ensureBuilt(): void {
  if (buildIsCurrent()) return;
  const run = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: dashboardDir,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (run.status !== 0)
    throw new Error(
      `next build failed (exit ${run.status}):\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`,
    );
}
