import { EngineError } from "../core/errors";
import { calinskiHarabasz, daviesBouldin } from "../metrics/indices";
import { kmeans, type KMeansOptions, type KMeansResult } from "./kmeans";
import { assertValidMatrix, type Matrix } from "../core/matrix";
import { silhouetteScore } from "../metrics/silhouette";

export type SweepOptions = Omit<KMeansOptions, "k" | "init" | "runs" | "onProgress"> & {
  kMin: number;
  kMax: number;
  init?: "k-means++" | "random";
  /** Sample this many rows for the silhouette when there are more; omit for exact scores. */
  silhouetteSampleSize?: number;
  onProgress?: (p: { k: number; done: number; total: number }) => void;
};

export type SweepRow = {
  k: number;
  inertia: number;
  /** Mean silhouette; null for k = 1 or when the clustering found a single cluster. */
  silhouette: number | null;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  nIter: number;
  converged: boolean;
  /** Whether the silhouette came from a sample of silhouetteSampleSize rows. */
  silhouetteSampled: boolean;
};

/** Clusters X for every k in [kMin, kMax] and scores each clustering, for the elbow and silhouette charts. */
export function sweepK(X: Matrix, options: SweepOptions): SweepRow[] {
  assertValidMatrix(X);
  const { kMin, kMax, silhouetteSampleSize, onProgress, ...rest } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMax < kMin) {
    throw new EngineError("BAD_K", `kMin=${kMin} and kMax=${kMax} should be integers with 1 <= kMin <= kMax`);
  }
  if (kMax > X.rows)
    throw new EngineError("TOO_FEW_SAMPLES", `n_samples=${X.rows} should be >= kMax=${kMax}`);
  const rows: SweepRow[] = [];
  for (let k = kMin; k <= kMax; k++) {
    rows.push(scoreClustering(X, kmeans(X, { ...rest, k }), silhouetteSampleSize, rest.seed));
    onProgress?.({ k, done: k - kMin + 1, total: kMax - kMin + 1 });
  }
  return rows;
}

/** The sweep's row for one fitted clustering. */
export function scoreClustering(X: Matrix, r: KMeansResult, sampleSize?: number, seed?: number): SweepRow {
  const distinct = new Set(r.labels).size;
  const scorable = distinct >= 2 && distinct <= X.rows - 1;
  const sampled = sampleSize !== undefined && X.rows > sampleSize;
  return {
    k: r.settings.k,
    inertia: r.inertia,
    silhouette: scorable ? silhouetteScore(X, r.labels, sampled ? { sampleSize, seed } : {}) : null,
    calinskiHarabasz: scorable ? calinskiHarabasz(X, r.labels) : null,
    daviesBouldin: scorable ? daviesBouldin(X, r.labels) : null,
    nIter: r.nIter,
    converged: r.converged,
    silhouetteSampled: scorable && sampled,
  };
}
