#!/usr/bin/env node
// The packages ship TypeScript sources (internal workspace packages); tsx compiles them on load so
// `npx starboard` works right after `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
