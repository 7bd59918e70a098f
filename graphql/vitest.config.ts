import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// Suites here open the warehouse (chdb: main threads only, one data directory per process), the
// in-process log and real servers: forked files, one at a time.
// graphql ships CommonJS (main) and ESM (module) builds without an exports map: Node, and so Apollo,
// loads the CommonJS one, while Vite would pick the ESM one for our sources. Two copies refuse each
// other's schemas, so tests resolve it the way Node does.
const graphqlEntry = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    reporters: reporters("graphql"),
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ["test/**/*.test.ts"],
  },
});
