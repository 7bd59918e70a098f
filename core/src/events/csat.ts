import { z } from "zod";
import type { EventDef } from "./envelope";
import { idString, language, shortText } from "./fields";
import type { SpecTable } from "./spec";

// Customer satisfaction. The envelope's contactId is the surveyed contact (not the SMS or chat the
// answer came back on) and its agentId the agent who handled it, so CSAT joins to both directly.

export interface CsatSurveyAnsweredData {
  surveyId: string;
  /** 1..5, integer; CSAT counts scores >= 4 as satisfied. */
  score: number;
  comment?: string;
  language?: string;
}

export type CsatSurveyAnswered = EventDef<"csat.survey-answered", 1, "contact", CsatSurveyAnsweredData>;

export type CsatEvent = CsatSurveyAnswered;

const csatSurveyAnsweredV1 = z.strictObject({
  surveyId: idString,
  score: z.int().min(1).max(5),
  comment: shortText(4_000).optional(),
  language: language.optional(),
}) satisfies z.ZodType<CsatSurveyAnsweredData>;

export const csatSpecs = {
  "csat.survey-answered": { 1: { subject: "contact", data: csatSurveyAnsweredV1 } },
} satisfies SpecTable<CsatEvent>;
