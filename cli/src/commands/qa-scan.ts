import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  type Channel,
  channels,
  compileRules,
  defaultQaRules,
  parseEventJson,
  QaEngine,
  QaRuleError,
  type QaSide,
  type RuleSet,
} from "@starboard/core";
import { parse as parseYaml } from "yaml";
import { type Command, UsageError } from "../command";

const usage = `starboard qa-scan <messages.jsonl> [--rules <file>] [--json]

  Runs the QA rules over exported messages or transcript segments and prints one flag per line:
  input line, message or segment id, rule, category, severity, side, [start,end) offsets, text.

  <messages.jsonl>  one JSON object per line, either
                    - a Starboard event (message.received, message.sent, transcript.segment; with
                      contact.connected / contact.resumed the greeting, silence and hold rules run), or
                    - a plain record {"id", "side": "agent"|"customer", "text", "channel"?}
                      ("speaker" or "senderRole" may stand for "side"); text rules only
  --rules <file>    YAML or JSON: a list of rules, or { qaRules: [...] } as in STARBOARD_CONFIG
                    (default: the bilingual rules shipped in @starboard/core)
  --json            one JSON object per flag: {"line","id","ruleId","category","severity","side",
                    "charRange","matchedText"}
  Exit status 1 when a rules file or an input line is invalid (each is reported on stderr).`;

export interface ScanFlag {
  line: number;
  id: string;
  ruleId: string;
  category: string;
  severity: string;
  side: QaSide;
  charRange: [number, number];
  matchedText: string;
}

/** The rules file: a bare list or the config's { qaRules } (YAML is a superset of JSON). */
function rulesFrom(text: string, file: string): RuleSet {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  const list =
    typeof raw === "object" && raw !== null && !Array.isArray(raw) && "qaRules" in raw ? raw.qaRules : raw;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of rules or { qaRules: [...] }`);
  try {
    return compileRules(list);
  } catch (error) {
    if (error instanceof QaRuleError) throw new Error(`${file}: ${error.message}`);
    throw error;
  }
}

type Plain = { id: string; side: QaSide; text: string; channel: Channel | undefined };

/** A plain export record, or the reason it is not one. */
function plainRecord(value: Record<string, unknown>, line: number): Plain | string {
  const rawSide = value.side ?? value.speaker ?? value.senderRole;
  const side =
    rawSide === "customer" ? "customer" : rawSide === "agent" || rawSide === "bot" ? "agent" : undefined;
  if (side === undefined) return `"side" must be "agent" or "customer" (got ${JSON.stringify(rawSide)})`;
  if (typeof value.text !== "string") return `"text" must be a string`;
  const channel = channels.find((c) => c === value.channel);
  if (value.channel !== undefined && channel === undefined) {
    return `"channel" must be one of ${channels.join(", ")} (got ${JSON.stringify(value.channel)})`;
  }
  const rawId = value.id ?? value.messageId ?? value.segmentId;
  const id = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : `line-${line}`;
  return { id, side, text: value.text, channel };
}

/** Scans the file's lines in order; events go through the engine (time rules), plain records through scan. */
export function scanLines(text: string, rules: RuleSet, onError: (message: string) => void): ScanFlag[] {
  const engine = new QaEngine(rules);
  const flags: ScanFlag[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      onError(`line ${line}: not JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      onError(`line ${line}: expected a JSON object`);
      return;
    }
    if ("type" in value && "data" in value) {
      const parsed = parseEventJson(raw);
      if (!parsed.ok) {
        onError(
          `line ${line}: not a valid event: ${parsed.error.path === "" ? "" : `${parsed.error.path}: `}${parsed.error.reason}`,
        );
        return;
      }
      for (const f of engine.handle(parsed.event)) {
        const loc = f.data.location;
        const id = loc.type === "message" ? loc.messageId : loc.segmentId;
        const { ruleId, category, severity, side, matchedText } = f.data;
        flags.push({ line, id, ruleId, category, severity, side, charRange: loc.charRange, matchedText });
      }
      return;
    }
    const record = plainRecord(value as Record<string, unknown>, line);
    if (typeof record === "string") {
      onError(`line ${line}: ${record}`);
      return;
    }
    const context = {
      side: record.side,
      ...(record.channel === undefined ? {} : { channel: record.channel }),
    };
    for (const m of rules.scan(record.text, context)) flags.push({ line, id: record.id, ...m });
  });
  return flags;
}

export const qaScanCommand: Command = {
  name: "qa-scan",
  summary: "run the QA rules over exported messages or transcript segments and print the flags",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { rules: { type: "string" }, json: { type: "boolean", default: false } },
      allowPositionals: true,
      strict: true,
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError("missing <messages.jsonl>");
    if (extra.length > 0) throw new UsageError(`one input file at a time (got ${positionals.length})`);
    let rules: RuleSet;
    let input: string;
    try {
      rules =
        values.rules === undefined
          ? compileRules(defaultQaRules)
          : rulesFrom(await readFile(values.rules, "utf8"), values.rules);
      input = await readFile(file, "utf8");
    } catch (error) {
      io.err(`starboard qa-scan: ${(error as Error).message}`);
      return 1;
    }
    let refused = 0;
    const flags = scanLines(input, rules, (message) => {
      refused += 1;
      io.err(`starboard qa-scan: ${file}: ${message}`);
    });
    for (const f of flags) {
      if (values.json) io.out(JSON.stringify(f));
      else
        io.out(
          `${f.line}:${f.id}  ${f.ruleId}  ${f.category}  ${f.severity}  ${f.side}  [${f.charRange[0]},${f.charRange[1]})  ${JSON.stringify(f.matchedText)}`,
        );
    }
    io.err(`${flags.length} flags${refused > 0 ? `, ${refused} input lines refused` : ""}`);
    return refused > 0 ? 1 : 0;
  },
};
