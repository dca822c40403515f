import {
  EngineError,
  excelNumber,
  fitScaler,
  kmeans,
  magnitudeProblem,
  renumberLabels,
  renumberRows,
  sizeOrder,
  type Matrix,
  type ProgressInfo,
  type KMeansResult,
  type ScalingMethod,
  type Scaler,
} from "../engine";
import {
  FIT_SHARE,
  type KMeansReport,
  type KMeansRunRecord,
  type KMeansSettings,
  type ReportProgress,
} from "../model";
import { kmeansPlan } from "./kmeansPlan";
import type { Clusterer } from "./registry";
import { scoreClustering } from "./score";

/** The winning run of a k-means fit with the record of every run: what kmeans returns, as it crosses. */
export type Clustering = KMeansRunRecord &
  Pick<KMeansResult, "labels" | "warnings"> & {
    /** The engine's centers: in the scaled space the clustering ran in. */
    centersScaled: Matrix;
  };

export const kmeansClusterer: Clusterer<KMeansSettings> = {
  fit: fitKMeans,
  plan: kmeansPlan,
};

/** Scale, fit the best of nInit, then score and profile the winner. */
export function fitKMeans(X: Matrix, settings: KMeansSettings, report: ReportProgress): KMeansReport {
  const scaler = fitScaler(X, settings.scaling);
  const Xs = scaler.transform(X);
  checkMagnitudes(Xs, settings.scaling);
  const result = kmeans(Xs, {
    ...kmeansSettings(settings),
    onProgress: runProgress(
      settings,
      report,
      (p) => (FIT_SHARE * (p.run + Math.min(1, p.iteration / settings.maxIter))) / settings.nInit,
    ),
  });
  const { centers, ...rest } = result;
  return finishKMeans(X, scaler, Xs, settings, { ...rest, centersScaled: centers }, report);
}

/** The pool's last step: the same scoring and profile as fitKMeans, for a winner merged from several workers. */
export function scoreKMeans(
  X: Matrix,
  settings: KMeansSettings,
  clustering: Clustering,
  report: ReportProgress,
): KMeansReport {
  const scaler = fitScaler(X, settings.scaling);
  const Xs = scaler.transform(X);
  // The parts before it do not check (kmeansPlan.ts); a pool's fit of such data fails here, in these words.
  checkMagnitudes(Xs, settings.scaling);
  return finishKMeans(X, scaler, Xs, settings, clustering, report);
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
export function kmeansSettings(s: KMeansSettings) {
  return { k: s.k, nInit: s.nInit, seed: s.seed, maxIter: s.maxIter, tol: s.tol, algorithm: s.algorithm };
}

/** The engine's per-iteration progress as the report's, with the fraction done as `fraction` counts it. */
export function runProgress(
  settings: KMeansSettings,
  report: ReportProgress,
  fraction: (p: ProgressInfo) => number,
): (p: ProgressInfo) => void {
  return (p) =>
    report({
      fraction: fraction(p),
      run: p.run + 1,
      nInit: settings.nInit,
      iteration: p.iteration,
      inertia: p.inertia,
      message: `Run ${p.run + 1} of ${settings.nInit}, iteration ${p.iteration}`,
    });
}

/** The winner with its clusters numbered as the settings ask (scikit-learn's order unless "size"). */
function numbered(c: Clustering, settings: KMeansSettings): Clustering {
  if (settings.numbering !== "size") return c;
  const map = sizeOrder(c.labels, settings.k);
  return { ...c, labels: renumberLabels(c.labels, map), centersScaled: renumberRows(c.centersScaled, map) };
}

function finishKMeans(
  X: Matrix,
  scaler: Scaler,
  Xs: Matrix,
  settings: KMeansSettings,
  c: Clustering,
  report: ReportProgress,
): KMeansReport {
  report({ fraction: FIT_SHARE, message: "Scoring the clustering" }, true);
  c = numbered(c, settings);
  const centers = scaler.inverseTransform(c.centersScaled);
  const scored = scoreClustering(
    X,
    scaler,
    Xs,
    c.labels,
    settings.k,
    { scaled: c.centersScaled, original: centers },
    settings,
  );
  const output: KMeansReport = {
    kind: "fit",
    clusterer: "kmeans",
    labels: c.labels,
    clusterCount: settings.k,
    warnings: c.warnings,
    centersScaled: c.centersScaled,
    centers,
    inertia: c.inertia,
    nIter: c.nIter,
    converged: c.converged,
    bestRun: c.bestRun,
    runs: c.runs,
    ...scored,
  };
  report({ fraction: 1, message: "Done" }, true);
  return output;
}
