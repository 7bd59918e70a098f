export { type ApiBenchOptions, apiBenchmarks } from "./api-bench";
