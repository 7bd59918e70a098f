import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

// chdb must load in a main thread (it segfaults when a worker thread exits) and allows one data
// directory per process: forked test files, one at a time, each with its own temp directory.
export default defineConfig({
  test: {
    reporters: reporters("sql"),
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ["test/**/*.test.ts"],
  },
});
