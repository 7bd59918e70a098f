export * from "./events/index";
export * from "./live/index";
export * from "./log/index";
export * from "./metrics/index";
export * from "./qa/index";
export * from "./routing/index";
export * from "./services/index";
