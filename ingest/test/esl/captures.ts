import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is ingest/test/esl/captures.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The real FreeSWITCH captures live outside the repository (shared/freeswitch-captures beside the
 * clone); STARBOARD_CAPTURES_DIR overrides, relative to the repository root. Missing is a failure,
 * never a skip: the conformance suite is the point.
 */
export function capturesDir(): string {
  const dir = resolve(repoRoot, process.env.STARBOARD_CAPTURES_DIR ?? "../shared/freeswitch-captures");
  if (!existsSync(join(dir, "README.md"))) {
    throw new Error(`FreeSWITCH captures not found at ${dir}: set STARBOARD_CAPTURES_DIR`);
  }
  return dir;
}

export function readCapture(name: string): Buffer {
  return readFileSync(join(capturesDir(), name));
}

export function captureNames(): string[] {
  return readdirSync(capturesDir())
    .filter((n) => n.endsWith(".txt"))
    .sort();
}

/** The davec82 TCP segments, in order, as they arrived. */
export function davecSegments(): Buffer[] {
  return [1, 2, 3, 4, 5, 6, 7].map((i) =>
    readCapture(`davec82_cmdreply+CHANNEL_EXECUTE_COMPLETE.tcp-segment${i}.txt`),
  );
}
