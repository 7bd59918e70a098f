// The load generator's worker entry: hooks registered on the main thread (tsx) do not reach worker
// threads on Node 20, so the worker registers tsx itself before it loads the TypeScript module.
import { register } from "tsx/esm/api";

register();
await import("./load-worker.ts");
