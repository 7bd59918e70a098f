import { z } from "zod";
import { type Channel, channelSchema, type EventDef } from "./envelope";
import { type AgentSkill, agentSkill, code, idString, shortText } from "./fields";
import type { SpecTable } from "./spec";

// An agent's own state. Busy and wrap-up are not here: they follow from the contact events the
// agent appears in. These are ordered per agent (agentId is the partition key), so a related
// contact is named in data, never in the envelope.

/**
 * Not-ready codes the platform itself sets. Any other code is configured per install ("break",
 * "meal", "training"...), so the field is a bounded code, not a closed enum.
 */
export const systemNotReadyReasons = ["ring-timeout", "rejected", "forced", "device-offline"] as const;
export type SystemNotReadyReason = (typeof systemNotReadyReasons)[number];

export type AgentTargetState =
  | { type: "ready" }
  | { type: "not-ready"; reasonCode: string }
  | { type: "signed-out" };

export interface AgentSignedInData {
  /** Where the switch rings the agent, e.g. "user/1001". Absent for chat-only agents. */
  endpoint?: string;
  teamId?: string;
  skills: AgentSkill[];
  /** Concurrent contacts per channel: voice 1, chat several. A missing channel is not handled. */
  capacity: Partial<Record<Channel, number>>;
}

export interface AgentSignedOutData {
  reason: "agent" | "forced" | "session-expired" | "device-offline";
  /** Supervisor id when reason is "forced". */
  forcedBy?: string;
}

export interface AgentReadyData {
  /** Supervisor id when a supervisor forced the agent ready. */
  forcedBy?: string;
}

export interface AgentNotReadyData {
  /** A system reason (SystemNotReadyReason) or a configured one, at most 32 chars. */
  reasonCode: string;
  forcedBy?: string;
  /** The contact that caused it, e.g. the offer that timed out. */
  relatedContactId?: string;
}

/** The agent (or a supervisor) asked for a state while busy: applied when the current contact ends. */
export interface AgentStateChangeRequestedData {
  next: AgentTargetState;
  requestedBy: string;
}

export interface AgentSkillsChangedData {
  /** The complete new set, not a diff: replaying only the last one gives the current skills. */
  skills: AgentSkill[];
  changedBy: string;
}

export type AgentSignedIn = EventDef<"agent.signed-in", 1, "agent", AgentSignedInData>;
export type AgentSignedOut = EventDef<"agent.signed-out", 1, "agent", AgentSignedOutData>;
export type AgentReady = EventDef<"agent.ready", 1, "agent", AgentReadyData>;
export type AgentNotReady = EventDef<"agent.not-ready", 1, "agent", AgentNotReadyData>;
export type AgentStateChangeRequested = EventDef<
  "agent.state-change-requested",
  1,
  "agent",
  AgentStateChangeRequestedData
>;
export type AgentSkillsChanged = EventDef<"agent.skills-changed", 1, "agent", AgentSkillsChangedData>;

export type AgentEvent =
  | AgentSignedIn
  | AgentSignedOut
  | AgentReady
  | AgentNotReady
  | AgentStateChangeRequested
  | AgentSkillsChanged;

const skills = z.array(agentSkill).max(64);
const forcedRequiresSupervisor = {
  path: ["forcedBy"],
  error: "required when the change was forced",
};

const agentSignedInV1 = z.strictObject({
  endpoint: shortText(256).optional(),
  teamId: idString.optional(),
  skills,
  capacity: z.partialRecord(channelSchema, z.int().min(0).max(100)),
}) satisfies z.ZodType<AgentSignedInData>;

const agentSignedOutV1 = z
  .strictObject({
    reason: z.enum(["agent", "forced", "session-expired", "device-offline"]),
    forcedBy: idString.optional(),
  })
  .refine(
    (d) => d.reason !== "forced" || d.forcedBy !== undefined,
    forcedRequiresSupervisor,
  ) satisfies z.ZodType<AgentSignedOutData>;

const agentReadyV1 = z.strictObject({
  forcedBy: idString.optional(),
}) satisfies z.ZodType<AgentReadyData>;

const agentNotReadyV1 = z
  .strictObject({
    reasonCode: code,
    forcedBy: idString.optional(),
    relatedContactId: idString.optional(),
  })
  .refine(
    (d) => d.reasonCode !== "forced" || d.forcedBy !== undefined,
    forcedRequiresSupervisor,
  ) satisfies z.ZodType<AgentNotReadyData>;

const agentStateChangeRequestedV1 = z.strictObject({
  next: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("ready") }),
    z.strictObject({ type: z.literal("not-ready"), reasonCode: code }),
    z.strictObject({ type: z.literal("signed-out") }),
  ]),
  requestedBy: idString,
}) satisfies z.ZodType<AgentStateChangeRequestedData>;

const agentSkillsChangedV1 = z.strictObject({
  skills,
  changedBy: idString,
}) satisfies z.ZodType<AgentSkillsChangedData>;

export const agentSpecs = {
  "agent.signed-in": { 1: { subject: "agent", data: agentSignedInV1 } },
  "agent.signed-out": { 1: { subject: "agent", data: agentSignedOutV1 } },
  "agent.ready": { 1: { subject: "agent", data: agentReadyV1 } },
  "agent.not-ready": { 1: { subject: "agent", data: agentNotReadyV1 } },
  "agent.state-change-requested": { 1: { subject: "agent", data: agentStateChangeRequestedV1 } },
  "agent.skills-changed": { 1: { subject: "agent", data: agentSkillsChangedV1 } },
} satisfies SpecTable<AgentEvent>;
