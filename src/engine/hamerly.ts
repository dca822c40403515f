import { sqDistRows, type Matrix } from "./matrix";
import { inertiaOf, sumOfSquares, updateCenters, type RunOutcome, type RunSettings } from "./steps";

/**
 * Bounds may drift by rounding over hundreds of updates; a point is skipped only when its bounds
 * clear each other by this relative margin, otherwise it is rescanned exactly as Lloyd would scan it.
 * That keeps every label identical to Lloyd's while skipping almost every distance.
 */
const MARGIN = 1e-9;

/**
 * Hamerly's k-means (2010): one upper bound to the own centre and one lower bound to every other
 * centre per point, so most points skip the k distance computations. Iteration for iteration it makes
 * the same assignments as Lloyd, and it shares Lloyd's centre update and stopping rule.
 */
export function runHamerly(
  X: Matrix,
  initCenters: Float64Array,
  k: number,
  settings: RunSettings,
): RunOutcome {
  const { rows: n, cols: d } = X;
  let centers = initCenters.slice();
  let next = new Float64Array(k * d);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const counts = new Float64Array(k);
  const shift = new Float64Array(k);
  const halfGap = new Float64Array(k);
  const wantInertia = settings.trackInertia || settings.onIteration !== undefined;
  const history: number[] | undefined = settings.trackInertia ? [] : undefined;
  let strict = false;
  let converged = false;
  let iter = 0;
  for (; iter < settings.maxIter; iter++) {
    const changed =
      iter === 0
        ? fullAssign(X, centers, k, labels, upper, lower)
        : boundedAssign(X, centers, k, labels, upper, lower, halfGap);
    const inertia = wantInertia ? inertiaOf(X, labels, centers) : NaN;
    history?.push(inertia);
    updateCenters(X, labels, centers, next, counts, shift);
    [centers, next] = [next, centers];
    const shiftTot = sumOfSquares(shift);
    settings.onIteration?.({ iteration: iter + 1, inertia, shift: shiftTot });
    if (iter > 0 && changed === 0) {
      strict = true;
      converged = true;
      break;
    }
    const stop = shiftTot <= settings.tolThreshold;
    if (stop) converged = true;
    if (stop || iter + 1 === settings.maxIter) {
      if (!strict) {
        moveBounds(labels, upper, lower, shift);
        boundedAssign(X, centers, k, labels, upper, lower, halfGap);
      }
      break;
    }
    moveBounds(labels, upper, lower, shift);
  }
  const nIter = Math.min(iter + 1, settings.maxIter);
  return {
    labels,
    centers: { data: centers, rows: k, cols: d },
    inertia: inertiaOf(X, labels, centers),
    nIter,
    converged,
    inertiaHistory: history,
  };
}

/** First assignment: every distance, keeping the nearest and second-nearest as the bounds. */
function fullAssign(
  X: Matrix,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): number {
  const { rows: n } = X;
  for (let i = 0; i < n; i++) scanPoint(X, i, centers, k, labels, upper, lower);
  return n;
}

/** Scans all centres for point i exactly as Lloyd does; returns 1 when its label changed. */
function scanPoint(
  X: Matrix,
  i: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): number {
  const { cols: d, data } = X;
  const xo = i * d;
  let best = 0;
  let bestD = sqDistRows(data, xo, centers, 0, d);
  let secondD = Infinity;
  for (let c = 1; c < k; c++) {
    const v = sqDistRows(data, xo, centers, c * d, d);
    if (v < bestD) {
      secondD = bestD;
      bestD = v;
      best = c;
    } else if (v < secondD) {
      secondD = v;
    }
  }
  upper[i] = Math.sqrt(bestD);
  lower[i] = Math.sqrt(secondD);
  if (labels[i] !== best) {
    labels[i] = best;
    return 1;
  }
  return 0;
}

function boundedAssign(
  X: Matrix,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  halfGap: Float64Array,
): number {
  const { rows: n, cols: d, data } = X;
  for (let a = 0; a < k; a++) {
    let m = Infinity;
    for (let b = 0; b < k; b++) {
      if (b !== a) {
        const v = sqDistRows(centers, a * d, centers, b * d, d);
        if (v < m) m = v;
      }
    }
    halfGap[a] = 0.5 * Math.sqrt(m);
  }
  const lo = 1 - MARGIN;
  const hi = 1 + MARGIN;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const gap = halfGap[a] > lower[i] ? halfGap[a] : lower[i];
    const bound = gap * lo;
    if (upper[i] * hi < bound) continue;
    const u = Math.sqrt(sqDistRows(data, i * d, centers, a * d, d));
    upper[i] = u;
    if (u * hi < bound) continue;
    changed += scanPoint(X, i, centers, k, labels, upper, lower);
  }
  return changed;
}

/** After the centres move, the upper bound grows by the own centre's shift, the lower shrinks by the largest other. */
function moveBounds(labels: Int32Array, upper: Float64Array, lower: Float64Array, shift: Float64Array): void {
  let first = 0;
  for (let c = 1; c < shift.length; c++) if (shift[c] > shift[first]) first = c;
  let second = 0;
  for (let c = 0; c < shift.length; c++)
    if (c !== first && (second === first || shift[c] > shift[second])) second = c;
  const maxShift = shift[first];
  const nextShift = shift.length > 1 ? shift[second] : 0;
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i];
    upper[i] += shift[a];
    lower[i] -= a === first ? nextShift : maxShift;
  }
}
