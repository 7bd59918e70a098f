import { z } from "zod";
import type { EventDef } from "./envelope";
import { count, idString, milliseconds, shortText } from "./fields";
import type { SpecTable } from "./spec";

// Quality assurance: a rule matched part of a message or transcript segment, and a reviewer's
// verdict on it. Both are ordered with the contact they are about.

export type QaSeverity = "low" | "medium" | "high" | "critical";

/**
 * Character offsets are JavaScript string indices (UTF-16 code units), end exclusive, into the
 * message's or segment's `text`: `text.slice(start, end) === matchedText`.
 */
export type CharRange = [start: number, end: number];

export type FlagLocation =
  | { type: "message"; messageId: string; charRange: CharRange }
  | {
      type: "transcript-segment";
      segmentId: string;
      charRange: CharRange;
      /** Where in the call the match is heard, for jumping the recording there. */
      offsetMs: number;
    };

export interface QaFlaggedData {
  flagId: string;
  ruleId: string;
  /** The rule's category, e.g. "prohibited-promise", "shirking" (推诿), "abuse". */
  category: string;
  severity: QaSeverity;
  /** Who said it. */
  side: "agent" | "customer";
  location: FlagLocation;
  matchedText: string;
}

export interface QaFlagReviewedData {
  flagId: string;
  verdict: "confirmed" | "false-positive";
  reviewerId: string;
  note?: string;
}

/**
 * A QA rule saved through the API: the rule set is the config's rules with these applied in log
 * order, so every scanner and API instance agrees. `rule` is the rule as core/src/qa validates it
 * (validated again by each consumer; an invalid one is skipped and counted).
 */
export interface QaRuleSavedData {
  ruleId: string;
  rule: Record<string, unknown>;
  savedBy: string;
}

export interface QaRuleRemovedData {
  ruleId: string;
  removedBy: string;
}

export type QaFlagged = EventDef<"qa.flagged", 1, "contact", QaFlaggedData>;
export type QaFlagReviewed = EventDef<"qa.flag-reviewed", 1, "contact", QaFlagReviewedData>;
export type QaRuleSaved = EventDef<"qa.rule-saved", 1, "detached", QaRuleSavedData>;
export type QaRuleRemoved = EventDef<"qa.rule-removed", 1, "detached", QaRuleRemovedData>;

export type QaEvent = QaFlagged | QaFlagReviewed | QaRuleSaved | QaRuleRemoved;

const charRange = z
  .tuple([count, count])
  .refine(([start, end]) => end > start, { error: "end must be after start" }) satisfies z.ZodType<CharRange>;

const qaFlaggedV1 = z
  .strictObject({
    flagId: idString,
    ruleId: idString,
    category: shortText(64),
    severity: z.enum(["low", "medium", "high", "critical"]),
    side: z.enum(["agent", "customer"]),
    location: z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("message"), messageId: idString, charRange }),
      z.strictObject({
        type: z.literal("transcript-segment"),
        segmentId: idString,
        charRange,
        offsetMs: milliseconds,
      }),
    ]),
    matchedText: shortText(2_000),
  })
  // A range that does not cover the matched text is a scanner bug (often code points vs UTF-16).
  .refine((f) => f.location.charRange[1] - f.location.charRange[0] === f.matchedText.length, {
    path: ["location", "charRange"],
    error: "charRange length must equal matchedText length",
  }) satisfies z.ZodType<QaFlaggedData>;

const qaFlagReviewedV1 = z.strictObject({
  flagId: idString,
  verdict: z.enum(["confirmed", "false-positive"]),
  reviewerId: idString,
  note: shortText(4_000).optional(),
}) satisfies z.ZodType<QaFlagReviewedData>;

const qaRuleSavedV1 = z
  .strictObject({
    ruleId: idString,
    rule: z.record(z.string(), z.unknown()),
    savedBy: idString,
  })
  .refine((d) => d.rule.id === d.ruleId, {
    path: ["rule", "id"],
    error: "must equal ruleId",
  }) satisfies z.ZodType<QaRuleSavedData>;

const qaRuleRemovedV1 = z.strictObject({
  ruleId: idString,
  removedBy: idString,
}) satisfies z.ZodType<QaRuleRemovedData>;

export const qaSpecs = {
  "qa.flagged": { 1: { subject: "contact", data: qaFlaggedV1 } },
  "qa.flag-reviewed": { 1: { subject: "contact", data: qaFlagReviewedV1 } },
  "qa.rule-saved": { 1: { subject: "detached", data: qaRuleSavedV1 } },
  "qa.rule-removed": { 1: { subject: "detached", data: qaRuleRemovedV1 } },
} satisfies SpecTable<QaEvent>;
