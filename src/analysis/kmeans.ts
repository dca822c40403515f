import {
  calinskiHarabasz,
  clusterProfile,
  daviesBouldin,
  EngineError,
  excelNumber,
  fitScaler,
  kmeans,
  magnitudeProblem,
  type Matrix,
  type ScalingMethod,
  type Scaler,
} from "../engine";
import { silhouetteDetail } from "./clusterSilhouette";
import { RUNS_SHARE, type ReportProgress } from "./progress";
import type { Clustering, FitJob, FitOutput, FitSettings, ScoreJob } from "./protocol";
import { scatterData } from "./scatter";

/** Scale, fit the best of nInit (or of the listed runs), then score and profile the winner. */
export function runFit(job: FitJob, report: ReportProgress): FitOutput {
  const { X, settings } = job;
  const scaler = fitScaler(X, settings.scaling);
  const Xs = scaler.transform(X);
  checkMagnitudes(Xs, settings.scaling);
  const count = job.runs?.length ?? settings.nInit;
  const result = kmeans(Xs, {
    ...kmeansSettings(settings),
    nInit: settings.nInit,
    seed: settings.seed,
    runs: job.runs,
    onProgress: (p) => {
      const done = job.runs ? job.runs.indexOf(p.run) : p.run;
      report({
        fraction: (RUNS_SHARE * (done + Math.min(1, p.iteration / settings.maxIter))) / count,
        run: p.run + 1,
        nInit: p.nInit,
        iteration: p.iteration,
        inertia: p.inertia,
        message: `Run ${p.run + 1} of ${p.nInit}, iteration ${p.iteration}`,
      });
    },
  });
  const { centers, ...rest } = result;
  return finishFit(X, scaler, Xs, settings, { ...rest, centersScaled: centers }, report);
}

/** The pool's last step: the same scoring and profile as runFit, for a winner merged from several workers. */
export function runScore(job: ScoreJob, report: ReportProgress): FitOutput {
  const scaler = fitScaler(job.X, job.settings.scaling);
  const Xs = scaler.transform(job.X);
  // The runs jobs before it do not check (runs.ts); a pool's fit of such data fails here, in these words.
  checkMagnitudes(Xs, job.settings.scaling);
  return finishFit(job.X, scaler, Xs, job.settings, job.clustering, report);
}

/**
 * Standard and min-max scaling bring any finite data into range; with none, values whose squares leave
 * float64's range cannot be clustered. The pane and the functions refuse such data first, naming its
 * cells; this is the last word for any other caller, in the user's terms rather than the engine's (whose
 * message names 0-based positions the worker cannot turn into cells).
 */
export function checkMagnitudes(Xs: Matrix, scaling: ScalingMethod): void {
  if (scaling !== "none") return;
  const problem = magnitudeProblem(Xs, 1);
  if (!problem) return;
  const value = excelNumber(Xs.data[problem.indices[0]]);
  throw new EngineError(
    "OUT_OF_RANGE",
    problem.kind === "large"
      ? `With no scaling, the data holds values too large to cluster (such as ${value}): their squared distances exceed the largest number Excel holds. Choose standard or min-max scaling.`
      : `With no scaling, the data's values are all too small to cluster (the largest is ${value}): their squared distances fall below the smallest number Excel holds. Choose standard or min-max scaling.`,
  );
}

/** The kmeans options every run of a fit shares, whichever worker computes it. */
export function kmeansSettings(s: FitSettings) {
  return { k: s.k, maxIter: s.maxIter, tol: s.tol, algorithm: s.algorithm };
}

function finishFit(
  X: Matrix,
  scaler: Scaler,
  Xs: Matrix,
  settings: FitSettings,
  c: Clustering,
  report: ReportProgress,
): FitOutput {
  report({ fraction: RUNS_SHARE, message: "Scoring the clustering" }, true);
  const { labels } = c;
  const distinct = new Set(labels).size;
  // The indices are undefined for one cluster, and for one row per cluster (silhouette's n - 1 bound).
  const scorable = distinct >= 2 && distinct <= Xs.rows - 1;
  // Means and spreads in original units; each cluster's sum of squares in the space the inertia is in, so
  // the k of them add up to it on the results sheet.
  const profile = clusterProfile(X, labels, settings.k, { X: Xs, centers: c.centersScaled });
  // One set of silhouette samples gives both the overall score and each cluster's mean.
  const silhouette = silhouetteDetail(Xs, labels, settings.k, settings.silhouetteSampleSize, settings.seed);
  const centers = scaler.inverseTransform(c.centersScaled);
  const output: FitOutput = {
    kind: "fit",
    labels,
    centersScaled: c.centersScaled,
    centers,
    inertia: c.inertia,
    nIter: c.nIter,
    converged: c.converged,
    bestRun: c.bestRun,
    runs: c.runs,
    warnings: c.warnings,
    silhouette: silhouette.score,
    silhouetteSampled: silhouette.sampled,
    calinskiHarabasz: scorable ? calinskiHarabasz(Xs, labels) : null,
    daviesBouldin: scorable ? daviesBouldin(Xs, labels) : null,
    profile,
    scaler: {
      method: scaler.method,
      offset: scaler.offset,
      scale: scaler.scale,
      constantColumns: scaler.constantColumns,
    },
    silhouetteByCluster: silhouette.byCluster,
    scatter: scatterData(X, Xs, labels, centers, c.centersScaled, settings),
  };
  report({ fraction: 1, message: "Done" }, true);
  return output;
}
