/**
 * numerator / denominator, or null when there is nothing to divide by. Every rate in this module
 * goes through here so that "no contacts" reads as "no value" on the wallboard and in SQL
 * (ClickHouse's `if(d = 0, NULL, n / d)`), never as NaN, 0 % or 100 %.
 */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
