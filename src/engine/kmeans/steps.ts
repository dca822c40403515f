import { addRow, sqDist } from "./kernels";
import { sqDistRows, type Matrix } from "../core/matrix";
import type { Workspace } from "./workspace";

/** What one k-means run (one initialisation) produced. */
export type RunOutcome = {
  labels: Int32Array;
  centers: Matrix;
  inertia: number;
  nIter: number;
  converged: boolean;
  /** Inertia after each assignment step, when the caller asked for it. */
  inertiaHistory?: number[];
};

export type IterationInfo = { iteration: number; inertia: number; shift: number };

export type RunSettings = {
  maxIter: number;
  /** Already scaled: tol × mean column variance. */
  tolThreshold: number;
  onIteration?: (info: IterationInfo) => void;
  trackInertia?: boolean;
  /** Buffers shared by the runs of one fit; a run makes its own when absent. */
  workspace?: Workspace;
};

/**
 * The M-step, as scikit-learn's lloyd_iter does it: sum each cluster's rows, move the farthest points
 * into empty clusters, multiply by 1/size, and report each centre's (non-squared) shift.
 * Sums restart from zero every iteration so any assignment strategy yields bit-identical centres.
 */
export function updateCenters(
  X: Matrix,
  labels: Int32Array,
  oldCenters: Float64Array,
  newCenters: Float64Array,
  counts: Float64Array,
  shift: Float64Array,
): void {
  const { rows: n, cols: d, data } = X;
  newCenters.fill(0);
  counts.fill(0);
  for (let i = 0, xo = 0; i < n; i++, xo += d) {
    const c = labels[i];
    counts[c] += 1;
    addRow(newCenters, c * d, data, xo, d);
  }
  finishCenters(X, labels, oldCenters, newCenters, counts, shift);
}

/**
 * The rest of the M-step once `sums` holds each cluster's row sums (added in row order, from zero)
 * and `counts` its sizes: relocate into empty clusters, scale the sums into means in place, and
 * report the shifts. Accelerated runs add rows up during their assignment pass, then call this.
 */
export function finishCenters(
  X: Matrix,
  labels: Int32Array,
  oldCenters: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
  shift: Float64Array,
): void {
  const d = X.cols;
  const k = counts.length;
  relocateEmptyClusters(X, labels, oldCenters, sums, counts);
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) {
      const alpha = 1 / counts[c];
      const co = c * d;
      for (let j = 0; j < d; j++) sums[co + j] *= alpha;
    }
  }
  for (let c = 0; c < k; c++) shift[c] = Math.sqrt(sqDistRows(oldCenters, c * d, sums, c * d, d));
}

/**
 * scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes one of the points farthest
 * from their current (old) centre; the point's label is left alone until the next assignment.
 */
function relocateEmptyClusters(
  X: Matrix,
  labels: Int32Array,
  oldCenters: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const k = counts.length;
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return;
  const { rows: n, cols: d, data } = X;
  const far = farthestPoints(X, labels, oldCenters, Math.min(empty.length, n));
  for (let e = 0; e < far.length; e++) {
    const target = empty[e];
    const p = far[e];
    const from = labels[p];
    for (let j = 0; j < d; j++) {
      sums[from * d + j] -= data[p * d + j];
      sums[target * d + j] = data[p * d + j];
    }
    counts[target] = 1;
    counts[from] -= 1;
  }
  void n;
}

/** Indices of the m points farthest from their own centre, farthest first (ties: lower index first). */
function farthestPoints(X: Matrix, labels: Int32Array, centers: Float64Array, m: number): number[] {
  const { rows: n, cols: d, data } = X;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = sqDistRows(data, i * d, centers, labels[i] * d, d);
  // m is the number of empty clusters, tiny next to n: a partial selection beats a full sort.
  const chosen: number[] = [];
  const taken = new Uint8Array(n);
  for (let t = 0; t < m; t++) {
    let best = -1;
    for (let i = 0; i < n; i++) if (!taken[i] && (best < 0 || dist[i] > dist[best])) best = i;
    taken[best] = 1;
    chosen.push(best);
  }
  return chosen;
}

/** Sum of squared distances of each row to its labelled centre. */
export function inertiaOf(X: Matrix, labels: Int32Array, centers: Float64Array): number {
  const { rows: n, cols: d, data } = X;
  let s = 0;
  for (let i = 0, xo = 0; i < n; i++, xo += d) s += sqDist(data, xo, centers, labels[i] * d, d);
  return s;
}

export function sumOfSquares(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}
