// Text folding for matching: one table lookup per UTF-16 code unit turns full-width ASCII into
// half-width, upper case into lower case and common traditional Chinese characters into simplified
// ones. Separators (spaces, punctuation) collapse to one space, or disappear between two CJK
// characters, so "处理，不了" and "处理 不了" fold to the same "处理不了". Every folded code unit
// remembers the original range it came from, so a match maps back to exact original offsets.

import { traditionalToSimplified } from "./tradsimp";

/** Character classes of folded code units. */
export const CharClass = {
  /** Surrogates, symbols, emoji: no word boundary rules, not separators. */
  other: 0,
  separator: 1,
  /** Letters and digits of spaced scripts (Latin, Cyrillic, Hangul...): English word boundaries apply. */
  word: 2,
  /** Han, kana: no spaces between words, so matching is by character. */
  cjk: 3,
} as const;

const SPACE = 0x20;
let foldTable: Uint16Array | undefined;
let classTable: Uint8Array | undefined;

function classify(ch: string): number {
  if (/[\p{White_Space}\p{P}]/u.test(ch)) return CharClass.separator;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return CharClass.cjk;
  if (/[\p{L}\p{N}\p{M}]/u.test(ch)) return CharClass.word;
  return CharClass.other;
}

/** Built once, lazily: 64 K entries each, about 200 KB, a few milliseconds. */
function tables(): { fold: Uint16Array; cls: Uint8Array } {
  if (foldTable !== undefined && classTable !== undefined) return { fold: foldTable, cls: classTable };
  const fold = new Uint16Array(0x10000);
  const cls = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    let f = c;
    if (c >= 0xff01 && c <= 0xff5e)
      f = c - 0xfee0; // full-width ASCII block
    else if (c === 0x3000) f = SPACE; // ideographic space
    if (f < 0xd800 || f > 0xdfff) {
      const lower = String.fromCharCode(f).toLowerCase();
      // Only one-to-one case mappings: "İ" lowers to two code units and would shift offsets.
      if (lower.length === 1) f = lower.charCodeAt(0);
    }
    fold[c] = f;
  }
  for (const [trad, simp] of traditionalToSimplified()) fold[trad] = simp;
  for (let c = 0; c < 0x10000; c++) {
    cls[c] = c >= 0xd800 && c <= 0xdfff ? CharClass.other : classify(String.fromCharCode(c));
  }
  foldTable = fold;
  classTable = cls;
  return { fold, cls };
}

export function charClassTable(): Uint8Array {
  return tables().cls;
}

export interface Folded {
  /** Folded code units; only the first `length` are used. */
  codes: Uint16Array;
  length: number;
  /** Original start index of each folded code unit. */
  starts: Int32Array;
  /** Original end index (exclusive) of each folded code unit. */
  ends: Int32Array;
}

/** Reusable buffers: scanning a chat line should not allocate three arrays every time. */
export class Folder {
  private codes = new Uint16Array(256);
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);

  fold(text: string): Folded {
    const { fold, cls } = tables();
    if (this.codes.length < text.length) {
      const size = Math.max(text.length, this.codes.length * 2);
      this.codes = new Uint16Array(size);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
    }
    const { codes, starts, ends } = this;
    let n = 0;
    let sepStart = -1;
    let sepEnd = -1;
    let lastClass: number = CharClass.separator;
    for (let i = 0; i < text.length; i++) {
      const f = fold[text.charCodeAt(i)] as number;
      const k = cls[f] as number;
      if (k === CharClass.separator) {
        if (sepStart < 0) sepStart = i;
        sepEnd = i + 1;
        continue;
      }
      if (sepStart >= 0) {
        // Leading separators vanish; between two CJK characters they vanish too (no word breaks there).
        if (n > 0 && !(lastClass === CharClass.cjk && k === CharClass.cjk)) {
          codes[n] = SPACE;
          starts[n] = sepStart;
          ends[n] = sepEnd;
          n++;
        }
        sepStart = -1;
      }
      codes[n] = f;
      starts[n] = i;
      ends[n] = i + 1;
      n++;
      lastClass = k;
    }
    return { codes, length: n, starts, ends };
  }
}

/** The folded form of a phrase, as a string (trailing separators dropped like leading ones). */
export function foldPhrase(text: string): string {
  const folded = new Folder().fold(text);
  return String.fromCharCode(...folded.codes.subarray(0, folded.length));
}

/** The folded text as a string, for regular-expression rules (which then see what phrases see). */
export function foldedString(folded: Folded): string {
  let out = "";
  for (let i = 0; i < folded.length; i += 8192) {
    out += String.fromCharCode(...folded.codes.subarray(i, Math.min(folded.length, i + 8192)));
  }
  return out;
}
