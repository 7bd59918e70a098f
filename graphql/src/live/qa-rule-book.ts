import { type QaRuleDef, type StarboardEvent, validateRule } from "@starboard/core";

export interface QaRuleEntry {
  rule: QaRuleDef;
  origin: "config" | "api";
  savedBy: string | undefined;
  savedAt: string | undefined;
}

/**
 * The QA rules in force, rebuilt from the log: the config's rules, then every qa.rule-saved and
 * qa.rule-removed in order. A saved rule that no longer validates (a newer engine refusing an old
 * rule) is skipped and counted rather than trusted.
 */
export class QaRuleBook {
  private readonly rules = new Map<string, QaRuleEntry>();
  invalid = 0;

  constructor(configRules: readonly unknown[] = []) {
    for (const input of configRules) {
      const checked = validateRule(input);
      if (checked.ok)
        this.rules.set(checked.rule.id, {
          rule: checked.rule,
          origin: "config",
          savedBy: undefined,
          savedAt: undefined,
        });
      else this.invalid += 1;
    }
  }

  apply(event: StarboardEvent): boolean {
    if (event.type === "qa.rule-removed") return this.rules.delete(event.data.ruleId);
    if (event.type !== "qa.rule-saved") return false;
    const checked = validateRule(event.data.rule);
    if (!checked.ok) {
      this.invalid += 1;
      return false;
    }
    this.rules.set(checked.rule.id, {
      rule: checked.rule,
      origin: "api",
      savedBy: event.data.savedBy,
      savedAt: event.time,
    });
    return true;
  }

  get(id: string): QaRuleEntry | undefined {
    return this.rules.get(id);
  }

  list(): QaRuleEntry[] {
    return [...this.rules.values()].sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1));
  }
}
