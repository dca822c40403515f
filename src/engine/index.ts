/** The engine's public API: pure numerics, no DOM, no Office, no React. */
export { EngineError, isEngineError, type EngineErrorCode } from "./errors";
export { abortError, CodedError, isAbortError, isCodedError } from "./codedError";
export { createMatrix, fromRows, toRows, takeRows, type Matrix } from "./matrix";
export { fitScaler, scalerFromParams, SCALING_METHODS, type Scaler, type ScalingMethod } from "./scaling";
export { createRandomState, type RandomState } from "./random";
export { DEFAULT_MAX_ITER, DEFAULT_N_INIT, DEFAULT_SEED, DEFAULT_TOL } from "./defaults";
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
} from "./kmeans";
export type { Backend, BackendChoice } from "./wasm/backend";
export { kmeansPlusPlusIndices, randomInitIndices } from "./init";
export { predict, transform } from "./predict";
export { silhouetteSamples, silhouetteScore, type SilhouetteOptions } from "./silhouette";
export { calinskiHarabasz, daviesBouldin } from "./indices";
export { sweepK, scoreClustering, type SweepOptions, type SweepRow } from "./sweep";
export { findKnee, type Knee } from "./knee";
export { clusterProfile, type ClusterStats, type ClusteringSpace } from "./profile";
export {
  distanceLimit,
  excelNumber,
  magnitudeProblem,
  ORDINARY_MAX,
  ORDINARY_MIN,
  type MagnitudeProblem,
} from "./magnitude";
export { pca, type PCA } from "./pca";
export { dbscan, type DbscanOptions, type DbscanResult } from "./dbscan";
export { kDistance, suggestEps } from "./kDistance";
