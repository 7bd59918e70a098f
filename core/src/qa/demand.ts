// Demand: what each contact is about, from the customer's own words. The taxonomy's rules run on
// every customer message and transcript segment; a contact's categories and keywords are published
// as demand.categorized when a line brings terms the contact did not have yet, so each term counts
// once per contact however often it is said. Pure and deterministic (ids derive from contact and
// line), so a replay publishes the same events and sinks drop the copies.

import type { DemandCategorized } from "../events/demand";
import type { StarboardEvent } from "../events/index";
import type { DemandTaxonomy } from "./demand-taxonomy";
import { boundedId } from "./flag-event";
import { lineOf } from "./qa-engine";
import { compileRules, type RuleSet } from "./rule-set";
import { QaRuleError } from "./validate";

export interface CompiledTaxonomy {
  categories: RuleSet;
  keywords: RuleSet;
}

/** Validates both rule lists (a bad rule throws QaRuleError naming it) and builds their automatons. */
export function compileTaxonomy(taxonomy: DemandTaxonomy): CompiledTaxonomy {
  return { categories: compileRules(taxonomy.categories), keywords: compileRules(taxonomy.keywords) };
}

interface Seen {
  categories: Set<string>;
  keywords: Set<string>;
  touchedMs: number;
}

/** A contact silent this long (event time) is forgotten, as in the QA engine. */
const FORGET_MS = 24 * 3_600_000;

export class DemandTracker {
  private readonly contacts = new Map<string, Seen>();
  private handled = 0;
  /** Time of the saved taxonomy in force: a save applies only if newer (saves may arrive on any partition). */
  private savedAt = "";
  /** demand.taxonomy-saved applied, and refused as invalid (the previous taxonomy stays). */
  readonly edits = { applied: 0, invalid: 0 };

  constructor(private taxonomy: CompiledTaxonomy) {}

  setTaxonomy(taxonomy: CompiledTaxonomy): void {
    this.taxonomy = taxonomy;
  }

  /** Contacts currently remembered (for tests and stats). */
  get tracked(): number {
    return this.contacts.size;
  }

  handle(event: StarboardEvent): DemandCategorized | undefined {
    if (event.type === "demand.taxonomy-saved") {
      if (event.time < this.savedAt) return undefined;
      try {
        this.taxonomy = compileTaxonomy(event.data);
        this.savedAt = event.time;
        this.edits.applied += 1;
      } catch (error) {
        if (!(error instanceof QaRuleError)) throw error;
        this.edits.invalid += 1;
      }
      return undefined;
    }
    if (event.type === "contact.ended") {
      this.contacts.delete(event.contactId);
      return undefined;
    }
    const line = lineOf(event);
    if (line === undefined || line.side !== "customer") return undefined;
    if (++this.handled % 1_000 === 0) this.forget(line.timeMs);
    const context = { side: line.side, channel: line.channel } as const;
    let seen = this.contacts.get(line.contactId);
    if (seen === undefined) {
      seen = { categories: new Set(), keywords: new Set(), touchedMs: line.timeMs };
      this.contacts.set(line.contactId, seen);
    }
    seen.touchedMs = Math.max(seen.touchedMs, line.timeMs);
    const fresh = (rules: RuleSet, known: Set<string>) => {
      const found: string[] = [];
      for (const m of rules.scan(line.text, context))
        if (!known.has(m.category)) {
          known.add(m.category);
          found.push(m.category);
        }
      return found;
    };
    const categories = fresh(this.taxonomy.categories, seen.categories);
    const keywords = fresh(this.taxonomy.keywords, seen.keywords);
    if (categories.length === 0 && keywords.length === 0) return undefined;
    return {
      id: boundedId(["demand", line.contactId, line.lineId]),
      type: "demand.categorized",
      version: 1,
      time: line.time,
      tenant: line.tenant,
      source: "qa",
      contactId: line.contactId,
      channel: line.channel,
      ...(line.agentId === undefined ? {} : { agentId: line.agentId }),
      data: { categories, keywords, lineId: line.lineId },
    };
  }

  private forget(nowMs: number): void {
    for (const [id, seen] of this.contacts) if (nowMs - seen.touchedMs > FORGET_MS) this.contacts.delete(id);
  }
}
