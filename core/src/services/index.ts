// Long-running consumers of the event log that hold domain logic (the router).

export {
  type RouterService,
  type RouterServiceOptions,
  type RouterServiceStats,
  startRouterService,
} from "./router-service";
export { tickEvent, tickTime } from "./router-tick";
export { type MergeItem, TimeMerge } from "./time-merge";
