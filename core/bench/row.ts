/** One line of `starboard bench`: a figure beside its reference run in the same process. */
export interface BenchRow {
  area: string;
  name: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  /** value / referenceValue, or the inverse for lower-is-better units; rounded to 0.01. */
  ratio: number;
  target: string;
  /** Set when the row could not be measured here (for example no broker configured). */
  note?: string;
}

export function row(fields: Omit<BenchRow, "ratio">, lowerIsBetter = false): BenchRow {
  const raw = lowerIsBetter ? fields.referenceValue / fields.value : fields.value / fields.referenceValue;
  return { ...fields, ratio: Number.isFinite(raw) ? Math.round(raw * 100) / 100 : 0 };
}

export type BenchProgress = (message: string) => void;
