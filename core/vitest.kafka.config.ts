import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// The Kafka half of the contract suite: needs the broker from infra/kafka (bash infra/kafka/kafka.sh start).
export default defineConfig({
  test: {
    reporters: reporters("core-kafka"),
    include: ["test/kafka/**/*.test.ts"],
    pool: "forks",
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
