/** The engine's public API: pure numerics, no DOM, no Office, no React. */
export { EngineError, isEngineError, type EngineErrorCode } from "./errors";
export { createMatrix, fromRows, toRows, takeRows, type Matrix } from "./matrix";
export { fitScaler, scalerFromParams, type Scaler, type ScalingMethod } from "./scaling";
export { createRandomState, type RandomState } from "./random";
export { DEFAULT_MAX_ITER, DEFAULT_N_INIT, DEFAULT_SEED, DEFAULT_TOL } from "./defaults";
export {
  kmeans,
  pickBest,
  isSameClustering,
  type KMeansAlgorithm,
  type KMeansInit,
  type KMeansOptions,
  type KMeansResult,
  type ProgressInfo,
  type RunSummary,
} from "./kmeans";
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
