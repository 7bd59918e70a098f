"use client";

import { type RefObject, useEffect } from "react";
import { formatDuration } from "./format";

// Running clocks without re-rendering: elements carry data-since (epoch ms) and one timer per page,
// aligned to an animation frame, rewrites their text once a second. A thousand agent tiles cost one
// interval and a thousand text writes, no React work.

export function tickClocks(root: ParentNode, now: number): void {
  for (const el of root.querySelectorAll<HTMLElement>("[data-since]")) {
    const since = Number(el.dataset.since);
    if (!Number.isFinite(since)) continue;
    const text = formatDuration((now - since) / 1000);
    if (el.textContent !== text) el.textContent = text;
  }
}

export function useDomClock(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    let frame = 0;
    const timer = setInterval(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (root.current !== null) tickClocks(root.current, Date.now());
      });
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
