import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// `npm run test:kafka -w starboard`: `starboard start` against the real broker (never in `npm test`).
const graphqlEntry = createRequire(new URL("../graphql/package.json", import.meta.url)).resolve("graphql");

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    reporters: reporters("cli-kafka"),
    include: ["test/kafka/**/*.test.ts"],
    pool: "forks",
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
