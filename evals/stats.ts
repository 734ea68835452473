/** Order statistics for the eval figures. */

/** The value at `share` (0–1) of the sorted values, nearest rank; NaN for none. 0.5 is the lower median. */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
