import { DEFAULT_MAX_ITER, DEFAULT_N_INIT, DEFAULT_SEED, DEFAULT_TOL } from "../core/defaults";
import { EngineError } from "../core/errors";
import { runHamerly } from "./hamerly";
import { kmeansPlusPlusIndices, randomInitIndices } from "./init";
import { runLloyd } from "./lloyd";
import { assertValidMatrix, columnMeansAndVariances, takeRows, type Matrix } from "../core/matrix";
import { createRandomState, type RandomState } from "../core/random";
import type { IterationInfo, RunOutcome, RunSettings } from "./steps";
import type { Backend, BackendChoice, PassMode } from "../wasm/backend";
import { Workspace } from "./workspace";

export type KMeansAlgorithm = "lloyd" | "hamerly";
export type KMeansInit = "k-means++" | "random" | Matrix;

export type KMeansOptions = {
  k: number;
  init?: KMeansInit;
  nInit?: number;
  maxIter?: number;
  tol?: number;
  /** Same meaning as scikit-learn's integer random_state: seed 42 here draws what random_state=42 draws there. */
  seed?: number;
  /** "hamerly" (default) gives exactly Lloyd's labels, skipping most distance computations. */
  algorithm?: KMeansAlgorithm;
  /** Compute only these initialisations (0-based); a worker pool splits the runs this way. */
  runs?: number[];
  /** Record each run's inertia after every assignment step. */
  trackInertia?: boolean;
  onProgress?: (p: ProgressInfo) => void;
  /** Which kernels run the passes (wasm/backend.ts): "auto" (default), "wasm" or "js". Same result. */
  backend?: BackendChoice;
  /** How "hamerly" runs under WebAssembly (wasm/backend.ts); for tests. Same result. */
  passMode?: PassMode;
};

export type ProgressInfo = IterationInfo & { run: number; nInit: number };

export type RunSummary = {
  run: number;
  inertia: number;
  nIter: number;
  converged: boolean;
  /** Rows chosen as starting centres (k-means++ and random init). */
  initIndices?: number[];
  inertiaHistory?: number[];
};

export type KMeansResult = {
  labels: Int32Array;
  centers: Matrix;
  inertia: number;
  nIter: number;
  converged: boolean;
  /** The run (0-based) that won. */
  bestRun: number;
  runs: RunSummary[];
  warnings: string[];
  /** The absolute threshold the tol became: tol × mean column variance. */
  tolThreshold: number;
  /** The kernels that ran: WebAssembly SIMD or JavaScript. */
  backend: Backend;
  settings: {
    k: number;
    init: "k-means++" | "random" | "matrix";
    nInit: number;
    maxIter: number;
    tol: number;
    seed: number;
    algorithm: KMeansAlgorithm;
  };
};

type Resolved = KMeansResult["settings"] & {
  initMatrix?: Matrix;
  runs: number[];
  backend?: BackendChoice;
  passMode?: PassMode;
};

/** Validate, then compute: the best of nInit runs by inertia, as scikit-learn's KMeans.fit. */
export function kmeans(X: Matrix, options: KMeansOptions): KMeansResult {
  const fit = prepareFit(X, options);
  const { s, workspace } = fit;
  let winner: { run: number; outcome: RunOutcome } | undefined;
  const summaries = forEachRun(X, fit, options, (run, outcome) => {
    // pickBest's rule, applied as the runs finish; only the best run's labels are kept, so peak
    // memory does not grow with nInit.
    if (!winner) {
      winner = { run, outcome };
    } else if (isBetter(outcome, winner.outcome, s.k)) {
      workspace.releaseLabels(winner.outcome.labels);
      winner = { run, outcome };
    } else {
      workspace.releaseLabels(outcome.labels);
    }
  });
  if (!winner) throw new EngineError("BAD_OPTION", "runs should name at least one run");
  return {
    labels: winner.outcome.labels,
    centers: winner.outcome.centers,
    inertia: winner.outcome.inertia,
    nIter: winner.outcome.nIter,
    converged: winner.outcome.converged,
    bestRun: winner.run,
    runs: summaries,
    warnings: runWarnings(winner.outcome.labels, s, options),
    tolThreshold: fit.tolThreshold,
    backend: workspace.used ?? "js",
    settings: publicSettings(s),
  };
}

/** One run of a fit, as kmeansRuns returns it. */
export type KMeansRun = {
  /** The run's index (0-based) among the fit's nInit. */
  run: number;
  labels: Int32Array;
  centers: Matrix;
  /** The entry the full fit's `runs` holds for this run. */
  summary: RunSummary;
  /** The full fit's warnings, had this run won. */
  warnings: string[];
};

/**
 * Each listed run of a fit (options.runs, 0-based and increasing; all nInit by default) with its own
 * outcome, as scikit-learn's single-run k-means is called once per initialisation. Every run is the
 * one kmeans(X, options) computes with the same options: the same seeded draws (runs share one
 * random stream, so a skipped run's initialisation is still drawn), the same iterations, bit for bit.
 * A worker pool splits a fit's runs this way and picks the winner over all of them with pickBest.
 * Validation, the tol threshold and the copy of X into WebAssembly memory are done once per call.
 */
export function kmeansRuns(X: Matrix, options: KMeansOptions): KMeansRun[] {
  const fit = prepareFit(X, options);
  const out: KMeansRun[] = [];
  forEachRun(X, fit, options, (run, outcome, summary) => {
    const { labels, centers } = outcome;
    out.push({ run, labels, centers, summary, warnings: runWarnings(labels, fit.s, options) });
  });
  return out;
}

/** What every run of one kmeans call shares: validated settings, the scaled tol and the buffers. */
type Fit = { s: Resolved; tolThreshold: number; workspace: Workspace };

function prepareFit(X: Matrix, options: KMeansOptions): Fit {
  const s = resolveOptions(X, options);
  const { variance } = columnMeansAndVariances(X);
  let meanVar = 0;
  for (let j = 0; j < X.cols; j++) meanVar += variance[j];
  const tolThreshold = (meanVar / X.cols) * s.tol;
  // One set of large buffers (and one copy of X in WebAssembly memory) for all the runs.
  const workspace = new Workspace({ backend: s.backend, passMode: s.passMode });
  return { s, tolThreshold, workspace };
}

/** Runs s.runs in order, handing each outcome and its summary to `done`; returns the summaries. */
function forEachRun(
  X: Matrix,
  fit: Fit,
  options: KMeansOptions,
  done: (run: number, outcome: RunOutcome, summary: RunSummary) => void,
): RunSummary[] {
  try {
    return runAll(X, fit, options, done);
  } finally {
    // Outcomes hold copies, never views of WebAssembly memory: the next fit may reuse it.
    fit.workspace.release();
  }
}

function runAll(
  X: Matrix,
  fit: Fit,
  options: KMeansOptions,
  done: (run: number, outcome: RunOutcome, summary: RunSummary) => void,
): RunSummary[] {
  const { s, tolThreshold, workspace } = fit;
  const rs = createRandomState(s.seed);
  const summaries: RunSummary[] = [];
  let drawn = 0;
  for (const run of s.runs) {
    // Runs share one random stream, as in scikit-learn; skipping runs means drawing their inits.
    while (drawn < run) {
      drawInit(X, s, rs, workspace);
      drawn++;
    }
    const { centers, indices } = drawInit(X, s, rs, workspace);
    drawn++;
    const settings: RunSettings = {
      maxIter: s.maxIter,
      tolThreshold,
      trackInertia: options.trackInertia,
      onIteration: options.onProgress
        ? (info) => options.onProgress!({ ...info, run, nInit: s.nInit })
        : undefined,
      workspace,
    };
    const runFn = s.algorithm === "lloyd" ? runLloyd : runHamerly;
    const outcome = runFn(X, centers, s.k, settings);
    const summary: RunSummary = {
      run,
      inertia: outcome.inertia,
      nIter: outcome.nIter,
      converged: outcome.converged,
      initIndices: indices ? Array.from(indices) : undefined,
      inertiaHistory: outcome.inertiaHistory,
    };
    summaries.push(summary);
    done(run, outcome, summary);
  }
  return summaries;
}

/** The fit's warnings for a winner with these labels. */
function runWarnings(labels: Int32Array, s: Resolved, options: KMeansOptions): string[] {
  const warnings: string[] = [];
  if (s.init === "matrix" && options.nInit !== undefined && options.nInit !== 1) {
    warnings.push(`Explicit initial centers were given, so nInit=${options.nInit} was replaced by 1.`);
  }
  const distinct = countDistinct(labels, s.k);
  if (distinct < s.k) {
    warnings.push(
      `Number of distinct clusters (${distinct}) found smaller than k (${s.k}). Possibly due to duplicate points in X.`,
    );
  }
  return warnings;
}

function publicSettings(s: Resolved): KMeansResult["settings"] {
  const { k, init, nInit, maxIter, tol, seed, algorithm } = s;
  return { k, init, nInit, maxIter, tol, seed, algorithm };
}

/**
 * scikit-learn's rule for the winner: strictly lower inertia, and not merely a relabelling of the
 * current best. Given outcomes in run order, returns the winner's index.
 */
export function pickBest(outcomes: { labels: Int32Array; inertia: number }[], k: number): number {
  let best = 0;
  for (let i = 1; i < outcomes.length; i++) if (isBetter(outcomes[i], outcomes[best], k)) best = i;
  return best;
}

function countDistinct(labels: Int32Array, k: number): number {
  const seen = new Uint8Array(k);
  let distinct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!seen[labels[i]]) {
      seen[labels[i]] = 1;
      distinct++;
    }
  }
  return distinct;
}

function isBetter(
  o: { labels: Int32Array; inertia: number },
  best: { labels: Int32Array; inertia: number },
  k: number,
): boolean {
  return o.inertia < best.inertia && !isSameClustering(o.labels, best.labels, k);
}

/** True when two labelings differ only by a permutation of cluster ids. */
export function isSameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    const m = map[a[i]];
    if (m === -1) map[a[i]] = b[i];
    else if (m !== b[i]) return false;
  }
  return true;
}

function drawInit(
  X: Matrix,
  s: Resolved,
  rs: RandomState,
  workspace: Workspace,
): { centers: Float64Array; indices?: Int32Array } {
  if (s.init === "matrix") return { centers: s.initMatrix!.data.slice() };
  const indices =
    s.init === "k-means++"
      ? kmeansPlusPlusIndices(X, s.k, rs, undefined, workspace)
      : randomInitIndices(X.rows, s.k, rs);
  return { centers: takeRows(X, indices).data, indices };
}

function resolveOptions(X: Matrix, o: KMeansOptions): Resolved {
  assertValidMatrix(X);
  if (!o || typeof o !== "object")
    throw new EngineError("BAD_OPTION", "options must be an object with at least k");
  const { k } = o;
  if (!Number.isInteger(k) || k < 1) throw new EngineError("BAD_K", `k=${k} should be an integer >= 1`);
  if (X.rows < k) throw new EngineError("TOO_FEW_SAMPLES", `n_samples=${X.rows} should be >= k=${k}`);
  const maxIter = o.maxIter ?? DEFAULT_MAX_ITER;
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new EngineError("BAD_OPTION", `maxIter=${maxIter} should be an integer >= 1`);
  }
  const tol = o.tol ?? DEFAULT_TOL;
  if (typeof tol !== "number" || !Number.isFinite(tol) || tol < 0) {
    throw new EngineError("BAD_OPTION", `tol=${tol} should be a finite number >= 0`);
  }
  const seed = o.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new EngineError("BAD_OPTION", `seed=${seed} should be an integer between 0 and 4294967295`);
  }
  const algorithm = o.algorithm ?? "hamerly";
  if (algorithm !== "lloyd" && algorithm !== "hamerly") {
    throw new EngineError("BAD_OPTION", `algorithm=${String(algorithm)} should be "lloyd" or "hamerly"`);
  }
  const initOpt = o.init ?? "k-means++";
  let init: Resolved["init"];
  let initMatrix: Matrix | undefined;
  if (initOpt === "k-means++" || initOpt === "random") {
    init = initOpt;
  } else if (initOpt && typeof initOpt === "object" && "data" in initOpt) {
    assertValidMatrix(initOpt, "init");
    if (initOpt.rows !== k || initOpt.cols !== X.cols) {
      throw new EngineError(
        "BAD_SHAPE",
        `The shape of the initial centers (${initOpt.rows}, ${initOpt.cols}) does not match k=${k} and n_features=${X.cols}`,
      );
    }
    init = "matrix";
    initMatrix = initOpt;
  } else {
    throw new EngineError(
      "BAD_OPTION",
      `init=${String(initOpt)} should be "k-means++", "random" or a k x d Matrix`,
    );
  }
  const nInit = init === "matrix" ? 1 : (o.nInit ?? DEFAULT_N_INIT);
  if (!Number.isInteger(nInit) || nInit < 1)
    throw new EngineError("BAD_OPTION", `nInit=${o.nInit} should be an integer >= 1`);
  const runs = o.runs ?? Array.from({ length: nInit }, (_, i) => i);
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (!Number.isInteger(r) || r < 0 || r >= nInit || (i > 0 && r <= runs[i - 1])) {
      throw new EngineError(
        "BAD_OPTION",
        `runs=[${runs.join(", ")}] should be increasing run indices below nInit=${nInit}`,
      );
    }
  }
  if (runs.length === 0) throw new EngineError("BAD_OPTION", "runs should name at least one run");
  const { backend, passMode } = o;
  if (backend !== undefined && backend !== "auto" && backend !== "wasm" && backend !== "js") {
    throw new EngineError("BAD_OPTION", `backend=${String(backend)} should be "auto", "wasm" or "js"`);
  }
  return { k, init, initMatrix, nInit, maxIter, tol, seed, algorithm, runs, backend, passMode };
}
