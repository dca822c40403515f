import { findKnee, fitScaler, sweepK, type SweepRow } from "../engine";
import { checkMagnitudes } from "./fit";
import type { ReportProgress } from "./progress";
import type { SweepJob, SweepOutput } from "./protocol";

/** Fits and scores every k in [kMin, kMax] on the scaled data. */
export function runSweep(job: SweepJob, report: ReportProgress): SweepOutput {
  const { X, settings: s } = job;
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
export function summariseSweep(rows: readonly SweepRow[]): Pick<SweepOutput, "elbowK" | "bestSilhouetteK"> {
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
