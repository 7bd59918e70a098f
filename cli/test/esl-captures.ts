import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is cli/test/esl-captures.ts). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The real FreeSWITCH captures beside the clone (STARBOARD_CAPTURES_DIR overrides, relative to the
 * repository root), as ingest's conformance suite finds them. Missing fails, it never skips.
 */
export function capturePath(name: string): string {
  const dir = resolve(repoRoot, process.env.STARBOARD_CAPTURES_DIR ?? "../shared/freeswitch-captures");
  if (!existsSync(join(dir, "README.md"))) {
    throw new Error(`FreeSWITCH captures not found at ${dir}: set STARBOARD_CAPTURES_DIR`);
  }
  return join(dir, name);
}

export const readCapture = (name: string): Buffer => readFileSync(capturePath(name));

export { capture } from "./capture-io";
