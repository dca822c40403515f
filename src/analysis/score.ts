import {
  anova,
  calinskiHarabasz,
  clusterProfile,
  clusterZScores,
  rowDiagnostics,
  daviesBouldin,
  takeRows,
  type Matrix,
  type Scaler,
} from "../engine";
import type { ClusteringReport, SharedSettings } from "../model";
import { scatterData } from "./scatter";
import { silhouetteDetail } from "./silhouette";

/** The report's parts every clusterer's labels are scored into. */
export type Scored = Omit<ClusteringReport, "clusterer" | "kind" | "labels" | "warnings" | "clusterCount">;

/**
 * Scores and profiles a clustering: silhouette (overall and per cluster), Calinski-Harabasz and
 * Davies-Bouldin in the space the clustering ran in, per-cluster stats in original units, and the scatter.
 * Noise rows (label -1) are left out of every score, as one would call scikit-learn's scores on the
 * clustered rows only; they are plotted as their own series.
 */
export function scoreClustering(
  X: Matrix,
  scaler: Scaler,
  Xs: Matrix,
  labels: Int32Array,
  clusterCount: number,
  centres: { scaled: Matrix; original: Matrix },
  settings: SharedSettings,
): Scored {
  const clustered = clusteredRows(labels);
  const Xc = clustered ? takeRows(Xs, clustered) : Xs;
  const lc = clustered ? Int32Array.from(clustered, (i) => labels[i]) : labels;
  const distinct = new Set(lc).size;
  // The indices are undefined for one cluster, and for one row per cluster (silhouette's n - 1 bound).
  const scorable = distinct >= 2 && distinct <= Xc.rows - 1;
  // Means and spreads in original units; each cluster's sum of squares in the space the clustering ran in
  // (about its centre), so for k-means the k of them add up to the inertia on the results sheet.
  // DBSCAN can find no cluster at all (every row noise): nothing to profile then.
  const profile =
    clusterCount > 0 ? clusterProfile(X, labels, clusterCount, { X: Xs, centers: centres.scaled }) : [];
  const silhouette = silhouetteDetail(Xc, lc, clusterCount, settings.silhouetteSampleSize, settings.seed);
  return {
    silhouette: silhouette.score,
    silhouetteSampled: silhouette.sampled,
    silhouetteByCluster: silhouette.byCluster,
    calinskiHarabasz: scorable ? calinskiHarabasz(Xc, lc) : null,
    daviesBouldin: scorable ? daviesBouldin(Xc, lc) : null,
    profile,
    scaler: {
      method: scaler.method,
      offset: scaler.offset,
      scale: scaler.scale,
      constantColumns: scaler.constantColumns,
    },
    scatter: scatterData(X, Xs, labels, centres.original, centres.scaled, settings),
    // Every row noise (DBSCAN): no cluster has a mean to compare.
    meaning: {
      anova: Xc.rows > 0 && anovable(lc) ? anova(Xc, lc) : null,
      zScores:
        Xc.rows > 0
          ? clusterZScores(Xc, lc, clusterCount)
          : { data: new Float64Array(0), rows: 0, cols: X.cols },
    },
    diagnostics: {
      ...rowDiagnostics(Xs, labels, centres.scaled),
      silhouette: silhouette.samples && spread(silhouette.samples, clustered, labels.length),
    },
  };
}

/** ANOVA needs 2 clusters and more rows than clusters. */
function anovable(labels: Int32Array): boolean {
  const distinct = new Set(labels).size;
  return distinct >= 2 && labels.length > distinct;
}

/** Values of the clustered rows put back at their rows, NaN at the noise rows. */
function spread(values: Float64Array, clustered: Int32Array | null, n: number): Float64Array {
  if (!clustered) return values;
  const out = new Float64Array(n).fill(NaN);
  clustered.forEach((row, i) => (out[row] = values[i]));
  return out;
}

/** The rows not labelled noise, or null when every row is clustered. */
function clusteredRows(labels: Int32Array): Int32Array | null {
  let noise = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] < 0) noise++;
  if (noise === 0) return null;
  const rows = new Int32Array(labels.length - noise);
  for (let i = 0, j = 0; i < labels.length; i++) if (labels[i] >= 0) rows[j++] = i;
  return rows;
}
