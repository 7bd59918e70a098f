import { z } from "zod";
import type { EventDef } from "./envelope";
import { hangupCause, idString, shortText } from "./fields";
import type { SpecTable } from "./spec";

// Requests to telephony and chat, published on the commands topic (topicFor routes every
// "command.*" there). Producers never call a source directly; the ESL and chat adapters consume
// these and answer with router.command-result carrying the same commandId.

export type MonitorMode = "listen" | "whisper" | "barge";

interface CommandBase {
  /** Correlates the result; also what makes a redelivered command safe to skip. */
  commandId: string;
  /** "router" or the principal (supervisor id) behind a GraphQL mutation. */
  requestedBy: string;
}

/** Ring the agent and bridge them to the caller (envelope: contact + agent). */
export interface CommandBridgeCallData extends CommandBase {
  /** Dial string of the agent, e.g. "user/1001". */
  agentEndpoint: string;
  ringTimeoutSeconds: number;
  queueId?: string;
}

export interface CommandAssignChatData extends CommandBase {
  queueId?: string;
}

/** The envelope's agentId, when present, is the agent being monitored. */
export interface CommandMonitorCallData extends CommandBase {
  /** Names this monitoring session for later mode changes and stop. */
  monitorId: string;
  mode: MonitorMode;
  /** Where to ring the supervisor, e.g. "user/2001" or "sofia/gateway/pstn/+8613900139000". */
  supervisorEndpoint: string;
}

export interface CommandChangeMonitorModeData extends CommandBase {
  monitorId: string;
  mode: MonitorMode;
}

export interface CommandStopMonitorData extends CommandBase {
  monitorId: string;
}

/** The supervisor replaces the agent (the envelope's agentId) on the call. */
export interface CommandTakeOverCallData extends CommandBase {
  supervisorEndpoint: string;
}

export interface CommandForceHangupData extends CommandBase {
  /** Cause to hang up with; FreeSWITCH's MANAGER_REQUEST is the usual one. */
  hangupCause: string;
  reason?: string;
}

/** The agent (envelope) answers a ringing or queued call directly. */
export interface CommandPickupCallData extends CommandBase {
  agentEndpoint: string;
}

export type CommandBridgeCall = EventDef<"command.bridge-call", 1, "contact-agent", CommandBridgeCallData>;
export type CommandAssignChat = EventDef<"command.assign-chat", 1, "contact-agent", CommandAssignChatData>;
export type CommandMonitorCall = EventDef<"command.monitor-call", 1, "contact", CommandMonitorCallData>;
export type CommandChangeMonitorMode = EventDef<
  "command.change-monitor-mode",
  1,
  "contact",
  CommandChangeMonitorModeData
>;
export type CommandStopMonitor = EventDef<"command.stop-monitor", 1, "contact", CommandStopMonitorData>;
export type CommandTakeOverCall = EventDef<"command.take-over-call", 1, "contact", CommandTakeOverCallData>;
export type CommandForceHangup = EventDef<"command.force-hangup", 1, "contact", CommandForceHangupData>;
export type CommandPickupCall = EventDef<"command.pickup-call", 1, "contact-agent", CommandPickupCallData>;

export type CommandEvent =
  | CommandBridgeCall
  | CommandAssignChat
  | CommandMonitorCall
  | CommandChangeMonitorMode
  | CommandStopMonitor
  | CommandTakeOverCall
  | CommandForceHangup
  | CommandPickupCall;
export type CommandType = CommandEvent["type"];

/** Listed for router.command-result's schema; the satisfies keeps it in step with the union. */
export const commandTypes = [
  "command.bridge-call",
  "command.assign-chat",
  "command.monitor-call",
  "command.change-monitor-mode",
  "command.stop-monitor",
  "command.take-over-call",
  "command.force-hangup",
  "command.pickup-call",
] as const satisfies readonly CommandType[];

export const monitorMode = z.enum(["listen", "whisper", "barge"]);
const endpoint = shortText(256);
const base = { commandId: idString, requestedBy: idString };

const commandBridgeCallV1 = z.strictObject({
  ...base,
  agentEndpoint: endpoint,
  ringTimeoutSeconds: z.int().min(1).max(600),
  queueId: idString.optional(),
}) satisfies z.ZodType<CommandBridgeCallData>;

const commandAssignChatV1 = z.strictObject({
  ...base,
  queueId: idString.optional(),
}) satisfies z.ZodType<CommandAssignChatData>;

const commandMonitorCallV1 = z.strictObject({
  ...base,
  monitorId: idString,
  mode: monitorMode,
  supervisorEndpoint: endpoint,
}) satisfies z.ZodType<CommandMonitorCallData>;

const commandChangeMonitorModeV1 = z.strictObject({
  ...base,
  monitorId: idString,
  mode: monitorMode,
}) satisfies z.ZodType<CommandChangeMonitorModeData>;

const commandStopMonitorV1 = z.strictObject({
  ...base,
  monitorId: idString,
}) satisfies z.ZodType<CommandStopMonitorData>;

const commandTakeOverCallV1 = z.strictObject({
  ...base,
  supervisorEndpoint: endpoint,
}) satisfies z.ZodType<CommandTakeOverCallData>;

const commandForceHangupV1 = z.strictObject({
  ...base,
  hangupCause,
  reason: shortText(512).optional(),
}) satisfies z.ZodType<CommandForceHangupData>;

const commandPickupCallV1 = z.strictObject({
  ...base,
  agentEndpoint: endpoint,
}) satisfies z.ZodType<CommandPickupCallData>;

export const commandSpecs = {
  "command.bridge-call": { 1: { subject: "contact-agent", data: commandBridgeCallV1 } },
  "command.assign-chat": { 1: { subject: "contact-agent", data: commandAssignChatV1 } },
  "command.monitor-call": { 1: { subject: "contact", data: commandMonitorCallV1 } },
  "command.change-monitor-mode": { 1: { subject: "contact", data: commandChangeMonitorModeV1 } },
  "command.stop-monitor": { 1: { subject: "contact", data: commandStopMonitorV1 } },
  "command.take-over-call": { 1: { subject: "contact", data: commandTakeOverCallV1 } },
  "command.force-hangup": { 1: { subject: "contact", data: commandForceHangupV1 } },
  "command.pickup-call": { 1: { subject: "contact-agent", data: commandPickupCallV1 } },
} satisfies SpecTable<CommandEvent>;
