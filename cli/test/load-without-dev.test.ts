import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// Every command shares main.ts's imports. The fuzz benchmark's generators (fast-check, a dev
// dependency, and the test suites' properties) were among them: ~85 MB kept alive and ~1 s of
// evaluation in every process, `starboard start` included, and no command would load in an install
// without dev dependencies. Here the test-only packages cannot be resolved at all.

const run = promisify(execFile);
const bin = join(import.meta.dirname, "..", "bin", "starboard.js");
const dir = mkdtempSync(join(tmpdir(), "starboard-no-dev-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hooks = join(dir, "refuse-dev.mjs");
writeFileSync(
  hooks,
  `const refused = ["fast-check", "vitest"];
export async function resolve(specifier, context, next) {
  if (refused.some((name) => specifier === name || specifier.startsWith(name + "/")))
    throw new Error("test-only package " + specifier + " imported by " + context.parentURL);
  return next(specifier, context);
}
`,
);
const register = join(dir, "register.mjs");
writeFileSync(
  register,
  `import { register } from "node:module";\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
);

/** The CLI in a child process whose module resolution refuses the test-only packages. */
function starboard(...args: string[]) {
  return run(process.execPath, ["--import", register, bin, ...args], { timeout: 60_000 });
}

describe("the command line without dev dependencies", () => {
  it("refuses a test-only package (the hook works)", async () => {
    const probe = join(dir, "probe.mjs");
    writeFileSync(probe, 'await import("fast-check");\n');
    await expect(run(process.execPath, ["--import", register, probe])).rejects.toThrow(
      /test-only package fast-check imported by/,
    );
  });

  it.each([["--help"], ["start", "--help"], ["bench", "--help"]])(
    "starboard %s loads and answers",
    async (...argv) => {
      const { stdout } = await starboard(...argv);
      expect(stdout).toContain("starboard");
    },
  );
});
