import type { Locale } from "./i18n";

// Number, percentage, duration and date formats through Intl, one set per locale (Intl objects are
// costly to build; a wallboard formats thousands of values a second).

export interface Formatters {
  locale: Locale;
  int(n: number | null | undefined): string;
  decimal(n: number | null | undefined, digits?: number): string;
  percent(fraction: number | null | undefined): string;
  /** Seconds as m:ss or h:mm:ss (clock style: reads the same in every language). */
  duration(seconds: number | null | undefined): string;
  time(at: Date | string | number): string;
  date(at: Date | string | number): string;
  dateTime(at: Date | string | number): string;
}

const cache = new Map<Locale, Formatters>();
const dash = "—";

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return dash;
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export function formatters(locale: Locale): Formatters {
  const known = cache.get(locale);
  if (known !== undefined) return known;
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const decimals = [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { maximumFractionDigits: d }));
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });
  const date = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" });
  const dateTime = new Intl.DateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
  const valid = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);
  const made: Formatters = {
    locale,
    int: (n) => (valid(n) ? int.format(n) : dash),
    decimal: (n, digits = 1) => (valid(n) ? ((decimals[digits] ?? decimals[1])?.format(n) ?? dash) : dash),
    percent: (f) => (valid(f) ? pct.format(f) : dash),
    duration: formatDuration,
    time: (at) => time.format(new Date(at)),
    date: (at) => date.format(new Date(at)),
    dateTime: (at) => dateTime.format(new Date(at)),
  };
  cache.set(locale, made);
  return made;
}
