export { consumerLag, trackConsumerLag } from "./lag";
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  logLevelFrom,
  logLevels,
} from "./logger";
export {
  deadLetters,
  enableProcessMetrics,
  eslReconnects,
  eventsIn,
  eventsOut,
  fanOutSeconds,
  opsRegistry,
  routerDecisionSeconds,
  sinkBatchRows,
  sinkWriteSeconds,
} from "./metrics";
export {
  answers,
  type Check,
  type CheckReport,
  type CheckResult,
  consumerCaughtUp,
  Readiness,
  type Report,
  type ServiceChecks,
} from "./readiness";
export { maskPhone, scrubLogObject, scrubText } from "./redact";
export { type OpsServer, type OpsServerOptions, startOpsServer } from "./server";
