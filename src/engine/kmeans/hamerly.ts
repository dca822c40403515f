import { addRow, sqDist, sqDistToAll } from "./kernels";
import { HI, LO } from "./margin";
import type { Matrix } from "../core/matrix";
import { finishCenters, inertiaOf, sumOfSquares, type RunOutcome, type RunSettings } from "./steps";
import { runLloyd } from "./lloyd";
import type { WasmKernels } from "../wasm/kernels";
import { Workspace } from "./workspace";

/**
 * Hamerly's k-means (2010): one upper bound to the own centre and one lower bound to every other
 * centre per point, so most points skip the k distance computations. Iteration for iteration it makes
 * the same assignments as Lloyd, and it shares Lloyd's centre update and stopping rule.
 *
 * One pass per iteration does everything for a point: move its bounds by the last shifts, test,
 * reassign if needed, and add the row to its cluster's sum (in row order, so the sums, and hence the
 * centres, are bit-identical to Lloyd's separate update).
 */
export function runHamerly(
  X: Matrix,
  initCenters: Float64Array,
  k: number,
  settings: RunSettings,
): RunOutcome {
  const { rows: n, cols: d } = X;
  const ws = settings.workspace ?? new Workspace();
  const wasm = ws.wasm(X);
  // Same iterations, same result: with few centres the SIMD full scan beats the bounds.
  if (wasm && !ws.usesBounds(k)) return runLloyd(X, initCenters, k, { ...settings, workspace: ws });
  const s: PassState = {
    X,
    k,
    centers: initCenters.slice(),
    sums: new Float64Array(k * d),
    counts: new Float64Array(k),
    // With WebAssembly, labels and bounds live in its memory (views here, for inertiaOf and the M-step).
    labels: wasm ? wasm.labelsView() : ws.takeLabels(n),
    upper: wasm ? EMPTY : ws.float64("upper", n),
    lower: wasm ? EMPTY : ws.float64("lower", n),
    shift: new Float64Array(k),
    halfGap: new Float64Array(k),
    dist: new Float64Array(k),
  };
  const wantInertia = settings.trackInertia || settings.onIteration !== undefined;
  const history: number[] | undefined = settings.trackInertia ? [] : undefined;
  let converged = false;
  let iter = 0;
  for (; iter < settings.maxIter; iter++) {
    s.sums.fill(0);
    s.counts.fill(0);
    const changed = iter === 0 ? firstPass(s, wasm) : boundedPass(s, true, wasm);
    const inertia = wantInertia ? inertiaOf(X, s.labels, s.centers) : NaN;
    history?.push(inertia);
    finishCenters(X, s.labels, s.centers, s.sums, s.counts, s.shift);
    [s.centers, s.sums] = [s.sums, s.centers];
    const shiftTot = sumOfSquares(s.shift);
    settings.onIteration?.({ iteration: iter + 1, inertia, shift: shiftTot });
    if (iter > 0 && changed === 0) {
      // Strict convergence: the labels already match the new centres.
      converged = true;
      break;
    }
    const stop = shiftTot <= settings.tolThreshold;
    if (stop) converged = true;
    if (stop || iter + 1 === settings.maxIter) {
      // As Lloyd: relabel once more so the labels match the returned centres.
      boundedPass(s, false, wasm);
      break;
    }
  }
  const nIter = Math.min(iter + 1, settings.maxIter);
  const inertia = wasm ? wasm.inertia(s.centers, k) : inertiaOf(X, s.labels, s.centers);
  if (wasm) {
    s.labels = ws.takeLabels(n);
    s.labels.set(wasm.labelsView());
  }
  return {
    labels: s.labels,
    centers: { data: s.centers, rows: k, cols: d },
    inertia,
    nIter,
    converged,
    inertiaHistory: history,
  };
}

const EMPTY = new Float64Array(0);

/** Everything one assignment pass reads and writes. */
export type PassState = {
  X: Matrix;
  k: number;
  /** The centres the pass assigns to; after the update, the new centres (buffers swap). */
  centers: Float64Array;
  /** Row sums per cluster, filled by the pass. */
  sums: Float64Array;
  counts: Float64Array;
  labels: Int32Array;
  /** Upper bound on each point's distance to its own centre. */
  upper: Float64Array;
  /** Lower bound on each point's distance to every other centre. */
  lower: Float64Array;
  /** Each centre's move in the last update (non-squared). */
  shift: Float64Array;
  /** Half the distance from each centre to its nearest other centre. */
  halfGap: Float64Array;
  /** Scratch: one point's squared distances to every centre. */
  dist: Float64Array;
};

/** First assignment: every distance, exactly as Lloyd; the nearest and second-nearest become the bounds. */
function firstPass(s: PassState, wasm: WasmKernels | undefined): number {
  if (wasm) {
    wasm.firstPass(s.centers, s.k);
    wasm.readSums(s.sums, s.counts);
    return s.X.rows;
  }
  const { X, k, centers, sums, counts, labels, upper, lower, dist } = s;
  const { rows: n, cols: d, data } = X;
  for (let i = 0, xo = 0; i < n; i++, xo += d) {
    sqDistToAll(data, xo, centers, k, d, dist);
    const best = nearestTwo(dist, k, pair);
    const bestD = pair[0];
    const secondD = pair[1];
    labels[i] = best;
    upper[i] = Math.sqrt(bestD);
    lower[i] = Math.sqrt(secondD);
    counts[best] += 1;
    addRow(sums, best * d, data, xo, d);
  }
  return n;
}

/**
 * One assignment pass after the centres moved: widen each point's bounds by the last shifts, skip it
 * when they still prove its label, else tighten the upper bound, else rescan it. When `accumulate`,
 * each row is added to its cluster's sum. Returns the number of labels that changed.
 */
function boundedPass(s: PassState, accumulate: boolean, wasm: WasmKernels | undefined): number {
  const { X, k, centers, sums, counts, labels, upper, lower, shift, halfGap, dist } = s;
  const { rows: n, cols: d, data } = X;
  computeGaps(s);
  // Every other centre moved by at most the largest shift, or the second largest for the point
  // whose own centre moved most.
  let first = 0;
  for (let c = 1; c < k; c++) if (shift[c] > shift[first]) first = c;
  let nextShift = 0;
  for (let c = 0; c < k; c++) if (c !== first && shift[c] > nextShift) nextShift = shift[c];
  const maxShift = shift[first];
  if (wasm) {
    // The same pass, operation for operation, in WebAssembly (wasm/module.ts).
    const changed = wasm.boundedPass(centers, k, shift, halfGap, first, nextShift, maxShift, accumulate);
    if (accumulate) wasm.readSums(sums, counts);
    return changed;
  }
  let changed = 0;
  for (let i = 0, xo = 0; i < n; i++, xo += d) {
    let a = labels[i];
    let u = upper[i] + shift[a];
    let l = lower[i] - (a === first ? nextShift : maxShift);
    const gap = halfGap[a] > l ? halfGap[a] : l;
    const bound = gap * LO;
    if (u * HI >= bound) {
      const own = sqDist(data, xo, centers, a * d, d);
      u = Math.sqrt(own);
      if (u * HI >= bound) {
        // Lloyd's scan: same distances, same order, first minimum wins.
        sqDistToAll(data, xo, centers, k, d, dist);
        const best = nearestTwo(dist, k, pair);
        const bestD = pair[0];
        const secondD = pair[1];
        u = Math.sqrt(bestD);
        l = Math.sqrt(secondD);
        if (best !== a) {
          labels[i] = best;
          a = best;
          changed++;
        }
      }
    }
    upper[i] = u;
    lower[i] = l;
    if (accumulate) {
      counts[a] += 1;
      // Inline rather than addRow: V8 does not inline that switch here, which costs ~10% on B.
      for (let j = 0, so = a * d; j < d; j++) sums[so + j] += data[xo + j];
    }
  }
  return changed;
}

/** Each centre's half-distance to its nearest other centre (Infinity when k = 1). */
function computeGaps(s: PassState): void {
  const { k, centers, halfGap } = s;
  const d = s.X.cols;
  for (let a = 0; a < k; a++) {
    let m = Infinity;
    for (let b = 0; b < k; b++) {
      if (b !== a) {
        const v = sqDist(centers, a * d, centers, b * d, d);
        if (v < m) m = v;
      }
    }
    halfGap[a] = 0.5 * Math.sqrt(m);
  }
}

/** Scratch for nearestTwo's two distances, so the hot loop allocates nothing. */
const pair = new Float64Array(2);

/**
 * Lloyd's scan over precomputed squared distances: the first minimum wins. Returns its index and puts
 * the nearest and second-nearest squared distances in out[0] and out[1].
 */
function nearestTwo(dist: Float64Array, k: number, out: Float64Array): number {
  let best = 0;
  let bestD = dist[0];
  let secondD = Infinity;
  for (let c = 1; c < k; c++) {
    const v = dist[c];
    if (v < bestD) {
      secondD = bestD;
      bestD = v;
      best = c;
    } else if (v < secondD) {
      secondD = v;
    }
  }
  out[0] = bestD;
  out[1] = secondD;
  return best;
}
