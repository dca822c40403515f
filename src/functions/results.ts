/** Engine outputs laid out as the cells a function spills. */
import type { Matrix } from "../engine";
import type { KMeansReport, SweepReport } from "../model";
import { excelError, type ExcelError } from "./errors";
import type { ParsedData } from "./parse";

export type Cell = number | string | ExcelError;

/** One cell per input row: a 1-based label, or "" where the row was left out, so rows stay aligned. */
export function labelColumn(parsed: ParsedData, labels: ArrayLike<number>): Cell[][] {
  const out: Cell[][] = Array.from({ length: parsed.total }, () => [""]);
  for (let i = 0; i < parsed.rows.length; i++) out[parsed.rows[i]][0] = labels[i] + 1;
  return out;
}

/** k rows in original units, cluster 1 first; with sizes, each row starts with its cluster's row count. */
export function centroidTable(fit: KMeansReport, withSize: boolean): number[][] {
  const { data, rows: k, cols: d } = fit.centers;
  const out: number[][] = [];
  for (let c = 0; c < k; c++) {
    const centre = Array.from(data.subarray(c * d, (c + 1) * d));
    out.push(withSize ? [fit.profile[c].size, ...centre] : centre);
  }
  return out;
}

/** One cell per input row: the row's number, or "" where the row was left out. */
export function distanceColumn(parsed: ParsedData, values: ArrayLike<number>): Cell[][] {
  const out: Cell[][] = Array.from({ length: parsed.total }, () => [""]);
  for (let i = 0; i < parsed.rows.length; i++) out[parsed.rows[i]][0] = finiteOr(values[i], "distance");
  return out;
}

export const PROFILE_CLUSTER_HEADER = "Cluster";

/** A header row ("Cluster", the names), then per cluster its number and its z-score on every column. */
export function profileTable(zScores: Matrix, names: readonly string[]): Cell[][] {
  const { data, rows: k, cols: d } = zScores;
  const out: Cell[][] = [[PROFILE_CLUSTER_HEADER, ...names]];
  for (let c = 0; c < k; c++) {
    const row: Cell[] = [c + 1];
    for (let j = 0; j < d; j++) row.push(finiteOr(data[c * d + j], "z-score"));
    out.push(row);
  }
  return out;
}

/** k rows × 1 column, cluster 1 first. */
export function describeColumn(lines: readonly string[]): Cell[][] {
  return lines.map((line) => [line]);
}

/** A cell cannot hold NaN: a cluster with no rows has no mean, and so no z-score, shown as #N/A. */
function finiteOr(x: number, what: string): Cell {
  return Number.isFinite(x)
    ? x
    : excelError("#N/A", `The ${what} is undefined here: the cluster has no rows.`);
}

export const ELBOW_HEADER = ["k", "inertia", "silhouette"];

/** A header row, then one row per k; an undefined silhouette is #N/A, which charts leave as a gap. */
export function elbowTable(sweep: SweepReport): Cell[][] {
  return [
    ELBOW_HEADER,
    ...sweep.rows.map((r) => [
      r.k,
      r.inertia,
      r.silhouette ?? excelError("#N/A", `The silhouette is undefined for k = ${r.k} here.`),
    ]),
  ];
}
