import { z } from "zod";
import { type MonitorMode, monitorMode } from "./command";
import type { EventDef } from "./envelope";
import { idString, shortText } from "./fields";
import type { SpecTable } from "./spec";

// The audit log of supervisor actions: every attempt, allowed or not. The target call is the
// envelope's contactId and the target agent its agentId.

export const roles = ["supervisor", "exec", "qa", "bi", "admin"] as const;
export type Role = (typeof roles)[number];

export const supervisorActionCodes = [
  "monitor-call",
  "change-monitor-mode",
  "stop-monitor",
  "take-over-call",
  "force-hangup",
  "set-agent-state",
  // A QA reviewer's verdict on a flag (the qa.flag-reviewed event is the verdict itself).
  "review-qa-flag",
] as const;
export type SupervisorActionCode = (typeof supervisorActionCodes)[number];

export interface SupervisorActionData {
  action: SupervisorActionCode;
  actorId: string;
  role: Role;
  /** For monitoring actions. */
  mode?: MonitorMode;
  /** denied: refused by role before anything happened; failed: the switch refused it. */
  outcome: "accepted" | "denied" | "failed";
  /** Why it was denied or failed; what was forced for set-agent-state; the verdict for review-qa-flag. */
  reason?: string;
  /** The command it produced, when accepted. */
  commandId?: string;
}

export type SupervisorAction = EventDef<"supervisor.action", 1, "open", SupervisorActionData>;

export type SupervisorEvent = SupervisorAction;

const supervisorActionV1 = z.strictObject({
  action: z.enum(supervisorActionCodes),
  actorId: idString,
  role: z.enum(roles),
  mode: monitorMode.optional(),
  outcome: z.enum(["accepted", "denied", "failed"]),
  reason: shortText(1_000).optional(),
  commandId: idString.optional(),
}) satisfies z.ZodType<SupervisorActionData>;

export const supervisorSpecs = {
  "supervisor.action": { 1: { subject: "open", data: supervisorActionV1 } },
} satisfies SpecTable<SupervisorEvent>;
