// Summary statistics for the duration metrics (first response, handle times). Both return null for
// no values, like every rate here.

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += finite(v);
  return sum / values.length;
}

/**
 * The middle value (mean of the two middle values for an even count). Response times are skewed by
 * a few conversations left overnight; the median is the figure a supervisor can act on.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A NaN would make the sort order undefined and the "median" arbitrary.
  const sorted = values.map(finite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return value;
}
