import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// `npm run test:faults`: the fault suite, on a private Apache Kafka broker it starts, stops and
// wipes itself (infra/kafka/kafka.sh on port 19092); never part of `npm test`.
const graphqlEntry = createRequire(new URL("../graphql/package.json", import.meta.url)).resolve("graphql");

export default defineConfig({
  resolve: { alias: { graphql: graphqlEntry } },
  test: {
    reporters: reporters("cli-faults"),
    include: ["test/faults/**/*.test.ts"],
    pool: "forks",
    // One broker for the whole suite: files run one after another.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
