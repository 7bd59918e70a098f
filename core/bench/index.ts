export { logBenchmarks } from "./log-bench";
export { type BenchProgress, type BenchRow, row } from "./row";
