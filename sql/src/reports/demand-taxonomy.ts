import type { Warehouse } from "../client";
import { runNamedQuery } from "./named-query";

export interface SavedDemandTaxonomy {
  categories: Record<string, unknown>[];
  keywords: Record<string, unknown>[];
  savedBy: string;
  savedAt: string;
}

const isRuleList = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) && v.every((r) => typeof r === "object" && r !== null && !Array.isArray(r));

/** The newest taxonomy saved through the API, undefined when none was (the built-in one is in force). */
export async function savedDemandTaxonomy(
  warehouse: Warehouse,
  query: { tenant?: string } = {},
): Promise<SavedDemandTaxonomy | undefined> {
  const rows = await runNamedQuery<{ data: string; saved_at: string }>(warehouse, "demand_taxonomy", {
    tenant: query.tenant ?? "default",
  });
  const row = rows[0];
  if (row === undefined) return undefined;
  // Stored as the validated event's data: anything else is a broken row, said as such.
  const data = JSON.parse(row.data) as { categories?: unknown; keywords?: unknown; savedBy?: unknown };
  if (!isRuleList(data.categories) || !isRuleList(data.keywords) || typeof data.savedBy !== "string")
    throw new Error(`demand.taxonomy-saved at ${row.saved_at}: stored data is not a taxonomy`);
  return {
    categories: data.categories,
    keywords: data.keywords,
    savedBy: data.savedBy,
    savedAt: row.saved_at,
  };
}
