import { z } from "zod";
import { type CommandType, commandTypes } from "./command";
import type { EventDef } from "./envelope";
import { count, idString, position, seconds, shortText, skillLevel } from "./fields";
import type { SpecTable } from "./spec";

// The routing engine's decisions, each with its reason, so the wallboard can say why a contact
// waits; and the outcome of the commands it (or a supervisor) sent to telephony.

interface DecisionBase {
  /** Rule id that produced it, e.g. "best-idle-agent", "billing-relax-60s". */
  rule: string;
  /** For people: "3 agents have billing>=5, all busy; relaxes to level 3 in 40 s". */
  reason: string;
  /** Agents that met the requirements at decision time (busy or not). */
  eligibleAgents: number;
}

export interface AssignDecision extends DecisionBase {
  kind: "assign";
  queueId: string;
  /** Data, not only the envelope: an assign without an agent must not validate. */
  agentId: string;
  waitSeconds: number;
}

export interface QueueDecision extends DecisionBase {
  kind: "queue";
  queueId: string;
  position: number;
}

export interface RelaxDecision extends DecisionBase {
  kind: "relax";
  queueId: string;
  skill: string;
  fromLevel: number;
  toLevel: number;
  waitSeconds: number;
}

export interface OverflowDecision extends DecisionBase {
  kind: "overflow";
  fromQueueId: string;
  toQueueId: string;
  waitSeconds: number;
}

export interface CallbackOfferDecision extends DecisionBase {
  kind: "callback-offer";
  queueId: string;
  estimatedWaitSeconds: number;
}

export type RouterDecisionData =
  | AssignDecision
  | QueueDecision
  | RelaxDecision
  | OverflowDecision
  | CallbackOfferDecision;

interface CommandResultBase {
  commandId: string;
  commandType: CommandType;
}
export type RouterCommandResultData =
  | (CommandResultBase & { ok: true })
  | (CommandResultBase & {
      ok: false;
      /** As the switch reported it, e.g. "-ERR NO_SUCH_CHANNEL". */
      error: string;
    });

export type RouterDecision = EventDef<"router.decision", 1, "contact", RouterDecisionData>;
export type RouterCommandResult = EventDef<"router.command-result", 1, "open", RouterCommandResultData>;

export type RouterEvent = RouterDecision | RouterCommandResult;

const decisionBase = {
  rule: idString,
  reason: shortText(1_000),
  eligibleAgents: count,
};

const routerDecisionV1 = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("assign"),
    ...decisionBase,
    queueId: idString,
    agentId: idString,
    waitSeconds: seconds,
  }),
  z.strictObject({ kind: z.literal("queue"), ...decisionBase, queueId: idString, position }),
  z
    .strictObject({
      kind: z.literal("relax"),
      ...decisionBase,
      queueId: idString,
      skill: shortText(64),
      fromLevel: skillLevel,
      toLevel: skillLevel,
      waitSeconds: seconds,
    })
    .refine((d) => d.toLevel < d.fromLevel, { path: ["toLevel"], error: "a relax must lower the level" }),
  z.strictObject({
    kind: z.literal("overflow"),
    ...decisionBase,
    fromQueueId: idString,
    toQueueId: idString,
    waitSeconds: seconds,
  }),
  z.strictObject({
    kind: z.literal("callback-offer"),
    ...decisionBase,
    queueId: idString,
    estimatedWaitSeconds: seconds,
  }),
]) satisfies z.ZodType<RouterDecisionData>;

const resultBase = { commandId: idString, commandType: z.enum(commandTypes) };

const routerCommandResultV1 = z.discriminatedUnion("ok", [
  z.strictObject({ ...resultBase, ok: z.literal(true) }),
  z.strictObject({ ...resultBase, ok: z.literal(false), error: shortText(2_000) }),
]) satisfies z.ZodType<RouterCommandResultData>;

export const routerSpecs = {
  "router.decision": { 1: { subject: "contact", data: routerDecisionV1 } },
  "router.command-result": { 1: { subject: "open", data: routerCommandResultV1 } },
} satisfies SpecTable<RouterEvent>;
