// How the agent grid is cut into row bands. Each band is its own small grid with
// `content-visibility: auto`, so the browser skips style, layout and paint for the bands off screen:
// a trace of the wallboard with 1,000 agents showed every frame's layout, paint and layerize walking
// all thousand tiles while only a third of them were on a 1080p screen. Bands hold whole rows, so
// the grid reads as one; the column count is the one CSS `repeat(auto-fill, minmax(min, 1fr))`
// would pick for the same width.

export type Density = "roomy" | "compact" | "dense";

/**
 * Smallest tile width per density, in em of the grid's font, so TV mode's larger type widens tiles.
 * Dense: a bold five-character id beside an "mm:ss" clock fits unclipped (text-fit.ts).
 */
export const minTileEm: Record<Density, number> = { roomy: 9.5, compact: 7.5, dense: 8 };
/** Gap between tiles (px), as in globals.css (.agent-band, .agent-grid). */
export const tileGap = 3;
/** Tiles per band, about: small enough that a band at the screen's edge costs little to show. */
const tilesPerBand = 60;

/** Large floors get smaller tiles so more of a thousand agents fit one wall screen. */
export function densityFor(agentCount: number): Density {
  return agentCount > 400 ? "dense" : agentCount > 120 ? "compact" : "roomy";
}

/** The number of columns `repeat(auto-fill, minmax(minWidth, 1fr))` makes in `width` px. */
export function columnsFor(width: number, minWidth: number, gap = tileGap): number {
  if (!Number.isFinite(width) || width <= 0) return 1;
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}

/** Cuts `items` into bands of whole rows of `columns`, about `tilesPerBand` tiles each. */
export function bands<T>(items: readonly T[], columns: number): T[][] {
  if (!Number.isInteger(columns) || columns < 1)
    throw new Error(`agent grid bands: columns must be a positive integer, got ${columns}`);
  const rowsPerBand = Math.max(1, Math.round(tilesPerBand / columns));
  const size = rowsPerBand * columns;
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The width of one column when `columns` share `width` px. */
export function columnWidth(width: number, columns: number, gap = tileGap): number {
  return Math.max(0, (width - (columns - 1) * gap) / columns);
}

/** A tile's height in px at the grid's font size: globals.css's --tile-height, calc(2.6em + 6px). */
export function tileHeightPx(fontPx: number): number {
  return 2.6 * fontPx + 6;
}

/** Whole rows of `tilePx`-high tiles, `gap` apart, that fit in `heightPx` (at least one). */
export function rowsThatFit(heightPx: number, tilePx: number, gap = tileGap): number {
  if (!Number.isFinite(heightPx) || !(tilePx > 0)) return 1;
  return Math.max(1, Math.floor((heightPx + gap) / (tilePx + gap)));
}

/**
 * TV mode's pages: consecutive runs of `rows` whole rows of `columns`, so every item is on exactly
 * one page and a page fills the screen without scrolling. No items is one empty page.
 */
export function pages<T>(items: readonly T[], columns: number, rows: number): T[][] {
  if (!Number.isInteger(columns) || columns < 1 || !Number.isInteger(rows) || rows < 1)
    throw new Error(`agent pages: columns and rows must be positive integers, got ${columns} x ${rows}`);
  const size = columns * rows;
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length === 0 ? [[]] : out;
}

/** TV mode's `?pageSeconds=N` (read by the server page, so not in a client module) (whole seconds, 3 to 600); otherwise 10. */
export function pageSecondsFrom(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 3 && n <= 600 ? n : 10;
}
