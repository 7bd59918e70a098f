// Every label the app shows, in English and Simplified Chinese. The zh-CN table is typed against the
// English one, so a missing translation fails the type check instead of showing a key on screen.

import { en } from "./messages-en";
import { zh } from "./messages-zh";

export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const messages: Record<Locale, Messages> = { en, "zh-CN": zh };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Fills {name} placeholders; an unknown placeholder is left visible so the gap is noticed. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
