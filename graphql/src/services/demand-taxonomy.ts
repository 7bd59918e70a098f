import { randomUUID } from "node:crypto";
import {
  defaultDemandTaxonomy,
  type EventLog,
  publishEvents,
  type StarboardEvent,
  validateRule,
} from "@starboard/core";
import { savedDemandTaxonomy, type Warehouse } from "@starboard/sql";
import type { Principal } from "../auth/api-keys";
import { warehouseCall } from "./warehouse-call";

// The demand taxonomy through the API: a term with its phrases (and the words that must not follow
// or precede them) becomes a customer-side phrase rule, validated by core/src/qa as every scanner
// will, and the whole taxonomy is published as demand.taxonomy-saved: scanners apply the newest.
// Reading it back takes the newest save from the warehouse, or the built-in taxonomy.

export interface DemandTermInput {
  term: string;
  phrases: string[];
  notFollowedBy?: string[] | null;
  notPrecededBy?: string[] | null;
}

type List = "categories" | "keywords";

function ruleOf(list: List, index: number, input: DemandTermInput): Record<string, unknown> {
  return {
    id: `${list === "categories" ? "category" : "keyword"}-${index + 1}`,
    kind: "phrases",
    category: input.term.trim(),
    severity: "low",
    side: "customer",
    phrases: input.phrases,
    ...(input.notFollowedBy ? { notFollowedBy: input.notFollowedBy } : {}),
    ...(input.notPrecededBy ? { notPrecededBy: input.notPrecededBy } : {}),
  };
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : null;

function termOf(rule: unknown) {
  const r = rule as Record<string, unknown>;
  return {
    term: String(r.category ?? ""),
    phrases: strings(r.phrases) ?? [],
    notFollowedBy: strings(r.notFollowedBy),
    notPrecededBy: strings(r.notPrecededBy),
  };
}

/** The taxonomy in force as the API shows it: the newest save, or the built-in one. */
export async function currentTaxonomy(warehouse: Warehouse, tenant: string) {
  const saved = await warehouseCall("demandTaxonomy", () => savedDemandTaxonomy(warehouse, { tenant }));
  const source = saved ?? defaultDemandTaxonomy;
  return {
    categories: source.categories.map(termOf),
    keywords: source.keywords.map(termOf),
    savedBy: saved?.savedBy ?? null,
    savedAt: saved === undefined ? null : `${saved.savedAt.replace(" ", "T")}Z`,
  };
}

/** Validates every term (problems name the field) and publishes the taxonomy for every scanner. */
export async function saveTaxonomy(
  log: EventLog,
  tenant: string,
  principal: Principal,
  input: { categories: DemandTermInput[]; keywords: DemandTermInput[] },
) {
  const problems: { field: string; message: string }[] = [];
  const lists: Record<List, Record<string, unknown>[]> = { categories: [], keywords: [] };
  for (const list of ["categories", "keywords"] as const) {
    const seen = new Set<string>();
    input[list].forEach((term, i) => {
      const rule = ruleOf(list, i, term);
      const checked = validateRule(rule);
      if (!checked.ok)
        for (const e of checked.errors)
          problems.push({
            field: `${list}[${i}].${e.field === "category" ? "term" : e.field}`,
            message: e.message,
          });
      else if (seen.has(String(rule.category)))
        problems.push({ field: `${list}[${i}].term`, message: `"${String(rule.category)}" is listed twice` });
      else lists[list].push(checked.rule as unknown as Record<string, unknown>);
      seen.add(String(rule.category));
    });
  }
  if (problems.length > 0) return { status: "FAILED", problems, taxonomy: null };
  const event: StarboardEvent = {
    id: `demand-taxonomy-${randomUUID()}`,
    type: "demand.taxonomy-saved",
    version: 1,
    time: new Date().toISOString(),
    tenant,
    source: "graphql",
    data: { ...lists, savedBy: principal.keyId },
  };
  await publishEvents(log, [event]);
  return {
    status: "SUCCEEDED",
    problems: [],
    taxonomy: {
      categories: lists.categories.map(termOf),
      keywords: lists.keywords.map(termOf),
      savedBy: principal.keyId,
      savedAt: event.time,
    },
  };
}
