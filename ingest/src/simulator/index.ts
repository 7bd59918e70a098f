// The contact-center traffic simulator: a seeded model of a day (profile, arrivals, patience,
// CSAT, bilingual text, tickets) played live over the real ingest paths, or back-filled as events.

export { arrivalsBetween, arrivalsPerHour } from "./arrival";
export { SimClock } from "./clock";
export type { Customer, CustomerTier } from "./customers";
export { generateHistory, type HistoryOptions } from "./history";
export type { Language, TopicId } from "./phrases";
export { type ContactPlan, planContact } from "./plan";
export {
  defaultProfile,
  queueFor,
  routingConfigFor,
  type SimAgent,
  type SimChannel,
  type SimQueue,
  type SimulatorProfile,
} from "./profile";
export { Rng } from "./rng";
export { type Simulator, type SimulatorOptions, startSimulator } from "./simulator";
export type { SimulatorStats } from "./world";
