import { describe, expect, it } from "vitest";
import { Automaton, Folder, foldPhrase, traditionalCoverage } from "../../src/index";
import { mulberry32 } from "../../src/routing/simulation";

/** Every (pattern, end) by brute force: the reference the automaton must equal exactly. */
function naive(patterns: readonly string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) out.push(`${id}@${at + p.length}`);
  });
  return out.sort();
}

function codes(s: string): Uint16Array {
  return Uint16Array.from(s, (c) => c.charCodeAt(0));
}

describe("Aho-Corasick automaton", () => {
  it.each([1, 2, 3, 4, 5])("finds exactly what a brute-force search finds (seed %i)", (seed) => {
    const random = mulberry32(seed);
    // A tiny alphabet makes overlaps, shared prefixes and suffix outputs (dictionary links) common.
    const alphabet = seed % 2 === 0 ? "ab退款c" : "abcd";
    const word = (max: number) =>
      Array.from(
        { length: 1 + Math.floor(random() * max) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
    const patterns = [...new Set(Array.from({ length: 60 }, () => word(5)))];
    const text = word(400);
    const automaton = new Automaton(patterns.map(codes));
    const found: string[] = [];
    automaton.scan(codes(text), text.length, (id, end) => found.push(`${id}@${end}`));
    expect(found.sort()).toEqual(naive(patterns, text));
  });

  it("refuses an empty pattern", () => {
    expect(() => new Automaton([codes("ok"), codes("")])).toThrow("pattern 1 is empty");
  });
});

describe("folding", () => {
  it.each([
    ["full-width letters, digits and comma", "ＡＢＣ，１２３", "abc 123"],
    ["ideographic space", "退款\u3000成功", "退款成功"],
    ["traditional to simplified", "我們這邊處理不了", "我们这边处理不了"],
    ["separators between CJK vanish", "处理 ， 不了", "处理不了"],
    ["separator runs in English collapse to one space", "Hello,   World!!", "hello world"],
    ["CJK next to Latin keeps one space", "订单 ABC", "订单 abc"],
    ["one-to-many lower case left alone (offsets stay one to one)", "İ", "İ"],
  ])("%s", (_label, text, folded) => {
    expect(foldPhrase(text)).toBe(folded);
  });

  it("maps every folded unit back to its original range", () => {
    const text = "  我們，處理 不了！ＯＫ";
    const f = new Folder().fold(text);
    const pieces = Array.from({ length: f.length }, (_, i) => text.slice(f.starts[i], f.ends[i]));
    expect(pieces).toEqual(["我", "們", "處", "理", "不", "了", "！", "Ｏ", "Ｋ"]);
  });

  it("names its traditional coverage honestly (a few hundred common characters, not a full table)", () => {
    expect(traditionalCoverage()).toBeGreaterThan(300);
    expect(traditionalCoverage()).toBeLessThan(400);
  });
});
