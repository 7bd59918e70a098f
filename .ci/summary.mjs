// Adds up the vitest JSON reports of one CI run into the closing line CI reads: "N passed, N failed".
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (dir === undefined) throw new Error("usage: node .ci/summary.mjs <report-dir>");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const suiteFailures = report.numFailedTestSuites ?? 0;
  console.log(
    `${file.replace(/\.json$/, "").padEnd(16)} ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped${suiteFailures > 0 ? `, ${suiteFailures} files failed to run` : ""}`,
  );
  passed += report.numPassedTests;
  failed += report.numFailedTests + suiteFailures;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0 || skipped > 0) process.exit(1);
