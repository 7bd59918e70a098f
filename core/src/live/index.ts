// Live state: what the supervisor wallboard shows, as plain-data snapshots.

export { type ActiveAlert, AlertBook } from "./alerts";
export { LiveState } from "./live-state";
export type {
  AgentView,
  AlertView,
  LiveContactView,
  LiveSnapshot,
  QueueView,
  WaitingContactView,
} from "./snapshot";
export { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS } from "./thresholds";
