import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

export default defineConfig({
  test: {
    reporters: reporters("ingest"),
    // forks, not threads: suites here open the SQLite-backed event log and real TCP servers.
    pool: "forks",
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
