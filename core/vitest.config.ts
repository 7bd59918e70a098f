import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// Unit and in-process contract tests. The Kafka half of the contract suite needs a broker and runs
// from vitest.kafka.config.ts (npm run test:kafka), started by .ci/run; it is never skipped here.
export default defineConfig({
  test: {
    reporters: reporters("core"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/kafka/**"],
    pool: "forks",
    testTimeout: 30_000,
  },
});
