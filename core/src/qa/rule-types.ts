// QA rules as the engine runs them. Config files and the API may send the shorter config shape
// ({ id, category, keywords, severity: info|warning|critical }); validateRule turns that into these.

import type { Channel } from "../events/envelope";
import type { CharRange, QaSeverity } from "../events/qa";

export type QaSide = "agent" | "customer";

interface RuleBase {
  id: string;
  /** e.g. "complaint", "prohibited-promise", "shirking", "abuse". */
  category: string;
  severity: QaSeverity;
  /** Whose words the rule reads (default "any"). */
  side: QaSide | "any";
  /** Channels the rule runs on; absent means every channel. */
  channels?: Channel[];
  description?: string;
}

/** Any of the phrases, matched on folded text (see fold.ts) with word boundaries for spaced scripts. */
export interface PhraseRule extends RuleBase {
  kind: "phrases";
  /** A trailing "*" drops the end word boundary: "refund*" also matches "refunds", "refunded". */
  phrases: string[];
  /** The match does not count when the text right after it starts with one of these ("退款" + "成功"). */
  notFollowedBy?: string[];
  /** ... or right before it ends with one of these ("不能" + "保证"). */
  notPrecededBy?: string[];
  /** Only counts with one of these phrases within `withinChars` folded characters, either side. */
  near?: { phrases: string[]; withinChars: number };
}

/** A JavaScript regular expression run over the folded text (lower case, half-width, simplified). */
export interface RegexRule extends RuleBase {
  kind: "regex";
  pattern: string;
  /** Extra flags among "i", "u", "s", "m"; "g" is always added. */
  flags?: string;
}

/** Flags a contact whose side (usually the agent) did not say any of the phrases in time. */
export interface RequiredPhraseRule extends RuleBase {
  kind: "required-phrase";
  phrases: string[];
  /** Seconds from the agent's connect (chat) or from the start of the recording (voice). */
  withinSeconds: number;
}

/** Nobody spoke or wrote for longer than this. */
export interface SilenceRule extends RuleBase {
  kind: "silence";
  maxSeconds: number;
}

/** The customer was on hold for longer than this. */
export interface HoldRule extends RuleBase {
  kind: "hold";
  maxSeconds: number;
}

export type QaRuleDef = PhraseRule | RegexRule | RequiredPhraseRule | SilenceRule | HoldRule;
export type QaRuleKind = QaRuleDef["kind"];

export interface ScanContext {
  /** Who wrote or said the text. */
  side: QaSide;
  /** Absent: rules restricted to channels still run (a bare text scan, as in qa-scan without channel). */
  channel?: Channel;
}

export interface Match {
  ruleId: string;
  category: string;
  severity: QaSeverity;
  side: QaSide;
  /** UTF-16 offsets into the ORIGINAL text, end exclusive: text.slice(...charRange) === matchedText. */
  charRange: CharRange;
  matchedText: string;
}

/** One problem with a rule; `field` is a path inside the rule, e.g. "phrases[2]". */
export interface RuleError {
  field: string;
  message: string;
}
