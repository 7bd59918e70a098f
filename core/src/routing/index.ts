// The routing engine: skills-and-priority ACD, deterministic and replayable.

export type { Activity, AgentStatus, HeldContact, RoutedAgent } from "./agent";
export { availableFor, statusOf } from "./agent";
export { type Anomaly, type AnomalyKind, anomalyKinds } from "./anomalies";
export type {
  BusinessHours,
  HandoffRule,
  OverflowRule,
  QueueConfig,
  QueueStrategy,
  RelaxRule,
  ResolvedQueue,
  RoutingConfig,
} from "./config";
export { DEFAULT_HANDOFF, DEFAULT_TIERS, isOpen } from "./config";
export type { ContactPhase, RoutedContact } from "./contact";
export { priorityAt } from "./contact";
export type { RouterOutput } from "./emit";
export { RoutingEngine } from "./engine";
export {
  type WaitExplanation,
  type WaitReason,
  type WaitReasonCode,
  waitReasonCodes,
  waitReasonOf,
} from "./explain";
export {
  exponential,
  mulberry32,
  type SimulationOptions,
  type SimulationResult,
  simulateQueue,
} from "./simulation";
