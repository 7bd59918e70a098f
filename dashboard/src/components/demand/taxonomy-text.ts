// The taxonomy editor's text form: one term per line, "term: phrase, phrase, ..." (a full-width colon
// or comma works too, as people type them in Chinese). Parsing says which line is wrong.

export interface TermLine {
  term: string;
  phrases: string[];
}

export function taxonomyToText(terms: readonly TermLine[]): string {
  return terms.map((t) => `${t.term}: ${t.phrases.join(", ")}`).join("\n");
}

export function textToTaxonomy(text: string): { ok: true; terms: TermLine[] } | { ok: false; error: string } {
  const terms: TermLine[] = [];
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const colon = line.search(/[:：]/);
    if (colon <= 0) return { ok: false, error: `line ${i + 1}: write "term: phrase, phrase"` };
    const term = line.slice(0, colon).trim();
    const phrases = line
      .slice(colon + 1)
      .split(/[,，、]/)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    if (phrases.length === 0) return { ok: false, error: `line ${i + 1}: "${term}" has no phrases` };
    terms.push({ term, phrases });
  }
  return { ok: true, terms };
}
