import { EngineError } from "../core/errors";
import { assertValidMatrix, sqDistRows, type Matrix } from "../core/matrix";

/** Per row: where it sits relative to the centres. Rows labelled -1 (noise) get NaN, -1 and false. */
export type RowDiagnostics = {
  /** Euclidean distance to the row's own centre: scikit-learn's transform(X)[i, label]. */
  distance: Float64Array;
  /** The nearest other centre (0-based); -1 with one centre. */
  runnerUp: Int32Array;
  /** Distance to the runner-up minus distance to the own centre; NaN with one centre. */
  margin: Float64Array;
  /** 1 where the distance is beyond the cluster's upper Tukey fence. */
  outlier: Uint8Array;
  /** Per cluster, Q3 + 1.5 IQR of its rows' distances (NaN for a cluster with no rows). */
  fence: Float64Array;
};

/**
 * Distances of each row to its own and its runner-up centre, and Tukey's outlier rule on each cluster's
 * distances: a row is flagged when its distance exceeds Q3 + 1.5 (Q3 - Q1) of its cluster's, the quartiles
 * taken as numpy's default ("linear") percentile does. The tutorial names outliers as a weakness of
 * k-means; this is the rule that makes them visible, and a box plot of the distances would draw the same.
 */
export function rowDiagnostics(X: Matrix, labels: ArrayLike<number>, centers: Matrix): RowDiagnostics {
  assertValidMatrix(X);
  const { rows: n, cols: d } = X;
  const k = centers.rows;
  if (labels.length !== n)
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${n} rows`);
  if (centers.cols !== d)
    throw new EngineError("BAD_SHAPE", `centers have ${centers.cols} columns but X has ${d}`);
  const distance = new Float64Array(n);
  const runnerUp = new Int32Array(n);
  const margin = new Float64Array(n);
  const byCluster: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c === -1) {
      distance[i] = margin[i] = NaN;
      runnerUp[i] = -1;
      continue;
    }
    if (!Number.isInteger(c) || c < 0 || c >= k)
      throw new EngineError("BAD_LABELS", `label ${c} at row ${i} is outside 0..${k - 1} (or -1 for noise)`);
    const own = Math.sqrt(sqDistRows(X.data, i * d, centers.data, c * d, d));
    let best = -1;
    let bestD = Infinity;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      const dist = sqDistRows(X.data, i * d, centers.data, o * d, d);
      if (dist < bestD) {
        bestD = dist;
        best = o;
      }
    }
    distance[i] = own;
    runnerUp[i] = best;
    margin[i] = best === -1 ? NaN : Math.sqrt(bestD) - own;
    byCluster[c].push(own);
  }
  const fence = Float64Array.from(byCluster, (ds) => upperFence(ds));
  const outlier = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (labels[i] !== -1 && distance[i] > fence[labels[i]]) outlier[i] = 1;
  return { distance, runnerUp, margin, outlier, fence };
}

/** Q3 + 1.5 IQR of the values; NaN for none. */
export function upperFence(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return q3 + 1.5 * (q3 - q1);
}

/** numpy's percentile with method="linear" (Hyndman and Fan's type 7) on sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = pos - lo;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}
