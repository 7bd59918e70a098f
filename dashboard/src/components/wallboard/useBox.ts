"use client";

import { type RefObject, useLayoutEffect, useState } from "react";

export interface Box {
  /** Content-box width, px; 0 before the element mounts. */
  width: number;
  /** Computed font size, px (TV mode and density change it). */
  fontPx: number;
  fontFamily: string;
}

/** `ref`'s element width and font, kept current by a ResizeObserver. */
export function useBox(ref: RefObject<HTMLElement | null>, fontKey: string): Box {
  const [box, setBox] = useState<Box>({ width: 0, fontPx: 16, fontFamily: "sans-serif" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: fontKey names the class that sets the font size; when it changes, the size is read again
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const read = (width: number) => {
      const style = getComputedStyle(el);
      const fontPx = Number.parseFloat(style.fontSize) || 16;
      const fontFamily = style.fontFamily;
      setBox((b) =>
        b.width === width && b.fontPx === fontPx && b.fontFamily === fontFamily
          ? b
          : { width, fontPx, fontFamily },
      );
    };
    read(el.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const size = entries[0]?.contentBoxSize[0];
      if (size !== undefined) read(size.inlineSize);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fontKey]);
  return box;
}
