/** The engine's public API: pure numerics, no DOM, no Office, no React. */
export { EngineError, isEngineError, type EngineErrorCode } from "./core/errors";
export { abortError, CodedError, isAbortError, isCodedError } from "./core/codedError";
export { createMatrix, fromRows, toRows, takeRows, type Matrix } from "./core/matrix";
export {
  fitScaler,
  scalerFromParams,
  SCALING_METHODS,
  type Scaler,
  type ScalingMethod,
} from "./core/scaling";
export { createRandomState, type RandomState } from "./core/random";
export { DEFAULT_MAX_ITER, DEFAULT_N_INIT, DEFAULT_SEED, DEFAULT_TOL } from "./core/defaults";
export {
  kmeans,
  kmeansRuns,
  pickBest,
  isSameClustering,
  type KMeansAlgorithm,
  type KMeansInit,
  type KMeansOptions,
  type KMeansResult,
  type KMeansRun,
  type ProgressInfo,
  type RunSummary,
} from "./kmeans/kmeans";
export type { Backend, BackendChoice } from "./wasm/backend";
export { kmeansPlusPlusIndices, randomInitIndices } from "./kmeans/init";
export { predict, transform } from "./kmeans/predict";
export { silhouetteSamples, silhouetteScore, type SilhouetteOptions } from "./metrics/silhouette";
export { calinskiHarabasz, daviesBouldin } from "./metrics/indices";
export { sweepK, scoreClustering, type SweepOptions, type SweepRow } from "./kmeans/sweep";
export { findKnee, type Knee } from "./core/knee";
export { clusterProfile, type ClusterStats, type ClusteringSpace } from "./metrics/profile";
export {
  distanceLimit,
  excelNumber,
  magnitudeProblem,
  ORDINARY_MAX,
  ORDINARY_MIN,
  type MagnitudeProblem,
} from "./core/magnitude";
export { pca, type PCA } from "./core/pca";
export { fSurvival, logGamma, regularizedBeta } from "./core/special";
export { anova, type Anova } from "./metrics/anova";
export { clusterZScores } from "./metrics/zScores";
export { rowDiagnostics, upperFence, type RowDiagnostics } from "./metrics/diagnostics";
export { NUMBERINGS, renumberLabels, renumberRows, sizeOrder, type Numbering } from "./core/numbering";
export { dbscan, type DbscanOptions, type DbscanResult } from "./dbscan/dbscan";
export { kDistance, suggestEps } from "./dbscan/kDistance";
