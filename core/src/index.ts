export * from "./customers/index";
export * from "./events/index";
export * from "./ids/index";
export * from "./live/index";
export * from "./log/index";
export * from "./metrics/index";
// Operations: metrics, structured logs, readiness and the ops HTTP server (core/src/ops/README.md).
export * from "./ops/index";
export * from "./qa/index";
export * from "./routing/index";
export * from "./services/index";
