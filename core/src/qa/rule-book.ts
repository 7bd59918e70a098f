// The rules in force for a scanner: the configured rules, then every qa.rule-saved / qa.rule-removed
// from the log in the order read (the API publishes them; graphql/src/live/qa-rule-book.ts keeps the
// same view for the API). Saved rules are validated again here: one a newer engine refuses is
// skipped and counted, never trusted. The automaton is rebuilt lazily, once per burst of edits.

import type { StarboardEvent } from "../events/index";
import { RuleSet } from "./rule-set";
import type { QaRuleDef } from "./rule-types";
import { validateRule } from "./validate";

export class RuleBook {
  /** Rule id -> the saved rule, or null when removed; wins over the configured rule with that id. */
  private readonly edits = new Map<string, QaRuleDef | null>();
  private compiled: RuleSet | undefined;
  /** Saved rules that did not validate. */
  invalid = 0;
  /** Edits applied (saved or removed). */
  changes = 0;

  constructor(private base: RuleSet) {
    this.compiled = base;
  }

  /** New configured rules (config reload or a direct API swap); log edits still apply on top. */
  setBase(base: RuleSet): void {
    this.base = base;
    this.compiled = this.edits.size === 0 ? base : undefined;
  }

  /** True when the event was a rule edit (applied or refused). */
  apply(event: StarboardEvent): boolean {
    if (event.type === "qa.rule-removed") {
      this.edits.set(event.data.ruleId, null);
    } else if (event.type === "qa.rule-saved") {
      const checked = validateRule(event.data.rule);
      if (!checked.ok) {
        this.invalid += 1;
        return true;
      }
      this.edits.set(checked.rule.id, checked.rule);
    } else {
      return false;
    }
    this.changes += 1;
    this.compiled = undefined;
    return true;
  }

  current(): RuleSet {
    if (this.compiled === undefined) {
      const kept = this.base.rules.filter((r) => !this.edits.has(r.id));
      const saved = [...this.edits.values()].filter((r): r is QaRuleDef => r !== null);
      this.compiled = new RuleSet([...kept, ...saved]);
    }
    return this.compiled;
  }
}
