import type { AgentSkill, Channel, RoutingConfig } from "@starboard/core";
import { type Customer, makeCustomers } from "./customers";
import type { Language, TopicId } from "./phrases";
import { Rng, subSeed } from "./rng";

/** The channels the simulator plays: email arrives as a ticket opened from the mailbox. */
export type SimChannel = Extract<Channel, "voice" | "webchat" | "appchat" | "video" | "email" | "ticket">;

export interface SimQueue {
  id: string;
  /** The one skill the queue requires (and the level), also the router's defaultSkills. */
  skill: string;
  minLevel: number;
  basePriority: number;
  /** Dialled number of its voice line (DID). */
  did: string;
  /** Department its tickets belong to. */
  department: string;
}

export interface SimAgent {
  id: string;
  name: string;
  /** Extension the switch rings: the bridge command dials `user/<extension>`. */
  extension: string;
  teamId: string;
  skills: AgentSkill[];
  capacity: Partial<Record<Channel, number>>;
  languages: Language[];
}

export interface SimulatorProfile {
  tenant: string;
  /** Local time of the contact center, for the arrival curve (minutes east of UTC). */
  utcOffsetMinutes: number;
  queues: SimQueue[];
  agents: SimAgent[];
  customers: Customer[];
  /** Share of contacts per channel (weights, need not sum to 1). */
  channelMix: Record<SimChannel, number>;
  /** Contacts on an average weekday. */
  dailyContacts: number;
  /** Relative arrivals per local hour 0..23. */
  hourly: readonly number[];
  /** Relative volume per weekday 0 = Sunday .. 6. */
  weekday: readonly number[];
  /** Share of contacts from a customer who contacted before (picked from recent callers). */
  returningShare: number;
  /** Share of chats a bot answers first. */
  botShare: number;
  /** Ticket departments (tickets move between them). */
  departments: string[];
}

const hourly = [2, 1, 1, 1, 1, 2, 4, 8, 14, 18, 19, 17, 12, 14, 17, 18, 16, 13, 10, 9, 8, 6, 4, 3];
const weekday = [0.6, 1.2, 1.1, 1.0, 1.0, 1.05, 0.7];

const queues: SimQueue[] = [
  {
    id: "general-zh",
    skill: "zh",
    minLevel: 3,
    basePriority: 0,
    did: "4008001001",
    department: "customer-service",
  },
  {
    id: "general-en",
    skill: "en",
    minLevel: 3,
    basePriority: 0,
    did: "4008001002",
    department: "customer-service",
  },
  {
    id: "billing",
    skill: "billing",
    minLevel: 3,
    basePriority: 10,
    did: "4008001003",
    department: "finance",
  },
  { id: "tech", skill: "tech", minLevel: 3, basePriority: 0, did: "4008001004", department: "tech-support" },
  {
    id: "complaints",
    skill: "complaints",
    minLevel: 5,
    basePriority: 50,
    did: "4008001005",
    department: "complaints",
  },
  { id: "vip", skill: "vip", minLevel: 5, basePriority: 100, did: "4008001888", department: "vip-care" },
];

/** Which queue serves a topic (VIP customers go to the VIP queue whatever the topic). */
export function queueFor(topic: TopicId, language: Language, vip: boolean): string {
  if (vip) return "vip";
  if (topic === "refund" || topic === "bill" || topic === "credit-card") return "billing";
  if (topic === "password-reset" || topic === "app-crash") return "tech";
  if (topic === "complaint") return "complaints";
  return language === "en" ? "general-en" : "general-zh";
}

const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "杰", "婷"];

function makeAgents(count: number, rng: Rng): SimAgent[] {
  const agents: SimAgent[] = [];
  for (let i = 0; i < count; i++) {
    const extension = String(1001 + i);
    const senior = i % 5 === 0;
    const english = i % 5 === 1 || i % 5 === 3 || senior;
    const level = () => (senior ? rng.int(7, 10) : rng.int(4, 8));
    const skills: AgentSkill[] = [{ skill: "zh", level: level() }];
    if (english) skills.push({ skill: "en", level: level() });
    // Every queue gets specialists: agents rotate through billing and tech, seniors take the rest.
    if (i % 3 === 0 || senior) skills.push({ skill: "billing", level: level() });
    if (i % 3 === 1 || senior) skills.push({ skill: "tech", level: level() });
    if (senior) skills.push({ skill: "complaints", level: level() }, { skill: "vip", level: level() });
    agents.push({
      id: `agent-${extension}`,
      name: `${rng.pick(surnames)}${rng.pick(given)}`,
      extension,
      teamId: `team-${1 + (i % 4)}`,
      skills,
      capacity: { voice: 1, webchat: 3, appchat: 3, video: 1 },
      languages: english ? ["zh-CN", "en"] : ["zh-CN"],
    });
  }
  return agents;
}

/** A bilingual contact center: 6 queues, `agents` agents (default 30), 2,000 customers. */
export function defaultProfile(
  options: { agents?: number; seed?: number; customers?: number } = {},
): SimulatorProfile {
  const seed = options.seed ?? 1;
  const count = options.agents ?? 30;
  if (!Number.isInteger(count) || count < 5 || count > 5_000)
    throw new Error(
      `defaultProfile: agents must be an integer in 5..5000 (got ${count}): every queue needs specialists`,
    );
  const rng = new Rng(subSeed(seed, "profile"));
  return {
    tenant: "default",
    utcOffsetMinutes: 8 * 60,
    queues: queues.map((q) => ({ ...q })),
    agents: makeAgents(count, rng),
    customers: makeCustomers(options.customers ?? 2_000, new Rng(subSeed(seed, "customers"))),
    channelMix: { voice: 45, webchat: 20, appchat: 15, video: 2, email: 8, ticket: 10 },
    // Roughly 25 contacts per agent per day.
    dailyContacts: count * 25,
    hourly,
    weekday,
    returningShare: 0.3,
    botShare: 0.4,
    departments: ["customer-service", "finance", "tech-support", "logistics", "complaints", "vip-care"],
  };
}

/**
 * The router's configuration for this profile: one queue per simulated queue with its skill as the
 * default requirement, VIP tiers, complaint hand-offs to seniors. `speed` widens the reorder
 * tolerance: at N times real time, a few hundred milliseconds between two ingest paths is N times
 * as many simulated seconds.
 */
export function routingConfigFor(profile: SimulatorProfile, options: { speed?: number } = {}): RoutingConfig {
  const speed = Math.max(1, options.speed ?? 1);
  return {
    queues: profile.queues.map((q) => ({
      id: q.id,
      basePriority: q.basePriority,
      defaultSkills: [{ skill: q.skill, minLevel: q.minLevel }],
      thresholdSeconds: q.id === "vip" ? 10 : 20,
      targetServiceLevel: 0.8,
      // After a minute, any agent of the skill will do.
      relax: [{ afterSeconds: 60, toLevel: 1 }],
    })),
    tiers: { vip: 100, "high-value": 50, new: 10 },
    handoff: { reasons: ["complaint", "requested_human"], priorityBoost: 200, seniorLevel: 7 },
    ringTimeoutSeconds: 20,
    reorderToleranceMs: Math.round(5_000 * speed),
  };
}
