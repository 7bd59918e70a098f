export type { EslCommand, FsCommandPort, MonitorSession, Outcome } from "./context";
export { type EslCommandCounters, EslCommandExecutor, type EslCommandExecutorOptions } from "./executor";
export { parseReply } from "./fs-reply";
