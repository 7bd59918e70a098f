// compileRules(rules) -> RuleSet; RuleSet.scan(text, context) -> Match[]. Pure and synchronous: the
// API can compile a rule set on every change and swap it in; the QA service and qa-scan share it.

import { type Channel, channels } from "../events/envelope";
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

/** One scan's matches under construction. */
interface Assembly {
  text: string;
  side: ScanContext["side"];
  folded: Folded;
  matches: Match[];
  seen: Set<string> | undefined;
}

const byPosition = (a: Match, b: Match) =>
  a.charRange[0] - b.charRange[0] ||
  a.charRange[1] - b.charRange[1] ||
  (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

const ROLE_MAIN = 0;
const ROLE_NEAR = 1;
const ROLE_REQUIRED = 2;

export class RuleSet {
  private readonly table: PhraseTable;
  private readonly folder = new Folder();
  private readonly regexes: { rule: number; re: RegExp }[];
  /** Rule masks by side (0 agent, 1 customer) and channel (0 none, else index in `channels` + 1). */
  private readonly applicable: (Uint8Array | undefined)[] = [];
  /** Per-scan state for the bound automaton callback (scans are synchronous, never interleaved). */
  private current: Uint8Array = new Uint8Array(0);
  private folded: Folded = {
    codes: new Uint16Array(0),
    length: 0,
    starts: new Int32Array(0),
    ends: new Int32Array(0),
  };
  /** Raw hits as (role, rule, start, end) quadruples in folded offsets; a reused, growing buffer. */
  private hits = new Int32Array(256);
  private hitCount = 0;
  /** The time rules, listed once: the engine asks for them on every line. */
  private readonly timeRules: {
    required: RequiredPhraseRule[];
    silence: SilenceRule[];
    hold: HoldRule[];
  };

  constructor(readonly rules: readonly QaRuleDef[]) {
    this.table = new PhraseTable(rules);
    this.timeRules = {
      required: rules.filter((r): r is RequiredPhraseRule => r.kind === "required-phrase"),
      silence: rules.filter((r): r is SilenceRule => r.kind === "silence"),
      hold: rules.filter((r): r is HoldRule => r.kind === "hold"),
    };
    this.regexes = rules.flatMap((rule, index) =>
      rule.kind === "regex" ? [{ rule: index, re: new RegExp(rule.pattern, `${rule.flags ?? ""}g`) }] : [],
    );
  }

  /** Distinct folded phrases in the automaton (for benchmarks and logs). */
  get phraseCount(): number {
    return this.table.patternCount;
  }

  requiredPhraseRules(): readonly RequiredPhraseRule[] {
    return this.timeRules.required;
  }

  silenceRules(): readonly SilenceRule[] {
    return this.timeRules.silence;
  }

  holdRules(): readonly HoldRule[] {
    return this.timeRules.hold;
  }

  /** Text flags, sorted by start, end, rule id. Overlapping matches of different phrases are all reported. */
  scan(text: string, context: ScanContext): Match[] {
    return this.inspect(text, context).matches;
  }

  inspect(text: string, context: ScanContext): Inspection {
    this.current = this.applies(context.side, context.channel);
    const folded = this.folder.fold(text);
    this.folded = folded;
    this.hitCount = 0;
    this.table.automaton.scan(folded.codes, folded.length, this.collect);
    if (this.hitCount === 0 && this.regexes.length === 0) return { matches: [], said: [] };
    const out: Assembly = { text, side: context.side, folded, matches: [], seen: undefined };
    const said: string[] = [];
    const hits = this.hits;
    const n = this.hitCount * 4;
    for (let i = 0; i < n; i += 4) {
      const role = hits[i] as number;
      const rule = hits[i + 1] as number;
      const def = this.rules[rule] as QaRuleDef;
      if (role === ROLE_REQUIRED && !said.includes(def.id)) said.push(def.id);
      if (role !== ROLE_MAIN) continue;
      const start = hits[i + 2] as number;
      const end = hits[i + 3] as number;
      const proximity = def.kind === "phrases" ? def.near : undefined;
      if (proximity === undefined) {
        this.emit(out, rule, start, end);
        continue;
      }
      // One flag per promise, covering it and every object near it ("保证给您全额退款"): what a reviewer reads.
      let from = start;
      let to = end;
      for (let j = 0; j < n; j += 4) {
        if (hits[j] !== ROLE_NEAR || hits[j + 1] !== rule) continue;
        const os = hits[j + 2] as number;
        const oe = hits[j + 3] as number;
        const gap = os >= end ? os - end : start - oe;
        if (gap > proximity.withinChars) continue;
        from = Math.min(from, os);
        to = Math.max(to, oe);
      }
      if (to - from > end - start) this.emit(out, rule, from, to);
    }
    this.runRegexes(out);
    const { matches } = out;
    if (matches.length > 1) matches.sort(byPosition);
    return { matches, said };
  }

  /** Adds a match (folded offsets) once, mapped back to the original text. */
  private emit(out: Assembly, rule: number, start: number, end: number): void {
    const def = this.rules[rule] as QaRuleDef;
    const from = out.folded.starts[start] as number;
    const to = out.folded.ends[end - 1] as number;
    const { matches } = out;
    // A chat line has a handful of matches: a linear look-up beats string keys; long texts get a Set.
    if (out.seen === undefined) {
      for (const m of matches)
        if (m.ruleId === def.id && m.charRange[0] === from && m.charRange[1] === to) return;
      if (matches.length >= 16)
        out.seen = new Set(matches.map((m) => `${m.ruleId}:${m.charRange[0]}:${m.charRange[1]}`));
    }
    if (out.seen !== undefined) {
      const key = `${def.id}:${from}:${to}`;
      if (out.seen.has(key)) return;
      out.seen.add(key);
    }
    matches.push({
      ruleId: def.id,
      category: def.category,
      severity: def.severity,
      side: out.side,
      charRange: [from, to],
      matchedText: out.text.slice(from, to),
    });
  }

  /** The automaton's callback, bound once: keeps every raw hit that passes boundaries and exclusions. */
  private readonly collect = (pattern: number, end: number): void => {
    const { table, current: applies } = this;
    const { codes, length } = this.folded;
    for (const entry of table.entries[pattern] ?? []) {
      if (applies[entry.rule] !== 1) continue;
      const start = end - entry.length;
      if (!table.boundariesHold(entry, codes, length, start, end)) continue;
      if (entry.role === "main" && table.excluded(entry.rule, codes, length, start, end)) continue;
      const at = this.hitCount * 4;
      if (at + 4 > this.hits.length) {
        const grown = new Int32Array(this.hits.length * 2);
        grown.set(this.hits);
        this.hits = grown;
      }
      this.hits[at] = entry.role === "main" ? ROLE_MAIN : entry.role === "near" ? ROLE_NEAR : ROLE_REQUIRED;
      this.hits[at + 1] = entry.rule;
      this.hits[at + 2] = start;
      this.hits[at + 3] = end;
      this.hitCount += 1;
    }
  };

  /** Regular-expression rules over the folded text (built only when one applies). */
  private runRegexes(out: Assembly): void {
    const applies = this.current;
    const active = this.regexes.filter((r) => applies[r.rule] === 1);
    if (active.length === 0 || out.folded.length === 0) return;
    const folded = foldedString(out.folded);
    for (const { rule, re } of active) {
      re.lastIndex = 0;
      for (const m of folded.matchAll(re)) {
        if (m[0].length > 0) this.emit(out, rule, m.index, m.index + m[0].length);
      }
    }
  }

  /** Which rules read this side on this channel; cached, as there are only a few combinations. */
  private applies(side: "agent" | "customer", channel: Channel | undefined): Uint8Array {
    const key =
      (side === "agent" ? 0 : 1) * (channels.length + 1) +
      (channel === undefined ? 0 : channels.indexOf(channel) + 1);
    const cached = this.applicable[key];
    if (cached !== undefined) return cached;
    const mask = new Uint8Array(this.rules.length);
    this.rules.forEach((rule, i) => {
      const sideOk = rule.side === "any" || rule.side === side;
      const channelOk =
        channel === undefined || rule.channels === undefined || rule.channels.includes(channel);
      mask[i] = sideOk && channelOk ? 1 : 0;
    });
    this.applicable[key] = mask;
    return mask;
  }
}

/** Validates (throwing QaRuleError that names each bad field) and builds the automaton once. */
export function compileRules(rules: readonly unknown[]): RuleSet {
  return new RuleSet(validateRules(rules));
}
