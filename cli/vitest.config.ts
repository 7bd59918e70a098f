import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// graphql ships CommonJS (main) and ESM (module) builds without an exports map: Node, and so Apollo,
// loads the CommonJS one, while Vite would pick the ESM one for @starboard/graphql's sources. Two
// copies refuse each other's schemas, so tests resolve it the way Node does (as graphql/ does).
const graphqlEntry = createRequire(new URL("../graphql/package.json", import.meta.url)).resolve("graphql");

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    reporters: reporters("cli"),
    include: ["test/**/*.test.ts"],
    // Need a broker: `npm run test:kafka` (vitest.kafka.config.ts), `npm run test:faults` (vitest.faults.config.ts).
    exclude: ["test/kafka/**", "test/faults/**", "**/node_modules/**"],
    // chdb loads only in main threads; suites that start the platform each open one warehouse.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
