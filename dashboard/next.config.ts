import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The repository root holds the one lockfile and the hoisted node_modules of every workspace.
const root = fileURLToPath(new URL("..", import.meta.url));

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  // The app's own sources only: the e2e harness and the bench (type-checked by tsconfig.json) import
  // other workspaces' sources, which are no part of what the browser gets.
  typescript: { tsconfigPath: "tsconfig.app.json" },
};

export default config;
