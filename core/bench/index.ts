export { mainThreadCpuSeconds, processCpuSeconds } from "./cpu";
export { logBenchmarks } from "./log-bench";
export { qaBenchmarks } from "./qa-bench";
export { routingBenchmarks } from "./routing-bench";
export { type BenchProgress, type BenchRow, row } from "./row";
