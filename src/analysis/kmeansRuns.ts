import {
  DEFAULT_SEED,
  EngineError,
  createRandomState,
  fitScaler,
  kmeans,
  kmeansPlusPlusIndices,
  takeRows,
  type Matrix,
  type RunSummary,
} from "../engine";
import type { KMeansSettings, ReportProgress } from "../model";
import { kmeansSettings } from "./kmeans";

/** One run of a fit, as a part of a pooled fit returns it. */
export type RunResult = {
  labels: Int32Array;
  centersScaled: Matrix;
  summary: RunSummary;
  /** The engine's warnings had this run won. */
  warnings: string[];
};

/**
 * Computes each listed run of a fit and returns every one, so a pool can pick the winner over all runs.
 *
 * kmeans({ runs }) returns only the winner of the runs it was given, and merging per-worker winners is not
 * always the full fit's choice: a run the full fit rejects (a relabelling of the current best, with lower
 * inertia) can win its chunk and hide a later run the full fit would pick. So each run is computed on its
 * own, replaying the engine's one seeded k-means++ stream (every run draws its starting rows from it, in
 * run order) and handing the drawn rows to kmeans as an explicit init, which runs exactly what the full fit
 * runs from them. test/worker/runs.test.ts checks every run against the full fit; an engine option that
 * returned each run's outcome would make this a plain call.
 */
export function runRuns(
  X: Matrix,
  settings: KMeansSettings,
  runs: number[],
  report: ReportProgress,
): RunResult[] {
  const Xs = fitScaler(X, settings.scaling).transform(X);
  const seed = settings.seed ?? DEFAULT_SEED;
  checkReplayable(Xs, settings, seed, runs);
  const rs = createRandomState(seed);
  const last = runs[runs.length - 1];
  const results: RunResult[] = [];
  for (let run = 0; run <= last; run++) {
    const indices = kmeansPlusPlusIndices(Xs, settings.k, rs);
    if (run !== runs[results.length]) continue;
    const done = results.length;
    const r = kmeans(Xs, {
      ...kmeansSettings(settings),
      init: takeRows(Xs, indices),
      onProgress: (p) =>
        report({
          fraction: (done + Math.min(1, p.iteration / settings.maxIter)) / runs.length,
          run: run + 1,
          nInit: settings.nInit,
          iteration: p.iteration,
          inertia: p.inertia,
          message: `Run ${run + 1} of ${settings.nInit}, iteration ${p.iteration}`,
        }),
    });
    results.push({
      labels: r.labels,
      centersScaled: r.centers,
      summary: { ...r.runs[0], run, initIndices: Array.from(indices) },
      warnings: r.warnings,
    });
  }
  report({ fraction: 1, message: `Run ${last + 1} of ${settings.nInit} done` }, true);
  return results;
}

/**
 * The replay draws before kmeans validates, so what the draws rely on is checked first; when it fails,
 * kmeans with the full fit's options throws, so the caller sees the engine's own error and message.
 */
function checkReplayable(Xs: Matrix, s: KMeansSettings, seed: number, runs: number[]): void {
  const { k, nInit } = s;
  const kOk = Number.isInteger(k) && k >= 1 && k <= Xs.rows;
  const seedOk = Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff;
  const nInitOk = Number.isInteger(nInit) && nInit >= 1;
  if (!kOk || !seedOk || !nInitOk) {
    kmeans(Xs, { ...kmeansSettings(s), nInit, seed, runs: [0] });
    throw new EngineError("BAD_OPTION", `k=${k}, seed=${seed} or nInit=${nInit} cannot be replayed`);
  }
  const ordered = runs.every(
    (r, i) => Number.isInteger(r) && r >= 0 && r < nInit && (i === 0 || r > runs[i - 1]),
  );
  if (runs.length === 0 || !ordered) {
    throw new EngineError(
      "BAD_OPTION",
      `runs=[${runs.join(", ")}] should be increasing run indices below nInit=${nInit}`,
    );
  }
}
