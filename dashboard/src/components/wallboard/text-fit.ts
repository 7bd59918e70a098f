// Whether a tile's text may overflow its room. A tile clips (ellipsis) only text that may not fit: a
// clip on every tile made the browser's layerize step, run on every frame, cost about twice as much
// with a thousand tiles (bench/wallboard-trace.ts), while ids and reason codes short enough to fit
// never needed one. Widths come from the page's own font (canvas measureText); where there is no
// canvas, from a generous per-character estimate.

/** Width of `text` in px; `bold` for the tile's id. */
export type Measure = (text: string, bold: boolean) => number;

/** Generous width of one character in em for a sans-serif font: wide scripts count a full em. */
function charEm(code: number): number {
  if (code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xffdc))) return 1;
  if (code > 0xffff) return 1.25; // emoji and other astral characters
  if (code >= 0x41 && code <= 0x5a) return 0.8; // capitals
  if (code === 0x6d || code === 0x77) return 1; // m, w
  return 0.7;
}

/** An upper estimate of `text`'s width in em (bold adds a tenth). */
export function estimateEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0) ?? 0);
  return bold ? em * 1.1 : em;
}

export function estimateMeasure(fontPx: number): Measure {
  return (text, bold) => estimateEm(text, bold) * fontPx;
}

/** Measures with the page's font through a 2D canvas, remembering each text's width. */
export function canvasMeasure(font: { family: string; sizePx: number }): Measure {
  const ctx = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (ctx === null) return estimateMeasure(font.sizePx);
  const known = new Map<string, number>();
  return (text, bold) => {
    const key = `${bold ? "b" : "n"}${text}`;
    let width = known.get(key);
    if (width === undefined) {
      ctx.font = `${bold ? 700 : 400} ${font.sizePx}px ${font.family}`;
      width = ctx.measureText(text).width;
      known.set(key, width);
    }
    return width;
  };
}

/** Room for text in a tile of one column's width, px. */
export interface TileRoom {
  /** The id shares its row with a clock of up to "mm:ss"; a longer clock clips the id in CSS. */
  idPx: number;
  statePx: number;
  measure: Measure;
}

/** Horizontal padding of a tile (globals.css .agent) plus a pixel of rounding. */
const tilePaddingPx = 11;

export function tileRoom(columnWidthPx: number, measure: Measure): TileRoom {
  const inner = Math.max(0, columnWidthPx - tilePaddingPx);
  const clock = measure("00:00", false) + 2;
  return { idPx: Math.max(0, inner - clock), statePx: inner, measure };
}

export function mayOverflow(text: string, roomPx: number, measure: Measure, bold = false): boolean {
  return measure(text, bold) > roomPx;
}
