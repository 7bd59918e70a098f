// compileRules(rules) -> RuleSet; RuleSet.scan(text, context) -> Match[]. Pure and synchronous: the
// API can compile a rule set on every change and swap it in; the QA service and qa-scan share it.

import type { Channel } from "../events/envelope";
import { type Folded, Folder, foldedString } from "./fold";
import { PhraseTable } from "./patterns";
import type { HoldRule, Match, QaRuleDef, RequiredPhraseRule, ScanContext, SilenceRule } from "./rule-types";
import { validateRules } from "./validate";

/** What one pass over a text found: flags, and which required-phrase rules the text satisfies. */
export interface Inspection {
  matches: Match[];
  /** Ids of required-phrase rules with one of their phrases in the text. */
  said: string[];
}

interface Hit {
  start: number;
  end: number;
}

export class RuleSet {
  private readonly table: PhraseTable;
  private readonly folder = new Folder();
  private readonly regexes: { rule: number; re: RegExp }[];
  private readonly applicable = new Map<string, Uint8Array>();

  constructor(readonly rules: readonly QaRuleDef[]) {
    this.table = new PhraseTable(rules);
    this.regexes = rules.flatMap((rule, index) =>
      rule.kind === "regex" ? [{ rule: index, re: new RegExp(rule.pattern, `${rule.flags ?? ""}g`) }] : [],
    );
  }

  /** Distinct folded phrases in the automaton (for benchmarks and logs). */
  get phraseCount(): number {
    return this.table.patternCount;
  }

  requiredPhraseRules(): RequiredPhraseRule[] {
    return this.rules.filter((r): r is RequiredPhraseRule => r.kind === "required-phrase");
  }

  silenceRules(): SilenceRule[] {
    return this.rules.filter((r): r is SilenceRule => r.kind === "silence");
  }

  holdRules(): HoldRule[] {
    return this.rules.filter((r): r is HoldRule => r.kind === "hold");
  }

  /** Text flags, sorted by start, end, rule id. Overlapping matches of different phrases are all reported. */
  scan(text: string, context: ScanContext): Match[] {
    return this.inspect(text, context).matches;
  }

  inspect(text: string, context: ScanContext): Inspection {
    const applies = this.applies(context.side, context.channel);
    const folded = this.folder.fold(text);
    const { codes, length } = folded;
    const main = new Map<number, Hit[]>();
    const near = new Map<number, Hit[]>();
    const said = new Set<number>();
    const table = this.table;
    table.automaton.scan(codes, length, (pattern, end) => {
      for (const entry of table.entries[pattern] ?? []) {
        if (applies[entry.rule] !== 1) continue;
        const start = end - entry.length;
        if (!table.boundariesHold(entry, codes, length, start, end)) continue;
        if (entry.role === "required") {
          said.add(entry.rule);
          continue;
        }
        if (entry.role === "main" && table.excluded(entry.rule, codes, length, start, end)) continue;
        const into = entry.role === "main" ? main : near;
        let list = into.get(entry.rule);
        if (list === undefined) {
          list = [];
          into.set(entry.rule, list);
        }
        list.push({ start, end });
      }
    });
    const matches: Match[] = [];
    const seen = new Set<string>();
    const emit = (rule: number, start: number, end: number) => {
      const def = this.rules[rule] as QaRuleDef;
      const from = folded.starts[start] as number;
      const to = folded.ends[end - 1] as number;
      const key = `${rule}:${from}:${to}`;
      if (seen.has(key)) return;
      seen.add(key);
      matches.push({
        ruleId: def.id,
        category: def.category,
        severity: def.severity,
        side: context.side,
        charRange: [from, to],
        matchedText: text.slice(from, to),
      });
    };
    for (const [rule, hits] of main) {
      const def = this.rules[rule];
      const proximity = def?.kind === "phrases" ? def.near : undefined;
      for (const hit of hits) {
        if (proximity === undefined) {
          emit(rule, hit.start, hit.end);
          continue;
        }
        // One flag per promise, covering it and every object near it ("保证给您全额退款"): what a reviewer reads.
        let start = hit.start;
        let end = hit.end;
        for (const other of near.get(rule) ?? []) {
          const gap = other.start >= hit.end ? other.start - hit.end : hit.start - other.end;
          if (gap > proximity.withinChars) continue;
          start = Math.min(start, other.start);
          end = Math.max(end, other.end);
        }
        if (end - start > hit.end - hit.start) emit(rule, start, end);
      }
    }
    this.runRegexes(applies, folded, (rule, start, end) => emit(rule, start, end));
    matches.sort(
      (a, b) =>
        a.charRange[0] - b.charRange[0] ||
        a.charRange[1] - b.charRange[1] ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    return { matches, said: [...said].map((r) => (this.rules[r] as QaRuleDef).id) };
  }

  private runRegexes(
    applies: Uint8Array,
    folded: Folded,
    emit: (rule: number, start: number, end: number) => void,
  ) {
    const active = this.regexes.filter((r) => applies[r.rule] === 1);
    if (active.length === 0 || folded.length === 0) return;
    const text = foldedString(folded);
    for (const { rule, re } of active) {
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        if (m[0].length > 0) emit(rule, m.index, m.index + m[0].length);
      }
    }
  }

  /** Which rules read this side on this channel; cached, as there are only a few combinations. */
  private applies(side: "agent" | "customer", channel: Channel | undefined): Uint8Array {
    const key = `${side}:${channel ?? ""}`;
    const cached = this.applicable.get(key);
    if (cached !== undefined) return cached;
    const mask = new Uint8Array(this.rules.length);
    this.rules.forEach((rule, i) => {
      const sideOk = rule.side === "any" || rule.side === side;
      const channelOk =
        channel === undefined || rule.channels === undefined || rule.channels.includes(channel);
      mask[i] = sideOk && channelOk ? 1 : 0;
    });
    this.applicable.set(key, mask);
    return mask;
  }
}

/** Validates (throwing QaRuleError that names each bad field) and builds the automaton once. */
export function compileRules(rules: readonly unknown[]): RuleSet {
  return new RuleSet(validateRules(rules));
}
