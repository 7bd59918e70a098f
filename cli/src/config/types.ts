// What `starboard start` runs with: one typed object, built from defaults, then the STARBOARD_CONFIG
// YAML file, then the environment, then flags. The YAML schema (schema.ts) is checked against it.

import type { AlertThresholds, Channel, DemandTaxonomy, Role, RoutingConfig } from "@starboard/core";

export const serviceNames = [
  "esl",
  "chat",
  "tickets",
  "simulator",
  "router",
  "qa",
  "sink",
  "graphql",
  "dashboard",
] as const;
export type ServiceName = (typeof serviceNames)[number];

/** off/on/load as asked; auto: on in a fresh data directory, off otherwise. */
export type SimulatorMode = "off" | "on" | "load" | "auto";

export interface SkillLevel {
  skill: string;
  /** 1..10. */
  level: number;
}

export interface AgentEntry {
  id: string;
  name: string;
  skills: SkillLevel[];
  /** Contacts at once per channel (voice 1, chat several). */
  capacity: Partial<Record<Channel, number>>;
  team?: string;
}

/** The customer directory: caller recognition by phone or another identity (chat handle, email). */
export interface CustomerEntry {
  id: string;
  name?: string;
  phones: string[];
  identities: string[];
  tier: string;
  tags: string[];
}

export interface QaRule {
  id: string;
  category: string;
  /** Any of these words or phrases (case-insensitive) flags a message or transcript segment. */
  keywords: string[];
  severity: "info" | "warning" | "critical";
}

export interface SlaTargets {
  /** Abandons within this many seconds are left out of service level (DESIGN: default 5). */
  shortAbandonSeconds: number;
  /** Default answer threshold and target for queues that name none (20 s, 0.8). */
  thresholdSeconds: number;
  targetServiceLevel: number;
}

/**
 * When the wallboard raises an alert, and where the contact center's day starts (`utcOffsetMinutes`,
 * taken from `businessHours`: the wallboard's "today" figures start again at local midnight). How
 * often the rules run is not a setting: `starboard start` derives it from the simulator's speed.
 */
export type AlertSettings = Omit<AlertThresholds, "evaluateEveryMs">;

export interface Ports {
  /** Where the servers listen (default 127.0.0.1). */
  host: string;
  graphql: number;
  dashboard: number;
  chat: number;
  tickets: number;
  /** /healthz, /readyz and /metrics of this process (default 9464, Prometheus' exporter range; 0 = any free). */
  ops: number;
}

export interface StarboardConfig {
  /** The file the settings came from, for messages; undefined when none was given. */
  configFile: string | undefined;
  dataDir: string;
  kafkaBrokers: string[];
  clickhouseUrl: string | undefined;
  /** An external FreeSWITCH; undefined in embedded mode starts the in-process emulator. */
  esl: { host: string | undefined; port: number; password: string };
  apiKeys: { key: string; role: Role }[];
  tenant: string;
  ports: Ports;
  /** HMAC secret the chat and ticket webhooks are signed with. */
  webhookSecret: string;
  skills: string[];
  agents: AgentEntry[];
  sla: SlaTargets;
  alerts: AlertSettings;
  qaRules: QaRule[];
  /** The demand taxonomy from STARBOARD_CONFIG (checked); undefined runs the built-in bilingual one. */
  demand: DemandTaxonomy | undefined;
  customers: CustomerEntry[];
  /** Queues with their rules and hours, tiers, ring timeout: what the router runs on. */
  routing: RoutingConfig;
  services: ServiceName[];
  /** `agents`: the simulated floor's size (default 30); load runs want hundreds. */
  simulator: { mode: SimulatorMode; speed: number; seed: number; agents?: number };
}
