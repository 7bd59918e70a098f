import { randomUUID } from "node:crypto";
import { type EventLog, publishEvents, type StarboardEvent, validateRule } from "@starboard/core";
import type { Principal } from "../auth/api-keys";
import type { LiveFeed } from "../live/live-feed";
import { enumCode, enumName } from "../live/model";
import type { QaRuleEntry } from "../live/qa-rule-book";
import { type DemandTermInput, saveTaxonomy } from "./demand-taxonomy";

// QA rule management: rules are validated by core/src/qa (the same check every scanner runs) and
// saved as qa.rule-saved / qa.rule-removed events, so every API instance and scanner applies them.

export function apiQaRule(entry: QaRuleEntry) {
  const r = entry.rule as unknown as Record<string, unknown>;
  return {
    ...r,
    kind: enumName(entry.rule.kind),
    severity: enumName(entry.rule.severity),
    side: enumName(entry.rule.side),
    channels: Array.isArray(r.channels) ? (r.channels as string[]).map(enumName) : null,
    origin: enumName(entry.origin),
    savedBy: entry.savedBy ?? null,
    savedAt: entry.savedAt ?? null,
  };
}

/** GraphQL input (enum names) -> the rule shape core/src/qa validates (codes). */
function ruleFromInput(input: Record<string, unknown>): Record<string, unknown> {
  const rule: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input))
    if (value !== null && value !== undefined) rule[key] = value;
  for (const key of ["kind", "severity", "side"])
    if (typeof rule[key] === "string") rule[key] = enumCode(rule[key] as string);
  if (Array.isArray(rule.channels)) rule.channels = (rule.channels as string[]).map(enumCode);
  return rule;
}

export class QaRuleService {
  constructor(
    private readonly log: EventLog,
    private readonly feed: LiveFeed,
    private readonly tenant: string,
  ) {}

  list() {
    return this.feed.qaRules.list().map(apiQaRule);
  }

  private envelope() {
    return {
      id: `qa-rule-${randomUUID()}`,
      version: 1 as const,
      time: new Date().toISOString(),
      tenant: this.tenant,
      source: "graphql",
    };
  }

  async save(principal: Principal, input: Record<string, unknown>) {
    const checked = validateRule(ruleFromInput(input));
    if (!checked.ok) return { status: "FAILED", rule: null, problems: checked.errors };
    const rule = checked.rule as unknown as Record<string, unknown>;
    const saved: StarboardEvent = {
      ...this.envelope(),
      type: "qa.rule-saved",
      data: { ruleId: checked.rule.id, rule, savedBy: principal.keyId },
    };
    await publishEvents(this.log, [saved]);
    const entry: QaRuleEntry = {
      rule: checked.rule,
      origin: "api",
      savedBy: principal.keyId,
      savedAt: new Date().toISOString(),
    };
    return { status: "SUCCEEDED", rule: apiQaRule(entry), problems: [] };
  }

  async remove(principal: Principal, id: string) {
    const entry = this.feed.qaRules.get(id);
    if (entry === undefined)
      return { status: "FAILED", rule: null, problems: [{ field: "id", message: `no QA rule ${id}` }] };
    const removed: StarboardEvent = {
      ...this.envelope(),
      type: "qa.rule-removed",
      data: { ruleId: id, removedBy: principal.keyId },
    };
    await publishEvents(this.log, [removed]);
    return { status: "SUCCEEDED", rule: apiQaRule(entry), problems: [] };
  }

  /** Replaces the demand taxonomy for every scanner (demand-taxonomy.ts). */
  saveDemandTaxonomy(
    principal: Principal,
    input: { categories: DemandTermInput[]; keywords: DemandTermInput[] },
  ) {
    return saveTaxonomy(this.log, this.tenant, principal, input);
  }
}
