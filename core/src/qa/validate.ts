// Rule validation for config files and the API: every problem is returned at once, each naming the
// field ("phrases[2]: folds to nothing ..."), so an editor can point at it.

import { z } from "zod";
import { channels } from "../events/envelope";
import { foldPhrase } from "./fold";
import type { QaRuleDef, RuleError } from "./rule-types";

const severities = ["low", "medium", "high", "critical"] as const;
/** The config file's older vocabulary (cli/src/config QaRule). */
const configSeverity: Record<string, (typeof severities)[number]> = {
  info: "low",
  warning: "medium",
  critical: "critical",
};

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, { error: "letters, digits, _ . : - only" });
const phrase = z.string().min(1).max(200);
const phrases = z.array(phrase).min(1, { error: "expected at least one phrase" }).max(100_000);
const base = {
  id,
  category: z.string().min(1).max(64),
  severity: z.enum(severities),
  side: z.enum(["agent", "customer", "any"]),
  channels: z.array(z.enum(channels)).min(1).optional(),
  description: z.string().max(1_000).optional(),
};
const seconds = z.number().positive().max(86_400);

const ruleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...base,
    kind: z.literal("phrases"),
    phrases,
    notFollowedBy: z.array(phrase).optional(),
    notPrecededBy: z.array(phrase).optional(),
    near: z.strictObject({ phrases, withinChars: z.int().min(0).max(500) }).optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal("regex"),
    pattern: z.string().min(1).max(2_000),
    flags: z
      .string()
      .regex(/^[imsu]*$/, { error: 'flags may only contain "i", "m", "s", "u"' })
      .optional(),
  }),
  z.strictObject({ ...base, kind: z.literal("required-phrase"), phrases, withinSeconds: seconds }),
  z.strictObject({ ...base, kind: z.literal("silence"), maxSeconds: seconds }),
  z.strictObject({ ...base, kind: z.literal("hold"), maxSeconds: seconds }),
]) satisfies z.ZodType<QaRuleDef>;

/** Accepts the config shape: `keywords` means a phrase rule, severities info/warning map to low/medium. */
function normalise(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const rule: Record<string, unknown> = { ...input };
  if (rule.kind === undefined && "keywords" in rule && !("phrases" in rule)) {
    rule.kind = "phrases";
    rule.phrases = rule.keywords;
    delete rule.keywords;
  }
  if (typeof rule.severity === "string" && rule.severity in configSeverity) {
    rule.severity = configSeverity[rule.severity];
  }
  if (rule.severity === undefined) rule.severity = "medium";
  if (rule.side === undefined) rule.side = "any";
  return rule;
}

function fieldOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path)
    out += typeof part === "number" ? `[${part}]` : `${out === "" ? "" : "."}${String(part)}`;
  return out === "" ? "(rule)" : out;
}

/** Checks the engine cannot leave to a schema: phrases that fold to nothing, regexes that do not compile. */
function deeper(rule: QaRuleDef): RuleError[] {
  const errors: RuleError[] = [];
  const checkPhrases = (list: readonly string[] | undefined, field: string) => {
    list?.forEach((p, i) => {
      const core = p.endsWith("*") ? p.slice(0, -1) : p;
      if (foldPhrase(core) === "") {
        errors.push({
          field: `${field}[${i}]`,
          message: `"${p}" is only spaces or punctuation after folding`,
        });
      }
    });
  };
  if (rule.kind === "phrases") {
    checkPhrases(rule.phrases, "phrases");
    checkPhrases(rule.notFollowedBy, "notFollowedBy");
    checkPhrases(rule.notPrecededBy, "notPrecededBy");
    checkPhrases(rule.near?.phrases, "near.phrases");
  }
  if (rule.kind === "required-phrase") checkPhrases(rule.phrases, "phrases");
  if (rule.kind === "regex") {
    try {
      const re = new RegExp(rule.pattern, `${rule.flags ?? ""}g`);
      if (re.test(""))
        errors.push({ field: "pattern", message: "matches the empty string (it would flag every text)" });
    } catch (error) {
      errors.push({ field: "pattern", message: `does not compile: ${(error as Error).message}` });
    }
  }
  return errors;
}

export type RuleValidation = { ok: true; rule: QaRuleDef } | { ok: false; errors: RuleError[] };

export function validateRule(input: unknown): RuleValidation {
  const parsed = ruleSchema.safeParse(normalise(input));
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message })),
    };
  }
  const errors = deeper(parsed.data);
  return errors.length === 0 ? { ok: true, rule: parsed.data } : { ok: false, errors };
}

/** Thrown by compileRules; the message lists every problem as `rules[i] (id).field: message`. */
export class QaRuleError extends Error {
  override readonly name = "QaRuleError";
  constructor(readonly problems: readonly { index: number; ruleId: string | undefined; error: RuleError }[]) {
    super(
      `invalid QA rules:\n${problems
        .map(
          (p) =>
            `  rules[${p.index}]${p.ruleId === undefined ? "" : ` (${p.ruleId})`}.${p.error.field}: ${p.error.message}`,
        )
        .join("\n")}`,
    );
  }
}

/** Validates a list: each rule alone, then that ids are unique. Throws QaRuleError listing everything. */
export function validateRules(inputs: readonly unknown[]): QaRuleDef[] {
  const problems: { index: number; ruleId: string | undefined; error: RuleError }[] = [];
  const rules: QaRuleDef[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const raw = typeof input === "object" && input !== null && "id" in input ? input.id : undefined;
    const ruleId = typeof raw === "string" ? raw : undefined;
    const checked = validateRule(input);
    if (!checked.ok) {
      for (const error of checked.errors) problems.push({ index, ruleId, error });
      return;
    }
    const first = seen.get(checked.rule.id);
    if (first !== undefined) {
      problems.push({ index, ruleId, error: { field: "id", message: `duplicate of rules[${first}]` } });
      return;
    }
    seen.set(checked.rule.id, index);
    rules.push(checked.rule);
  });
  if (problems.length > 0) throw new QaRuleError(problems);
  return rules;
}
