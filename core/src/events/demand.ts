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

export type DemandCategorized = EventDef<"demand.categorized", 1, "contact", DemandCategorizedData>;

export type DemandEvent = DemandCategorized;

const terms = z.array(shortText(64)).max(64);

const demandCategorizedV1 = z
  .strictObject({ categories: terms, keywords: terms, lineId: idString })
  .refine((d) => d.categories.length + d.keywords.length > 0, {
    error: "at least one category or keyword",
  }) satisfies z.ZodType<DemandCategorizedData>;

export const demandSpecs = {
  "demand.categorized": { 1: { subject: "contact", data: demandCategorizedV1 } },
} satisfies SpecTable<DemandEvent>;
