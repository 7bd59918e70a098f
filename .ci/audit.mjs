// `npm audit` for CI: high and critical advisories fail the build unless `.ci/audit-exceptions.json`
// lists them (package, advisory, reason, review date). When the audit endpoint cannot be reached
// (this machine's registry answers 405) it says so loudly and passes, unless
// STARBOARD_AUDIT_REQUIRED=1, where an audit that did not happen fails the build.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { decide, validateExceptions } from "./audit-policy.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const required = process.env.STARBOARD_AUDIT_REQUIRED === "1";

function loadExceptions() {
  const file = join(here, "audit-exceptions.json");
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return { ok: false, error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return validateExceptions(parsed);
}

const exceptions = loadExceptions();
if (!exceptions.ok) {
  console.error(exceptions.error);
  process.exit(1);
}

const run = spawnSync("npm", ["audit", "--json", "--audit-level=high"], {
  cwd: join(here, ".."),
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
  // Without a network npm retries for minutes: an audit that cannot finish is one not performed.
  timeout: 180_000,
});
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  const said = `${run.stderr ?? ""}`.trim().split("\n").at(-1) ?? "";
  report = { message: run.error ? String(run.error) : `no JSON from npm audit (exit ${run.status}) ${said}` };
}

const decision = decide(report, exceptions.exceptions, new Date().toISOString().slice(0, 10));
if (decision.status === "not-performed") {
  const bar = "!".repeat(78);
  console.log(`${bar}\nnpm audit NOT performed: ${decision.reason}\n${bar}`);
  if (required) console.log("STARBOARD_AUDIT_REQUIRED=1: failing the build.");
  process.exit(required ? 1 : 0);
}

const line = (a) => `  ${a.severity.padEnd(8)} ${a.package}  ${a.ghsa ?? a.id}  ${a.title}  ${a.url}`;
for (const e of decision.expired)
  console.log(`exception past its review date ${e.reviewBy}, no longer applied: ${e.package} ${e.advisory}`);
for (const e of decision.unused)
  console.log(`exception matches nothing any more (remove it?): ${e.package} ${e.advisory}`);
if (decision.excepted.length > 0)
  console.log(`accepted by .ci/audit-exceptions.json:\n${decision.excepted.map(line).join("\n")}`);
if (decision.status === "fail") {
  console.log(`npm audit: ${decision.blocking.length} high/critical advisories fail the build:`);
  console.log(decision.blocking.map(line).join("\n"));
  process.exit(1);
}
console.log("npm audit: no high or critical advisories outside the documented exceptions");
