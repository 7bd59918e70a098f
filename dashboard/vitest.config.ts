import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// End-to-end suites: each file runs the whole stack (chdb in the main thread, so forks) plus `next
// start` and chromium; one file at a time on a shared 2-core machine, with generous timeouts.
// graphql is resolved the way Node resolves it (its CommonJS build), as in graphql/vitest.config.ts,
// so Apollo and our schema share one copy.
const graphqlEntry = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    reporters: reporters("dashboard"),
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    include: ["test/**/*.test.ts", "e2e/**/*.test.ts"],
  },
});
