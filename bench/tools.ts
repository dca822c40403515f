import { kmeans as mlKmeans } from "ml-kmeans";
import skmeans from "skmeans";
import { kmeans, type KMeansAlgorithm, type Matrix } from "../src/engine";
import type { Backend, BackendChoice } from "../src/engine/wasm/backend";

/** KMEANS_BACKEND=js measures the JavaScript kernels (the memory children inherit the variable). */
export const ENGINE_BACKEND = (process.env.KMEANS_BACKEND ?? "auto") as BackendChoice;

/** What every tool's fit is reduced to for the table; `backend` is the engine's kernels. */
export type FitOutcome = { labels: Int32Array; nIter: number; inertia: number; backend?: Backend };

/** Engine fit from given starting centres (one run, sklearn's tol semantics). */
export function engineFromStart(X: Matrix, start: Matrix, algorithm: KMeansAlgorithm): FitOutcome {
  const r = kmeans(X, {
    k: start.rows,
    init: start,
    maxIter: 300,
    tol: 1e-4,
    algorithm,
    backend: ENGINE_BACKEND,
  });
  return { labels: r.labels, nIter: r.nIter, inertia: r.inertia, backend: r.backend };
}

/** Engine full fit: k-means++ with the given seed, one initialisation, default algorithm. */
export function engineKMeansPlusPlus(X: Matrix, k: number, seed: number): FitOutcome {
  const r = kmeans(X, { k, nInit: 1, seed, backend: ENGINE_BACKEND });
  return { labels: r.labels, nIter: r.nIter, inertia: r.inertia, backend: r.backend };
}

/**
 * ml-kmeans v7 from the same start. Its only stopping rule is "every centre moved at most
 * `tolerance` (squared)", so tolerance 0 plus maxIterations = the engine's count makes it run exactly
 * as many Lloyd iterations as the engine did. Takes number[][] built by the caller, outside the timing.
 */
export function mlKmeansFromStart(rows: number[][], start: number[][], maxIterations: number): FitOutcome {
  const r = mlKmeans(rows, start.length, { initialization: start, maxIterations, tolerance: 0 });
  return {
    labels: Int32Array.from(r.clusters),
    nIter: r.iterations,
    inertia: inertiaOfRows(rows, r.clusters, r.centroids),
  };
}

/**
 * skmeans from the same start. It stops only when no centroid changes at all, or after `maxit`
 * iterations. It overwrites the centroid array it is given, so it gets a fresh copy.
 */
export function skmeansFromStart(rows: number[][], start: number[][], maxit: number): FitOutcome {
  const r = skmeans(
    rows,
    start.length,
    start.map((c) => c.slice()),
    maxit,
  );
  return {
    labels: Int32Array.from(r.idxs),
    nIter: r.it,
    inertia: inertiaOfRows(rows, r.idxs, r.centroids),
  };
}

/**
 * ml-kmeans v7's own full fit: its k-means++ seeding (its own draws, not scikit-learn's) and its
 * defaults otherwise, for comparing whole fits as a user calls them.
 */
export function mlKmeansPlusPlus(rows: number[][], k: number, seed: number): FitOutcome {
  const r = mlKmeans(rows, k, { initialization: "kmeans++", seed, maxIterations: 300 });
  return {
    labels: Int32Array.from(r.clusters),
    nIter: r.iterations,
    inertia: inertiaOfRows(rows, r.clusters, r.centroids),
  };
}

/** Sum of squared distances of rows to the centre their label names (after the tool's last update). */
function inertiaOfRows(rows: number[][], labels: ArrayLike<number>, centres: number[][]): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i];
    const c = centres[labels[i]];
    for (let j = 0; j < x.length; j++) {
      const t = x[j] - c[j];
      s += t * t;
    }
  }
  return s;
}
