import { EngineError } from "../core/errors";
import { findKnee } from "../core/knee";
import { assertValidMatrix, type Matrix } from "../core/matrix";
import { buildKdTree, kNearestSquared } from "../neighbours/kdTree";

/**
 * The k-distance curve for choosing DBSCAN's eps: each row's distance to its minSamples-th nearest row,
 * counting itself as the first (at 0), sorted ascending. These are the last column of scikit-learn's
 * NearestNeighbors(n_neighbors=min_samples).fit(X).kneighbors(X) distances, sorted: a row whose distance
 * is at most eps is exactly a row DBSCAN(eps, min_samples) makes a core sample. Equal bit for bit while
 * scikit-learn uses its k-d tree (min_samples < rows / 2); beyond that it is brute force through
 * |a|^2 - 2 a.b + |b|^2, which rounds differently.
 */
export function kDistance(X: Matrix, minSamples: number): Float64Array {
  if (typeof minSamples !== "number" || !Number.isInteger(minSamples) || minSamples < 1) {
    throw new EngineError("OUT_OF_RANGE", `minSamples=${String(minSamples)} should be an integer >= 1`);
  }
  assertValidMatrix(X);
  if (minSamples > X.rows) {
    throw new EngineError("TOO_FEW_SAMPLES", `n_samples=${X.rows} should be >= minSamples=${minSamples}`);
  }
  const tree = buildKdTree(X);
  const heap = new Float64Array(minSamples);
  const out = new Float64Array(X.rows);
  for (let p = 0; p < X.rows; p++) {
    kNearestSquared(tree, p, heap);
    out[p] = Math.sqrt(heap[0]);
  }
  return out.sort();
}

/** Kneedle is run on at most this many evenly spaced ranks: a long curve's small steps are noise to it. */
export const KNEE_POINTS = 300;

/**
 * An eps for DBSCAN from a k-distance curve (ascending, as kDistance returns it): the distance at the
 * curve's knee, where it turns from flat to steep, or null when Kneedle finds none (or the knee is 0).
 * The curve rises convexly, so it is read right to left, which makes it the convex, decreasing shape
 * findKnee expects (as kneed does for curve="convex", direction="increasing").
 */
export function suggestEps(curve: ArrayLike<number>): number | null {
  const n = curve.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(curve[i])) {
      throw new EngineError("NON_FINITE", `curve value ${curve[i]} at position ${i} is not finite`);
    }
    if (i > 0 && curve[i] < curve[i - 1]) {
      throw new EngineError(
        "BAD_OPTION",
        `curve must be ascending (curve[${i}]=${curve[i]} < curve[${i - 1}])`,
      );
    }
  }
  const m = Math.min(n, KNEE_POINTS);
  if (m < 3) return null;
  const ranks = new Float64Array(m);
  const reversed = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    ranks[t] = t;
    reversed[t] = curve[rankAt(m - 1 - t, m, n)];
  }
  const knee = findKnee(ranks, reversed);
  if (!knee) return null;
  const eps = reversed[knee.index];
  return eps > 0 ? eps : null;
}

/** The t-th of m evenly spaced positions in 0..n-1, first and last included. */
function rankAt(t: number, m: number, n: number): number {
  return m === n ? t : Math.round((t * (n - 1)) / (m - 1));
}
