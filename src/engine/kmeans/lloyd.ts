import { sqDistToAll } from "./kernels";
import type { Matrix } from "../core/matrix";
import {
  finishCenters,
  inertiaOf,
  sumOfSquares,
  updateCenters,
  type RunOutcome,
  type RunSettings,
} from "./steps";
import type { WasmKernels } from "../wasm/kernels";
import { Workspace } from "./workspace";

/**
 * Lloyd's algorithm with scikit-learn's stopping rule: stop when an assignment leaves every label
 * unchanged (strict convergence), or when the summed squared centre shift is at most the scaled tol;
 * after a tol stop, labels are recomputed so they match the returned centres.
 */
export function runLloyd(X: Matrix, initCenters: Float64Array, k: number, settings: RunSettings): RunOutcome {
  const { rows: n, cols: d } = X;
  const ws = settings.workspace ?? new Workspace();
  const wasm = ws.wasm(X);
  if (wasm) return runLloydWasm(X, wasm, initCenters, k, settings, ws);
  const labels = ws.takeLabels(n).fill(-1);
  const counts = new Float64Array(k);
  const loop = lloydLoop(initCenters, k, d, settings, (centers, next, shift) => {
    const step = assignAll(X, centers, k, labels);
    updateCenters(X, labels, centers, next, counts, shift);
    return step;
  });
  const { centers, converged, nIter, history } = loop;
  if (!loop.strict) assignAll(X, centers, k, labels);
  return {
    labels,
    centers: { data: centers, rows: k, cols: d },
    inertia: inertiaOf(X, labels, centers),
    nIter,
    converged,
    inertiaHistory: history,
  };
}

/** Nearest centre for every row (first one on ties, as scikit-learn); counts label changes. */
export function assignAll(
  X: Matrix,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
): { changed: number; inertia: number } {
  const { rows: n, cols: d, data } = X;
  const dist = new Float64Array(k);
  let changed = 0;
  let inertia = 0;
  for (let i = 0, xo = 0; i < n; i++, xo += d) {
    sqDistToAll(data, xo, centers, k, d, dist);
    let best = 0;
    let bestD = dist[0];
    for (let c = 1; c < k; c++) {
      const v = dist[c];
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    if (labels[i] !== best) {
      labels[i] = best;
      changed++;
    }
    inertia += bestD;
  }
  return { changed, inertia };
}

/** runLloyd with the assignment, sums and counts computed by the WebAssembly kernels. */
function runLloydWasm(
  X: Matrix,
  wasm: WasmKernels,
  initCenters: Float64Array,
  k: number,
  settings: RunSettings,
  ws: Workspace,
): RunOutcome {
  const { rows: n, cols: d } = X;
  wasm.labelsView().fill(-1);
  const counts = new Float64Array(k);
  const loop = lloydLoop(initCenters, k, d, settings, (centers, next, shift) => {
    const step = wasm.lloydPass(centers, k, true);
    wasm.readSums(next, counts);
    finishCenters(X, wasm.labelsView(), centers, next, counts, shift);
    return step;
  });
  const { centers, converged, nIter, history } = loop;
  if (!loop.strict) wasm.lloydPass(centers, k, false);
  const out = ws.takeLabels(n);
  out.set(wasm.labelsView());
  return {
    labels: out,
    centers: { data: centers, rows: k, cols: d },
    inertia: wasm.inertia(centers, k),
    nIter,
    converged,
    inertiaHistory: history,
  };
}

/**
 * scikit-learn's Lloyd loop around one assignment-and-update step (which fills `next` and `shift`):
 * stop when no label changed (strict), or when the summed squared shift is at most the scaled tol.
 */
function lloydLoop(
  initCenters: Float64Array,
  k: number,
  d: number,
  settings: RunSettings,
  step: (
    centers: Float64Array,
    next: Float64Array,
    shift: Float64Array,
  ) => { changed: number; inertia: number },
): { centers: Float64Array; strict: boolean; converged: boolean; nIter: number; history?: number[] } {
  let centers = initCenters.slice();
  let next = new Float64Array(k * d);
  const shift = new Float64Array(k);
  const history: number[] | undefined = settings.trackInertia ? [] : undefined;
  let strict = false;
  let converged = false;
  let iter = 0;
  for (; iter < settings.maxIter; iter++) {
    const { changed, inertia } = step(centers, next, shift);
    history?.push(inertia);
    [centers, next] = [next, centers];
    const shiftTot = sumOfSquares(shift);
    settings.onIteration?.({ iteration: iter + 1, inertia, shift: shiftTot });
    if (changed === 0) {
      strict = true;
      converged = true;
      break;
    }
    if (shiftTot <= settings.tolThreshold) {
      converged = true;
      break;
    }
  }
  return { centers, strict, converged, nIter: Math.min(iter + 1, settings.maxIter), history };
}
