// The STARBOARD_CONFIG YAML as written by a person: everything optional, friendlier shapes than the
// engine's (hours as "09:00-18:00" per weekday name). resolve.ts turns it into StarboardConfig.

import type { Channel, OverflowRule, QueueStrategy, RelaxRule } from "@starboard/core";
import type { AgentEntry, AlertSettings, QaRule, SlaTargets } from "./types";

export const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof weekdays)[number];

export interface FileHours {
  utcOffsetMinutes?: number;
  /** Per weekday "HH:MM-HH:MM"; a day left out is closed. */
  days: Partial<Record<Weekday, string>>;
  closedQueueId?: string;
}

export interface FileQueue {
  id: string;
  name?: string;
  channels?: Channel[];
  basePriority?: number;
  agingPerSecond?: number;
  defaultSkills?: { skill: string; minLevel: number }[];
  strategy?: Partial<QueueStrategy>;
  thresholdSeconds?: number;
  targetServiceLevel?: number;
  relax?: RelaxRule[];
  overflow?: OverflowRule;
  callbackOfferAfterSeconds?: number;
  hours?: FileHours;
}

export interface FileCustomer {
  id: string;
  name?: string;
  phones?: string[];
  identities?: string[];
  tier?: string;
  tags?: string[];
}

export interface FilePorts {
  host?: string;
  graphql?: number;
  dashboard?: number;
  chat?: number;
  tickets?: number;
  ops?: number;
}

export interface FileConfig {
  tenant?: string;
  skills?: string[];
  queues?: FileQueue[];
  agents?: (Omit<AgentEntry, "capacity" | "name"> & Partial<Pick<AgentEntry, "capacity" | "name">>)[];
  sla?: Partial<SlaTargets>;
  /** Away reasons given are laid over the defaults ("*" is any other reason). */
  alerts?: Partial<Omit<AlertSettings, "utcOffsetMinutes">>;
  qaRules?: (Omit<QaRule, "severity"> & Partial<Pick<QaRule, "severity">>)[];
  /** QA phrase rules (core's rule shape) whose category is the demand category or tracked keyword. */
  demand?: { categories?: unknown[]; keywords?: unknown[] };
  /** Hours for every queue that names none of its own. */
  businessHours?: FileHours;
  customers?: FileCustomer[];
  ports?: FilePorts;
  webhookSecret?: string;
  routing?: {
    ringTimeoutSeconds?: number;
    tiers?: Record<string, number>;
    reorderToleranceMs?: number;
  };
}
