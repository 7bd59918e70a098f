export * from "./events/index";
export * from "./log/index";
