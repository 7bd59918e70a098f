import { z } from "zod";
import type { EventDef } from "./envelope";
import { idString, shortText } from "./fields";
import type { SpecTable } from "./spec";

// What a contact is about, found by the demand taxonomy's rules in what the customer wrote or said
// (core/src/qa/demand.ts). Published once per contact and line that brings new terms, so a contact
// that mentions logistics ten times counts once; categories set by the source itself (contact.ended
// and ticket.created `categories`) are not repeated here.

export interface DemandCategorizedData {
  /** Taxonomy categories newly found for the contact, e.g. "logistics", "refund". */
  categories: string[];
  /** Tracked keywords / phrases newly found, e.g. "物流慢" (slow delivery). */
  keywords: string[];
  /** The message or transcript segment that brought them. */
  lineId: string;
}

/**
 * A demand taxonomy saved through the API, replacing the one in force. Rules are phrase rules as
 * core/src/qa validates them (validated again by each scanner; an invalid one is skipped and
 * counted). Saves are detached events on any partition, so scanners apply the newest by `time`.
 */
export interface DemandTaxonomySavedData {
  categories: Record<string, unknown>[];
  keywords: Record<string, unknown>[];
  savedBy: string;
}

export type DemandCategorized = EventDef<"demand.categorized", 1, "contact", DemandCategorizedData>;
export type DemandTaxonomySaved = EventDef<"demand.taxonomy-saved", 1, "detached", DemandTaxonomySavedData>;

export type DemandEvent = DemandCategorized | DemandTaxonomySaved;

const terms = z.array(shortText(64)).max(64);

const demandCategorizedV1 = z
  .strictObject({ categories: terms, keywords: terms, lineId: idString })
  .refine((d) => d.categories.length + d.keywords.length > 0, {
    error: "at least one category or keyword",
  }) satisfies z.ZodType<DemandCategorizedData>;

const rules = z.array(z.record(z.string(), z.unknown())).max(500);

const demandTaxonomySavedV1 = z.strictObject({
  categories: rules,
  keywords: rules,
  savedBy: idString,
}) satisfies z.ZodType<DemandTaxonomySavedData>;

export const demandSpecs = {
  "demand.categorized": { 1: { subject: "contact", data: demandCategorizedV1 } },
  "demand.taxonomy-saved": { 1: { subject: "detached", data: demandTaxonomySavedV1 } },
} satisfies SpecTable<DemandEvent>;
