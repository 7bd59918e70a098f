"use client";

import { type RefObject, useEffect } from "react";
import { formatDuration } from "./format";

// Running clocks without re-rendering: elements carry data-since (epoch ms) and one timer per page
// rewrites their text once a second — no React work, no timer per tile. A thousand text changes
// cost the browser ~70-180 ms of style, layout and paint here when done at once (a long task every
// second), so each pass is spread over consecutive animation frames, `perFrame` clocks at a time
// (a trace showed ~35 ms of rendering per 150 clocks on the 2-core test machine). A clock whose text
// is longer than "mm:ss" carries data-wide, so CSS can make room for it (the agent tiles clip their id
// only then, see text-fit.ts).

// 40 a frame: with the agent grid in fixed-size bands (no per-tile paint layers) a frame of 40 visible
// clocks costs a few ms; clocks in bands off screen cost only the text write.
const perFrame = 40;

/** Rewrites the clocks in `elements` from index `from`; returns where the next frame continues. */
export function tickClocks(
  elements: readonly HTMLElement[],
  now: number,
  from = 0,
  count = elements.length,
): number {
  const end = Math.min(elements.length, from + count);
  for (let i = from; i < end; i++) {
    const el = elements[i];
    if (el === undefined) continue;
    const since = Number(el.dataset.since);
    if (!Number.isFinite(since)) continue;
    const text = formatDuration((now - since) / 1000);
    // Changing the existing text node's data is cheaper than replacing it through textContent.
    const node = el.firstChild;
    if (node !== null && node.nodeType === Node.TEXT_NODE && node.nextSibling === null) {
      if (node.nodeValue !== text) node.nodeValue = text;
    } else if (el.textContent !== text) el.textContent = text;
    const wide = text.length > 5;
    if (el.hasAttribute("data-wide") !== wide) el.toggleAttribute("data-wide", wide);
  }
  return end;
}

export function useDomClock(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    let frame = 0;
    const timer = setInterval(() => {
      cancelAnimationFrame(frame);
      const container = root.current;
      if (container === null) return;
      const elements = [...container.querySelectorAll<HTMLElement>("[data-since]")];
      const now = Date.now();
      let next = 0;
      const step = () => {
        next = tickClocks(elements, now, next, perFrame);
        if (next < elements.length) frame = requestAnimationFrame(step);
      };
      frame = requestAnimationFrame(step);
    }, 1_000);
    return () => {
      clearInterval(timer);
      cancelAnimationFrame(frame);
    };
  }, [root]);
}

/** Epoch ms a server duration started at, given when the server measured it. */
export function sinceOf(atIso: string | undefined, seconds: number): number {
  const at = atIso === undefined ? Date.now() : Date.parse(atIso);
  return at - seconds * 1000;
}
