import type {
  Anova,
  ClusterStats,
  KMeansResult,
  Matrix,
  RowDiagnostics,
  ScalingMethod,
  SweepRow,
} from "../engine";

/*
 * What a clustering run gives back, whichever clusterer ran: the labels and everything scored from them.
 * Matrices are typed-array backed so a worker can transfer them rather than copy them.
 */

/** What the cluster scatter chart plots. */
export type ScatterData = {
  axes: "pca" | [number, number];
  /** Share of the scaled data's variance along each axis (PCA only). */
  explainedVarianceRatio: [number, number] | null;
  /** m × 2 coordinates of the plotted rows (all rows, or a seeded sample). */
  points: Matrix;
  /** 0-based cluster of each plotted row; -1 for noise (DBSCAN), plotted as its own series. */
  labels: Int32Array;
  /** k × 2 coordinates of the cluster centres (k-means) or means (DBSCAN) on the same axes. */
  centroids: Matrix;
  /** True when points are a sample of the rows. */
  sampled: boolean;
};

/** Fitted scaler parameters, so new rows can be scaled the same way: (x - offset) / scale. */
export type ScalerParams = {
  method: ScalingMethod;
  offset: Float64Array;
  scale: Float64Array;
  constantColumns: number[];
};

type ReportBase = {
  kind: "fit";
  /** 0-based cluster of each row; -1 for a noise row (DBSCAN only). */
  labels: Int32Array;
  /** Clusters found (k for k-means), noise not counted. */
  clusterCount: number;
  warnings: string[];
  /** Mean silhouette over the clustered rows (noise left out), null where undefined. */
  silhouette: number | null;
  silhouetteSampled: boolean;
  /** Mean silhouette of each cluster (0-based), null where undefined; from the same (sampled) silhouette. */
  silhouetteByCluster: (number | null)[];
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  /** Per cluster: size, means and spreads in original units. */
  profile: ClusterStats[];
  scaler: ScalerParams;
  scatter: ScatterData;
  meaning: ClusterMeaning;
  diagnostics: Diagnostics;
};

/**
 * What each cluster means, computed in the space the clustering ran in on the clustered rows (noise left
 * out): which columns separate the clusters, and where each cluster sits on each column.
 */
export type ClusterMeaning = {
  /** One-way ANOVA per column across the clusters; null with fewer than 2 clusters or no spare rows. */
  anova: Anova | null;
  /** clusterCount × d: each cluster's mean minus the overall mean, in the column's standard deviations. */
  zScores: Matrix;
};

/** Per-row diagnostics (see engine/metrics/diagnostics.ts), with each row's silhouette. */
export type Diagnostics = RowDiagnostics & {
  /** Each row's silhouette (NaN for noise); null when the silhouette was computed on a sample. */
  silhouette: Float64Array | null;
};

/** The winning run's record, as the engine's kmeans returns it. */
export type KMeansRunRecord = Pick<KMeansResult, "inertia" | "nIter" | "converged" | "bestRun" | "runs">;

export type KMeansReport = ReportBase &
  KMeansRunRecord & {
    clusterer: "kmeans";
    /** Centres in the scaled space the clustering ran in. */
    centersScaled: Matrix;
    /** Centres mapped back to the data's original units. */
    centers: Matrix;
  };

/** The k-distance curve DBSCAN's eps is chosen from, with Kneedle's knee on it. */
export type KDistanceCurve = {
  /** The minSamples-th neighbour distance (the point itself counted) of each row, ascending. */
  distances: Float64Array;
  suggestedEps: number | null;
};

export type DbscanReport = ReportBase & {
  clusterer: "dbscan";
  /** Rows labelled noise (-1). */
  noiseCount: number;
  /** Rows (0-based, ascending) with at least minSamples neighbours within eps. */
  coreSampleIndices: Int32Array;
  /** Cluster means mapped to original units: DBSCAN has no centres, these stand in on the sheet. */
  means: Matrix;
  kDistance: KDistanceCurve;
};

export type ClusteringReport = KMeansReport | DbscanReport;

export type SweepReport = {
  kind: "sweep";
  rows: SweepRow[];
  /** Kneedle's elbow on the inertia curve, or null. */
  elbowK: number | null;
  /** The k with the highest mean silhouette, or null. */
  bestSilhouetteK: number | null;
};

/** The centres the sheet shows: k-means' fitted centres, DBSCAN's cluster means. */
export function centresOf(r: ClusteringReport): Matrix {
  return r.clusterer === "dbscan" ? r.means : r.centers;
}
