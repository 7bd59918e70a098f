// QA rules: phrase, regex, required-phrase, silence and hold rules over messages and transcripts.

export { Automaton } from "./automaton";
export { defaultQaRules } from "./default-rules";
export { type CompiledTaxonomy, compileTaxonomy, DemandTracker } from "./demand";
export { type DemandTaxonomy, defaultDemandTaxonomy } from "./demand-taxonomy";
export { type CategoryScore, type Evaluation, evaluateRules, type LabelledLine } from "./evaluate";
export { flagIdOf } from "./flag-event";
export { type Folded, Folder, foldPhrase } from "./fold";
export { type Line as QaLine, lineOf, QaEngine } from "./qa-engine";
export { type QaService, type QaServiceOptions, type QaServiceStats, startQaService } from "./qa-service";
export { compileRules, type Inspection, RuleSet } from "./rule-set";
export type {
  HoldRule,
  Match,
  PhraseRule,
  QaRuleDef,
  QaRuleKind,
  QaSide,
  RegexRule,
  RequiredPhraseRule,
  RuleError,
  ScanContext,
  SilenceRule,
} from "./rule-types";
export { traditionalCoverage } from "./tradsimp";
export { QaRuleError, type RuleValidation, validateRule, validateRules } from "./validate";
