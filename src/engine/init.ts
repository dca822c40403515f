import { sqDistRows, type Matrix } from "./matrix";
import type { RandomState } from "./random";

/**
 * Greedy k-means++ exactly as scikit-learn 1.2 draws it: the first centre is randint(n), then for each
 * further centre `2 + floor(ln k)` candidates are drawn proportionally to the squared distance to the
 * nearest chosen centre, and the candidate that lowers the total potential most is kept.
 * Returns the chosen row indices; with the same RandomState stream they are scikit-learn's rows.
 */
export function kmeansPlusPlusIndices(
  X: Matrix,
  k: number,
  rs: RandomState,
  nLocalTrials?: number,
): Int32Array {
  const { rows: n, cols: d, data } = X;
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const indices = new Int32Array(k).fill(-1);
  const first = rs.randint(n);
  indices[0] = first;

  let closest: Float64Array = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDistRows(data, i * d, data, first * d, d);
    closest[i] = v;
    pot += v;
  }
  const cumsum = new Float64Array(n);
  const candidateIds = new Int32Array(trials);
  const candDist: Float64Array[] = [];
  for (let t = 0; t < trials; t++) candDist.push(new Float64Array(n));
  const candPot = new Float64Array(trials);

  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    for (let t = 0; t < trials; t++) {
      const r = rs.randomSample() * pot;
      candidateIds[t] = Math.min(searchSortedLeft(cumsum, r), n - 1);
    }
    for (let t = 0; t < trials; t++) {
      const cd = candDist[t];
      const co = candidateIds[t] * d;
      let p = 0;
      for (let i = 0; i < n; i++) {
        const v = sqDistRows(data, i * d, data, co, d);
        const m = v < closest[i] ? v : closest[i];
        cd[i] = m;
        p += m;
      }
      candPot[t] = p;
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (candPot[t] < candPot[best]) best = t;
    pot = candPot[best];
    // Swap buffers instead of copying: the winner's distances become the new "closest".
    const winner = candDist[best];
    candDist[best] = closest;
    closest = winner;
    indices[c] = candidateIds[best];
  }
  return indices;
}

/** scikit-learn's init="random": the first k rows of a random permutation. */
export function randomInitIndices(n: number, k: number, rs: RandomState): Int32Array {
  return rs.permutation(n).slice(0, k);
}

/** First index i with a[i] >= v (numpy searchsorted, side="left"); a.length when none. */
function searchSortedLeft(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
