import { fitScaler, kmeansRuns, type Matrix, type RunSummary } from "../engine";
import type { KMeansSettings, ReportProgress } from "../model";
import { kmeansSettings, runProgress } from "./kmeans";

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
 * inertia) can win its chunk and hide a later run the full fit would pick. The engine's kmeansRuns returns
 * each run as the full fit computes it (test/analysis/kmeansRuns.test.ts checks every run against it).
 */
export function runRuns(
  X: Matrix,
  settings: KMeansSettings,
  runs: number[],
  report: ReportProgress,
): RunResult[] {
  const Xs = fitScaler(X, settings.scaling).transform(X);
  // The share of this part done when a run starts: the runs before it in the part, over the part's size.
  const position = new Map(runs.map((run, i) => [run, i]));
  const results = kmeansRuns(Xs, {
    ...kmeansSettings(settings),
    runs,
    onProgress: runProgress(settings, report, (p) => {
      const done = position.get(p.run) ?? 0;
      return (done + Math.min(1, p.iteration / settings.maxIter)) / runs.length;
    }),
  }).map((r) => ({ labels: r.labels, centersScaled: r.centers, summary: r.summary, warnings: r.warnings }));
  const last = runs[runs.length - 1];
  report({ fraction: 1, message: `Run ${last + 1} of ${settings.nInit} done` }, true);
  return results;
}
