import type { Matrix } from "../engine";

/*
 * The plain-word line per cluster: its strongest z-scores (cluster mean minus overall mean, in standard
 * deviations of the column) with the columns' names. The same words go on the results sheet, in the pane
 * and from =KMEANS.DESCRIBE, so they are made here once.
 */

/** A column is named when the cluster's mean is at least this many standard deviations from the overall mean. */
export const DESCRIBE_MIN_SD = 0.5;
/** At most this many columns are named, strongest first. */
export const DESCRIBE_MAX_COLUMNS = 3;
export const CLOSE_TO_AVERAGE = "close to average on every column";

/** e.g. "high annual_income (+1.4 sd), low spending_score (-1.1 sd)". */
export function describeCluster(z: ArrayLike<number>, names: readonly string[]): string {
  const strong: number[] = [];
  for (let j = 0; j < z.length; j++) if (Math.abs(z[j]) >= DESCRIBE_MIN_SD) strong.push(j);
  if (strong.length === 0) return CLOSE_TO_AVERAGE;
  // Strongest first; equal strengths in the columns' order.
  strong.sort((a, b) => Math.abs(z[b]) - Math.abs(z[a]) || a - b);
  return strong
    .slice(0, DESCRIBE_MAX_COLUMNS)
    .map((j) => `${z[j] > 0 ? "high" : "low"} ${names[j]} (${signedSd(z[j])} sd)`)
    .join(", ");
}

/** One line per row of the k × d z-score table. */
export function describeClusters(zScores: Matrix, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let c = 0; c < zScores.rows; c++)
    out.push(describeCluster(zScores.data.subarray(c * zScores.cols, (c + 1) * zScores.cols), names));
  return out;
}

/** +1.4 / -1.1, one decimal, the sign always shown. */
export function signedSd(z: number): string {
  const t = z.toFixed(1);
  return z > 0 ? `+${t}` : t;
}
