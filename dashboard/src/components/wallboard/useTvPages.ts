"use client";

import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

// TV mode shows the agent grid a screenful at a time: the room below the grid's top decides how many
// whole rows a page holds, and the pages turn every `pageSeconds`. Every page stays in the DOM (only
// the current one is displayed), so a turn is a style change on a few elements, not a thousand tiles
// mounted, and live updates keep landing in tiles that are off screen.

/** Space kept under the last row (the TV layout's bottom padding), px. */
const bottomPx = 16;

/**
 * The height from `ref`'s top to the bottom of the window, px; measured again when the window or the
 * page's body changes size (queue tiles arriving above the grid push it down) and on `key`.
 */
export function useRoomBelow(ref: RefObject<HTMLElement | null>, enabled: boolean, key: unknown): number {
  const [room, setRoom] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key (the page shown) re-measures on each turn
  useLayoutEffect(() => {
    if (!enabled) return;
    const measure = () => {
      const el = ref.current;
      if (el === null) return;
      const next = Math.max(0, Math.floor(window.innerHeight - el.getBoundingClientRect().top - bottomPx));
      setRoom((r) => (r === next ? r : next));
    };
    measure();
    window.addEventListener("resize", measure);
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener("resize", measure);
      observer.disconnect();
    };
  }, [ref, enabled, key]);
  return room;
}

export interface TvPages {
  /** 0-based page shown, always within the current page count. */
  page: number;
  paused: boolean;
  togglePaused(): void;
}

/**
 * The next page every `pageSeconds` while enabled and not paused. The page is kept as an index, not
 * derived from a turn count, so a page count that changes (a resize, the floor growing) keeps the
 * page in place instead of jumping.
 */
export function useTvPages(pageCount: number, pageSeconds: number, enabled: boolean): TvPages {
  const [page, setPage] = useState(0);
  const [paused, setPaused] = useState(false);
  const count = useRef(pageCount);
  count.current = pageCount;
  useEffect(() => {
    if (!enabled || paused) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % Math.max(1, count.current)), pageSeconds * 1000);
    return () => clearInterval(timer);
  }, [enabled, paused, pageSeconds]);
  const togglePaused = useCallback(() => setPaused((p) => !p), []);
  return { page: page < pageCount ? page : 0, paused, togglePaused };
}
