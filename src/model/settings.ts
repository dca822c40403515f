import type { KMeansAlgorithm, Numbering, ScalingMethod } from "../engine";

/** The clusterers a run can use; each is one entry of the analysis registry. */
export type ClustererName = "kmeans" | "dbscan";
export const CLUSTERERS: readonly ClustererName[] = ["kmeans", "dbscan"];

/** What every run shares, whatever clusters it. */
export type SharedSettings = {
  scaling: ScalingMethod;
  /** Seeds every random choice of the run (k-means++ draws, the silhouette's and scatter's samples). */
  seed: number;
  /** Above this many rows the silhouette is computed on a seeded sample of this size. */
  silhouetteSampleSize: number;
  /**
   * Axes of the cluster scatter: "pca" (default) for the first two principal components of the scaled
   * data, or two feature positions (0-based within X's columns) plotted in original units.
   */
  scatterAxes?: "pca" | [number, number];
  /** Above this many rows the scatter plots a seeded sample of this size. */
  scatterSampleSize?: number;
  /**
   * How clusters are numbered: "sklearn" (the default, so labels are scikit-learn's labels_ + 1) or "size",
   * largest first, which keeps the numbers steady when the data changes a little.
   */
  numbering?: Numbering;
};

/**
 * k-means as scikit-learn's KMeans. `clusterer` is optional here only: records stored before DBSCAN
 * existed have none, and they are k-means runs.
 */
export type KMeansSettings = SharedSettings & {
  clusterer?: "kmeans";
  k: number;
  nInit: number;
  maxIter: number;
  tol: number;
  /** scikit-learn's `algorithm`: how Lloyd's iterations are computed, not which clusterer runs. */
  algorithm?: KMeansAlgorithm;
};

/** DBSCAN as scikit-learn's: eps a distance in the scaled space, minSamples counting the point itself. */
export type DbscanSettings = SharedSettings & { clusterer: "dbscan"; eps: number; minSamples: number };

export type RunSettings = KMeansSettings | DbscanSettings;

/** Every k from kMin to kMax fitted with k-means, for choosing k. */
export type SweepSettings = Omit<KMeansSettings, "k"> & { kMin: number; kMax: number };

export function clustererOf(s: RunSettings): ClustererName {
  return s.clusterer ?? "kmeans";
}

export function isDbscan(s: RunSettings): s is DbscanSettings {
  return s.clusterer === "dbscan";
}
