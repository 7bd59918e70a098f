// The phrase table behind a RuleSet: every phrase of every rule, folded, deduplicated into one
// automaton pattern each, with the checks a raw automaton hit still has to pass (word boundaries,
// exclusions) done on the folded code units.

import { Automaton } from "./automaton";
import { CharClass, charClassTable, foldPhrase } from "./fold";
import type { QaRuleDef } from "./rule-types";

export type PhraseRole = "main" | "near" | "required";

export interface PhraseEntry {
  rule: number;
  role: PhraseRole;
  length: number;
  /** The phrase starts / ends with a spaced-script word character: a word boundary is required there. */
  boundaryStart: boolean;
  boundaryEnd: boolean;
}

export interface Exclusions {
  notFollowedBy: Uint16Array[];
  notPrecededBy: Uint16Array[];
}

const SPACE = 0x20;

function codesOf(folded: string): Uint16Array {
  const out = new Uint16Array(folded.length);
  for (let i = 0; i < folded.length; i++) out[i] = folded.charCodeAt(i);
  return out;
}

export class PhraseTable {
  readonly automaton: Automaton;
  /** Automaton pattern id -> the rule phrases it stands for. */
  readonly entries: PhraseEntry[][] = [];
  /** Per rule index; empty lists when the rule has none. */
  readonly exclusions: Exclusions[];
  private readonly cls = charClassTable();

  constructor(rules: readonly QaRuleDef[]) {
    const ids = new Map<string, number>();
    const patterns: Uint16Array[] = [];
    const add = (rule: number, role: PhraseRole, raw: string) => {
      const prefix = raw.endsWith("*");
      const folded = foldPhrase(prefix ? raw.slice(0, -1) : raw);
      if (folded === "") return; // validateRule refuses these; compile stays total anyway
      let id = ids.get(folded);
      if (id === undefined) {
        id = patterns.length;
        ids.set(folded, id);
        patterns.push(codesOf(folded));
        this.entries.push([]);
      }
      const first = folded.charCodeAt(0);
      const last = folded.charCodeAt(folded.length - 1);
      const entry: PhraseEntry = {
        rule,
        role,
        length: folded.length,
        boundaryStart: this.cls[first] === CharClass.word,
        boundaryEnd: !prefix && this.cls[last] === CharClass.word,
      };
      const list = this.entries[id] as PhraseEntry[];
      if (!list.some((e) => e.rule === rule && e.role === role && e.boundaryEnd === entry.boundaryEnd))
        list.push(entry);
    };
    this.exclusions = rules.map((rule, index) => {
      if (rule.kind === "phrases") {
        for (const p of rule.phrases) add(index, "main", p);
        for (const p of rule.near?.phrases ?? []) add(index, "near", p);
        return {
          notFollowedBy: (rule.notFollowedBy ?? []).map((p) => codesOf(foldPhrase(p))),
          notPrecededBy: (rule.notPrecededBy ?? []).map((p) => codesOf(foldPhrase(p))),
        };
      }
      if (rule.kind === "required-phrase") for (const p of rule.phrases) add(index, "required", p);
      return { notFollowedBy: [], notPrecededBy: [] };
    });
    this.automaton = new Automaton(patterns);
  }

  get patternCount(): number {
    return this.entries.length;
  }

  /** English-style word boundaries: no word character right outside a word-edged phrase. */
  boundariesHold(
    entry: PhraseEntry,
    codes: Uint16Array,
    length: number,
    start: number,
    end: number,
  ): boolean {
    if (entry.boundaryStart && start > 0 && this.cls[codes[start - 1] as number] === CharClass.word)
      return false;
    if (entry.boundaryEnd && end < length && this.cls[codes[end] as number] === CharClass.word) return false;
    return true;
  }

  /** True when an exclusion applies; one folded space between them is allowed ("can't guarantee"). */
  excluded(rule: number, codes: Uint16Array, length: number, start: number, end: number): boolean {
    const ex = this.exclusions[rule];
    if (ex === undefined) return false;
    for (const after of ex.notFollowedBy) {
      if (startsAt(codes, length, end, after)) return true;
      if (end < length && codes[end] === SPACE && startsAt(codes, length, end + 1, after)) return true;
    }
    for (const before of ex.notPrecededBy) {
      if (startsAt(codes, length, start - before.length, before)) return true;
      if (
        start > 0 &&
        codes[start - 1] === SPACE &&
        startsAt(codes, length, start - 1 - before.length, before)
      ) {
        return true;
      }
    }
    return false;
  }
}

function startsAt(codes: Uint16Array, length: number, at: number, what: Uint16Array): boolean {
  if (at < 0 || at + what.length > length) return false;
  for (let i = 0; i < what.length; i++) if (codes[at + i] !== what[i]) return false;
  return true;
}
