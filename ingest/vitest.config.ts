import { defineConfig } from "vitest/config";

// In CI (.ci/run sets STARBOARD_TEST_REPORT_DIR) also write a JSON report for the summary line.
const reportDir = process.env.STARBOARD_TEST_REPORT_DIR;

export default defineConfig({
  test: {
    reporters:
      reportDir === undefined || reportDir === ""
        ? ["default"]
        : ["default", ["json", { outputFile: `${reportDir}/ingest.json` }]],
    // forks, not threads: suites here open the SQLite-backed event log and real TCP servers.
    pool: "forks",
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
