import { sqDist, sqDistToAll } from "./kernels";
import type { Matrix } from "../core/matrix";
import type { RandomState } from "../core/random";
import { Workspace } from "./workspace";

/**
 * Greedy k-means++ exactly as scikit-learn 1.2 draws it: the first centre is randint(n), then for each
 * further centre `2 + floor(ln k)` candidates are drawn proportionally to the squared distance to the
 * nearest chosen centre, and the candidate that lowers the total potential most is kept.
 * Returns the chosen row indices; with the same RandomState stream they are scikit-learn's rows.
 *
 * Memory: one n-length array (each row's squared distance to its nearest chosen centre). The
 * cumulative sums are walked rather than stored, and each candidate's potential is summed on the fly.
 * In JavaScript only the winner's distances are then recomputed to update the array; in WebAssembly
 * the scoring pass stores every candidate's (one n-length array each), so a step is one pass over X.
 * Every sum is still taken in row order, so the potentials, and the rows drawn, are bit for bit those
 * of the stored-array version.
 */
export function kmeansPlusPlusIndices(
  X: Matrix,
  k: number,
  rs: RandomState,
  nLocalTrials?: number,
  workspace: Workspace = new Workspace(),
): Int32Array {
  const { rows: n, cols: d, data } = X;
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const indices = new Int32Array(k).fill(-1);
  const first = rs.randint(n);
  indices[0] = first;

  const wasm = workspace.wasm(X);
  let closest: Float64Array;
  let pot = 0;
  if (wasm) {
    pot = wasm.kppInit(first);
    closest = wasm.closestView();
  } else {
    closest = workspace.float64("kmeans++", n);
    for (let i = 0, xo = 0; i < n; i++, xo += d) {
      const v = sqDist(data, xo, data, first * d, d);
      closest[i] = v;
      pot += v;
    }
  }
  const targets = new Float64Array(trials);
  const candidateIds = new Int32Array(trials);
  const candidates = new Float64Array(trials * d);
  const candPot = new Float64Array(trials);
  const dist = new Float64Array(trials);

  for (let c = 1; c < k; c++) {
    for (let t = 0; t < trials; t++) targets[t] = rs.randomSample() * pot;
    drawByCumulativeSum(closest, targets, candidateIds);
    for (let t = 0; t < trials; t++)
      candidates.set(data.subarray(candidateIds[t] * d, candidateIds[t] * d + d), t * d);
    if (wasm) {
      wasm.kppScore(candidates, trials, candPot);
    } else {
      candPot.fill(0);
      for (let i = 0, xo = 0; i < n; i++, xo += d) {
        sqDistToAll(data, xo, candidates, trials, d, dist);
        const m = closest[i];
        for (let t = 0; t < trials; t++) candPot[t] += dist[t] < m ? dist[t] : m;
      }
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (candPot[t] < candPot[best]) best = t;
    pot = candPot[best];
    if (wasm) {
      // The pass that scored the candidates also kept each one's nearest distances.
      wasm.kppKeep(best);
      closest = wasm.closestView();
    } else {
      const co = best * d;
      for (let i = 0, xo = 0; i < n; i++, xo += d) {
        const v = sqDist(data, xo, candidates, co, d);
        if (v < closest[i]) closest[i] = v;
      }
    }
    indices[c] = candidateIds[best];
  }
  return indices;
}

/**
 * For each target r, the first row whose running total of `weights` (summed in row order, as numpy's
 * cumsum) is >= r, or the last row when none is: numpy's searchsorted(cumsum, r, side="left") clipped
 * to n - 1. The running total never decreases (weights are >= 0), so one walk answers every target.
 */
function drawByCumulativeSum(weights: Float64Array, targets: Float64Array, out: Int32Array): void {
  const n = weights.length;
  const m = targets.length;
  const order = Array.from({ length: m }, (_, t) => t).sort((p, q) => targets[p] - targets[q]);
  let next = 0;
  let acc = 0;
  for (let i = 0; i < n && next < m; i++) {
    acc += weights[i];
    while (next < m && acc >= targets[order[next]]) out[order[next++]] = i;
  }
  while (next < m) out[order[next++]] = n - 1;
}

/** scikit-learn's init="random": the first k rows of a random permutation. */
export function randomInitIndices(n: number, k: number, rs: RandomState): Int32Array {
  return rs.permutation(n).slice(0, k);
}
