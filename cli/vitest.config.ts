import { defineConfig } from "vitest/config";
import { reporters } from "../vitest.shared";

export default defineConfig({
  test: {
    reporters: reporters("cli"),
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
  },
});
