// Date ranges from <input type="date"> values (yyyy-mm-dd, read as UTC days: reports are bucketed in UTC).

export function dayString(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function defaultRange(days: number, now = new Date()): { from: string; to: string } {
  const to = new Date(now.getTime() + 86_400_000);
  const from = new Date(now.getTime() - (days - 1) * 86_400_000);
  return { from: dayString(from), to: dayString(to) };
}

/** Start of `from`'s day to start of `to`'s day, as ISO instants; throws on a backwards range. */
export function rangeToIso(from: string, to: string): { from: string; to: string } {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime()))
    throw new Error(`not a date range: ${from} .. ${to}`);
  if (b <= a) throw new Error(`the range ends (${to}) before it starts (${from})`);
  return { from: a.toISOString(), to: b.toISOString() };
}
