import { dbscan, fitScaler, kDistance, renumberLabels, sizeOrder, suggestEps, type Matrix } from "../engine";
import { FIT_SHARE, type DbscanReport, type DbscanSettings, type ReportProgress } from "../model";
import { checkMagnitudes } from "./kmeans";
import type { Clusterer } from "./registry";
import { scoreClustering } from "./score";

export const dbscanClusterer: Clusterer<DbscanSettings> = { fit: fitDbscan };

/**
 * Scale, run DBSCAN as scikit-learn's (eps is a distance in the scaled space), then score the clustered
 * rows. The k-distance curve the eps is judged by comes with it, so the sheet can draw it beside the result.
 */
export function fitDbscan(X: Matrix, settings: DbscanSettings, report: ReportProgress): DbscanReport {
  const scaler = fitScaler(X, settings.scaling);
  const Xs = scaler.transform(X);
  checkMagnitudes(Xs, settings.scaling);
  report({ fraction: 0, message: "Finding neighbourhoods" }, true);
  const found = dbscan(Xs, { eps: settings.eps, minSamples: settings.minSamples });
  const { coreSampleIndices, nClusters, nNoise } = found;
  const labels =
    settings.numbering === "size"
      ? renumberLabels(found.labels, sizeOrder(found.labels, nClusters))
      : found.labels;
  report({ fraction: FIT_SHARE / 2, message: "Computing the k-distance curve" }, true);
  // With fewer rows than min samples every row is noise (as in scikit-learn), and there is no
  // min-samples-th neighbour to measure: the curve is empty.
  const distances = settings.minSamples <= Xs.rows ? kDistance(Xs, settings.minSamples) : new Float64Array(0);
  report({ fraction: FIT_SHARE, message: "Scoring the clustering" }, true);
  const meansScaled = clusterMeans(Xs, labels, nClusters);
  const means = scaler.inverseTransform(meansScaled);
  const scored = scoreClustering(
    X,
    scaler,
    Xs,
    labels,
    nClusters,
    { scaled: meansScaled, original: means },
    settings,
  );
  const warnings: string[] = [];
  if (nClusters === 0) {
    warnings.push(
      `Every row is noise: no row has ${settings.minSamples} rows within eps = ${settings.eps}. Raise eps (the k-distance curve suggests one) or lower min samples.`,
    );
  } else if (nClusters === 1 && nNoise === 0) {
    warnings.push(`All rows form one cluster: eps = ${settings.eps} joins everything. Lower eps.`);
  }
  report({ fraction: 1, message: "Done" }, true);
  return {
    kind: "fit",
    clusterer: "dbscan",
    labels,
    clusterCount: nClusters,
    noiseCount: nNoise,
    coreSampleIndices,
    warnings,
    means,
    kDistance: { distances, suggestedEps: distances.length > 0 ? suggestEps(distances) : null },
    ...scored,
  };
}

/** Each cluster's mean in the space given, noise (-1) left out. */
function clusterMeans(Xs: Matrix, labels: Int32Array, clusters: number): Matrix {
  const d = Xs.cols;
  const sums = new Float64Array(clusters * d);
  const counts = new Float64Array(clusters);
  for (let i = 0; i < Xs.rows; i++) {
    const c = labels[i];
    if (c < 0) continue;
    counts[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += Xs.data[i * d + j];
  }
  for (let c = 0; c < clusters; c++) for (let j = 0; j < d; j++) sums[c * d + j] /= counts[c];
  return { data: sums, rows: clusters, cols: d };
}
