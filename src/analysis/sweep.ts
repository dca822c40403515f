import { findKnee, fitScaler, sweepK, type Matrix, type SweepRow } from "../engine";
import { validateSweepSettings, type ReportProgress, type SweepReport, type SweepSettings } from "../model";
import { checkMagnitudes } from "./kmeans";
import { settingsError } from "./settingsError";

/** Fits and scores every k in [kMin, kMax] on the scaled data. */
export function runSweep(X: Matrix, s: SweepSettings, report: ReportProgress): SweepReport {
  // One k is a whole sweep to a worker: a pool sends each k of the user's range as its own.
  const problems = validateSweepSettings(s, {}, 1);
  if (problems.length > 0) throw settingsError(problems);
  const Xs = fitScaler(X, s.scaling).transform(X);
  checkMagnitudes(Xs, s.scaling);
  const rows = sweepK(Xs, {
    kMin: s.kMin,
    kMax: s.kMax,
    nInit: s.nInit,
    maxIter: s.maxIter,
    tol: s.tol,
    seed: s.seed,
    algorithm: s.algorithm,
    silhouetteSampleSize: s.silhouetteSampleSize,
    onProgress: (p) =>
      report({ fraction: p.done / p.total, k: p.k, message: `Fitted k = ${p.k}` }, p.done === p.total),
  });
  return { kind: "sweep", rows, ...summariseSweep(rows) };
}

/** The suggested ks of a sweep; a pool calls it on the rows it gathered, so both agree. */
export function summariseSweep(rows: readonly SweepRow[]): Pick<SweepReport, "elbowK" | "bestSilhouetteK"> {
  const knee = findKnee(
    rows.map((r) => r.k),
    rows.map((r) => r.inertia),
  );
  let best: SweepRow | null = null;
  for (const r of rows) {
    if (r.silhouette !== null && (best === null || r.silhouette > best.silhouette!)) best = r;
  }
  return { elbowK: knee ? knee.k : null, bestSilhouetteK: best ? best.k : null };
}
