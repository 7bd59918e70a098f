import { readFileSync } from "node:fs";
import {
  compileRules,
  defaultQaRules,
  evaluateRules,
  type LabelledLine,
  type QaRuleDef,
  type RuleSet,
} from "../src/qa/index";
import { mulberry32 } from "../src/routing/simulation";
import { type BenchProgress, type BenchRow, row } from "./row";

// QA phrase matching with 5,000 phrases over chat lines, beside the two things people write first:
// a loop of String.prototype.includes (one pass over the line per phrase) and one combined RegExp.
// Same phrases, same lines, same process. The references do less work than the engine: no folding
// (traditional, full-width, split phrases), no offsets back into the original text, and the RegExp
// reports no overlapping matches; the engine does all of that inside its figure.

const HAN =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理";
const WORDS =
  "account address agent app balance bill card charge chat check code courier credit delivery discount email error fee invoice item late link login manager message number offer order package parcel password payment phone plan points price product receipt refund reset return service shipment size status store subscription support tracking transfer update voucher warehouse warranty".split(
    " ",
  );

function phraseRules(total: number): QaRuleDef[] {
  const random = mulberry32(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const phrases = new Set<string>();
  for (const r of defaultQaRules) if (r.kind === "phrases") for (const p of r.phrases) phrases.add(p);
  while (phrases.size < total) {
    if (random() < 0.5) {
      const n = 2 + Math.floor(random() * 3);
      phrases.add(Array.from({ length: n }, () => pick([...HAN])).join(""));
    } else {
      const n = 1 + Math.floor(random() * 3);
      phrases.add(Array.from({ length: n }, () => pick(WORDS)).join(" "));
    }
  }
  const list = [...phrases];
  const rules: QaRuleDef[] = [];
  for (let i = 0; i < list.length; i += 100) {
    rules.push({
      id: `bench-${i / 100}`,
      kind: "phrases",
      category: `bench-${i % 7}`,
      severity: "low",
      side: "any",
      phrases: list.slice(i, i + 100),
    });
  }
  return rules;
}

function labelledLines(): LabelledLine[] {
  return readFileSync(new URL("../test/qa/labelled/messages.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as LabelledLine);
}

/**
 * Chat lines: the labelled set repeated, with a few random words appended so lines differ. Passed
 * through JSON like messages read from the log: concatenated (cons) strings would make every
 * charCodeAt several times slower and measure V8's string representation instead of the matcher.
 */
function chatLines(count: number, base: readonly LabelledLine[]): string[] {
  const random = mulberry32(11);
  const lines = Array.from({ length: count }, (_, i) => {
    const line = base[i % base.length] as LabelledLine;
    const extra =
      random() < 0.5 ? ` ${WORDS[Math.floor(random() * WORDS.length)]}` : HAN.slice(i % 300, (i % 300) + 6);
    return `${line.text}${extra}`;
  });
  return JSON.parse(JSON.stringify(lines)) as string[];
}

/** Runs `pass` over the lines until at least minMs has passed; MB/s of UTF-8 text. */
function throughput(
  lines: readonly string[],
  bytes: number,
  minMs: number,
  pass: (line: string) => number,
): number {
  let rounds = 0;
  let sink = 0;
  const start = performance.now();
  do {
    for (const line of lines) sink += pass(line);
    rounds += 1;
  } while (performance.now() - start < minMs);
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) throw new Error("unreachable"); // keeps the work observable
  return Math.round(((bytes * rounds) / seconds / 1e6) * 100) / 100;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function qaBenchmarks(options: {
  progress: BenchProgress;
  phrases?: number;
  lines?: number;
  minMs?: number;
}): Promise<BenchRow[]> {
  const total = options.phrases ?? 5_000;
  const minMs = options.minMs ?? 1_500;
  const base = labelledLines();
  const lines = chatLines(options.lines ?? 20_000, base);
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
  const rules = phraseRules(total);
  options.progress(`qa: compiling ${total.toLocaleString("en-US")} phrases`);
  const compileStart = performance.now();
  const set: RuleSet = compileRules(rules);
  const compileMs = performance.now() - compileStart;
  const phrases = rules.flatMap((r) => (r.kind === "phrases" ? r.phrases.map((p) => p.toLowerCase()) : []));
  const name = `phrase matching, ${total.toLocaleString("en-US")} phrases over ${lines.length.toLocaleString("en-US")} chat lines`;

  options.progress("qa: automaton");
  const engine = throughput(lines, bytes, minMs, (l) => set.scan(l, { side: "customer" }).length);
  // The references scan a tenth of the lines: they are slow, and MB/s does not depend on the count.
  const sample = lines.slice(0, Math.max(200, Math.floor(lines.length / 10)));
  const sampleBytes = sample.reduce((n, l) => n + Buffer.byteLength(l), 0);
  options.progress("qa: includes loop");
  const includes = throughput(sample, sampleBytes, minMs, (l) => {
    const lower = l.toLowerCase();
    let hits = 0;
    for (const p of phrases) if (lower.includes(p)) hits += 1;
    return hits;
  });
  options.progress("qa: combined RegExp");
  const combined = new RegExp(
    [...phrases]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join("|"),
    "gi",
  );
  const regex = throughput(sample, sampleBytes, minMs, (l) => {
    let hits = 0;
    for (const _ of l.matchAll(combined)) hits += 1;
    return hits;
  });

  const evaluation = evaluateRules(compileRules(defaultQaRules), base);
  const quality = evaluation.categories.map((c) =>
    row({
      area: "qa",
      name: `labelled set (${base.length} lines): ${c.category} precision (tp ${c.truePositives}, fp ${c.falsePositives}, fn ${c.falseNegatives})`,
      value: Math.round(c.precision * 1000) / 1000,
      unit: "fraction",
      reference: "recall, same rules and lines",
      referenceValue: Math.round(c.recall * 1000) / 1000,
      target: "floors in core/test/qa/labelled.test.ts",
    }),
  );
  return [
    row({
      area: "qa",
      name,
      value: engine,
      unit: "MB/s",
      reference: "String.includes loop",
      referenceValue: includes,
      target: ">= 10x reference",
    }),
    row({
      area: "qa",
      name,
      value: engine,
      unit: "MB/s",
      reference: "one combined RegExp (gi)",
      referenceValue: regex,
      target: "above reference",
    }),
    row({
      area: "qa",
      name: `compile ${total.toLocaleString("en-US")} phrases (${set.phraseCount.toLocaleString("en-US")} distinct folded)`,
      value: Math.round(compileMs),
      unit: "ms",
      reference: "none",
      referenceValue: Math.round(compileMs),
      target: "< 1000 ms (rules change through the API)",
    }),
    ...quality,
  ];
}
