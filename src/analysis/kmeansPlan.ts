import { pickBest, type Matrix } from "../engine";
import type { KMeansSettings, ReportProgress } from "../model";
import { scoreKMeans, type Clustering } from "./kmeans";
import { runRuns, type RunResult } from "./kmeansRuns";
import type { FitPlan } from "./registry";

/**
 * A k-means fit split over a pool: its nInit runs in contiguous chunks, each chunk's every run returned
 * (the winner rule compares clusterings, not only inertias, so the merge needs every run's labels), the
 * winner picked by the engine's own rule over all runs in run order, and scored by one worker. The output
 * is the one a single worker gives (test/analysis/kmeansRuns.test.ts).
 */
export const kmeansPlan: FitPlan<KMeansSettings, number[], RunResult[], Clustering> = {
  // Invalid settings are never split: the whole fit goes to one worker, whose error is then exactly the
  // one a single fit raises (a split could surface another part's message first).
  split: (settings, poolSize) => {
    const { nInit } = settings;
    if (poolSize <= 1 || !Number.isInteger(nInit) || nInit <= 1) return null;
    return splitRuns(nInit, Math.min(poolSize, nInit));
  },
  weight: (settings, runs) => runs.length / settings.nInit,
  runPart: (X: Matrix, settings, runs, report: ReportProgress) => runRuns(X, settings, runs, report),
  merge: (settings, results) => mergeRuns(results.flat(), settings.k),
  finish: scoreKMeans,
};

/**
 * Run indices 0..nInit-1 in `parts` contiguous chunks, sizes differing by at most one, larger first:
 * a later chunk must first draw (and discard) the starts of every run before it, so it gets less to run.
 */
export function splitRuns(nInit: number, parts: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.floor(nInit / parts) + (p < nInit % parts ? 1 : 0);
    out.push(Array.from({ length: size }, (_, i) => start + i));
    start += size;
  }
  return out;
}

/** The full fit's winner among every run (in run order), by the engine's own rule. */
export function mergeRuns(results: readonly RunResult[], k: number): Clustering {
  const best =
    results[
      pickBest(
        results.map((r) => ({ labels: r.labels, inertia: r.summary.inertia })),
        k,
      )
    ];
  return {
    labels: best.labels,
    centersScaled: best.centersScaled,
    inertia: best.summary.inertia,
    nIter: best.summary.nIter,
    converged: best.summary.converged,
    bestRun: best.summary.run,
    runs: results.map((r) => r.summary),
    warnings: best.warnings,
  };
}
