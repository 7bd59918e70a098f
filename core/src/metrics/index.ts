// Metric math: the one definition of every figure Starboard shows. The SQL reports and the live
// wallboard compute from these functions (or mirror them line for line) so that they agree.

export {
  addCounts,
  type CountingRules,
  countContact,
  DEFAULT_SHORT_ABANDON_SECONDS,
  DEFAULT_TARGET_SERVICE_LEVEL,
  DEFAULT_THRESHOLD_SECONDS,
  emptyCounts,
  foldCounts,
  type QueueCounts,
  type QueuedContact,
} from "./counts";
export {
  addCsatTallies,
  type CsatSummary,
  type CsatTally,
  csat,
  csatSummary,
  csatTally,
  SATISFIED_SCORE,
} from "./csat";
export {
  erlangAsa,
  erlangB,
  erlangC,
  erlangOccupancy,
  erlangServiceLevel,
  type OfferedLoad,
  type QueueModel,
  type Staffing,
  staffingAt,
  trafficErlangs,
} from "./erlang-c";
export { type EwtAccuracy, type EwtInput, estimatedWaitSeconds, ewtAccuracy, ewtError } from "./ewt";
export { firstResponseSeconds, type TimedMessage } from "./first-response";
export { countsByInterval, intervalStart } from "./intervals";
export { type AgentTime, abandonRate, aht, asa, occupancy, resolutionRate } from "./kpis";
export { ratio } from "./ratio";
export { ExponentialMean, RollingMean } from "./rolling-mean";
export {
  amazonConnectServiceLevel,
  asteriskServiceLevel,
  asteriskServiceLevel2,
  defaultServiceLevel,
  type GenesysServiceLevelOptions,
  genesysServiceLevel,
  type ServiceLevelVariant,
  type ServiceLevelVariantName,
  serviceLevel,
  serviceLevelVariants,
} from "./service-level";
export { agentsNeeded, type StaffingRequest } from "./staffing";
export { mean, median } from "./stats";
export {
  type TicketSlaInput,
  type TicketSlaState,
  type TicketSlaStatus,
  ticketDueAt,
  ticketSlaStatus,
} from "./ticket-sla";
