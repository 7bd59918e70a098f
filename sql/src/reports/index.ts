export { type AgentScorecard, agentPerformance } from "./agents";
export { type AuditRow, supervisorAudit } from "./audit";
export {
  type ChannelEffectiveness,
  type ChannelMeasures,
  type ChannelRank,
  channelEffectiveness,
  rankChannels,
  type ServiceMeasure,
} from "./channel-effectiveness";
export { type ChannelReport, channelComparison, chatFirstResponse } from "./channels";
export {
  type CustomerContact,
  type CustomerHistory,
  type CustomerTicket,
  customerHistory,
} from "./customers";
export { type DemandTerm, demand } from "./demand";
export {
  type DemandShare,
  type DemandShareDay,
  type DemandShareTerm,
  type DemandTermKind,
  demandShare,
  slope,
} from "./demand-share";
export { type SavedDemandTaxonomy, savedDemandTaxonomy } from "./demand-taxonomy";
export { queriesDir, type TimeRange, timeParam } from "./named-query";
export { type QaFlagRow, type QaFlagTarget, qaFlagById, qaFlags } from "./qa";
export { type QaRulePrecision, qaRulePrecision, worstFirst } from "./qa-precision";
export {
  type QaCategoryHits,
  type QaScorecard,
  type QaScorecardDay,
  qaScorecards,
  type ScorecardGrouping,
} from "./qa-scorecards";
export {
  type HandoffReason,
  type SelfServiceDay,
  type SelfServiceKind,
  type SelfServiceReport,
  type SelfServiceTotals,
  selfServiceReport,
} from "./self-service";
export {
  deriveServiceLevel,
  type GenesysSwitches,
  genesysServiceLevel,
  type QueueIntervalCounts,
  type QueueIntervalReport,
  type ServiceLevelQuery,
  type ServiceLevelVariants,
  serviceLevelByInterval,
  totalServiceLevel,
} from "./service-level";
export {
  type SkillLevel,
  type StaffedInterval,
  type StaffedQuery,
  type StaffedSlice,
  servesQueue,
  staffedIntervalSeconds,
  staffedIntervals,
  staffedSlices,
} from "./staffed";
export { type TicketProgress, type TicketStep, ticketProgress } from "./ticket-progress";
export {
  type DepartmentDaySla,
  type DepartmentSla,
  ticketSlaByDepartment,
  ticketSlaByDepartmentDay,
} from "./tickets";
