/**
 * How the pane writes numbers, so a column of a table reads down evenly: every value of a column gets the
 * same number of decimals, and shares are percentages with one decimal, as the results sheet's "0.0%"
 * format shows them (with the space the pane's other percentages have, "31.3 %"). Thousands separators are
 * en-US, as for the pane's row counts, whatever the machine's locale.
 */

/** Scores bounded by 1 (silhouette, Davies-Bouldin near it): three decimals tell them apart. */
export const SCORE_DECIMALS = 3;

/** Significant digits the largest value of a column shows; smaller ones share its decimals. */
const SIGNIFICANT = 4;
const MAX_DECIMALS = 6;

/** "n/a" for a missing value; else the number with exactly `decimals` decimals. */
export function fixed(v: number | null, decimals: number): string {
  if (v === null || !Number.isFinite(v)) return "n/a";
  return v.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * The decimals for a column of values: enough for its largest value to show four significant digits
 * (681.4, 2.305, 12,345), never negative, and the same for every row.
 */
export function columnDecimals(values: readonly (number | null)[]): number {
  const largest = Math.max(0, ...values.map((v) => (v !== null && Number.isFinite(v) ? Math.abs(v) : 0)));
  if (largest === 0) return 0;
  const magnitude = Math.floor(Math.log10(largest));
  return Math.min(MAX_DECIMALS, Math.max(0, SIGNIFICANT - 1 - magnitude));
}

/** A share from 0 to 1 as "31.3 %". */
export function percent(share: number): string {
  return `${fixed(share * 100, 1)} %`;
}
