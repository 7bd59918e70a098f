import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The repository root holds the one lockfile and the hoisted node_modules of every workspace.
const root = fileURLToPath(new URL("..", import.meta.url));

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default config;
