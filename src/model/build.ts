import type { Numbering, ScalingMethod } from "../engine";
import { DEFAULTS, SILHOUETTE_SAMPLE_SIZE } from "./limits";
import type { DbscanSettings, KMeansSettings, SweepSettings } from "./settings";

/*
 * The one way each run's settings are put together, by the pane from its fields and by a function from its
 * arguments: with the same inputs the Cluster button and a formula run the same fit.
 */

type Shared = {
  scaling: ScalingMethod;
  seed: number;
  scatterAxes?: "pca" | [number, number];
  /** Left out for scikit-learn's numbering, so records and settings without it read as before. */
  numbering?: Numbering;
};
type KMeansInputs = Shared & { k: number; nInit: number; maxIter: number; tol: number };

function shared({ scaling, seed, scatterAxes, numbering }: Shared) {
  return {
    ...(scatterAxes ? { scatterAxes } : {}),
    scaling,
    seed,
    silhouetteSampleSize: SILHOUETTE_SAMPLE_SIZE,
    ...(numbering === "size" ? { numbering } : {}),
  };
}

export function kmeansRun(o: KMeansInputs): KMeansSettings {
  const { scatterAxes, scaling, seed, silhouetteSampleSize, numbering } = shared(o);
  return {
    ...(scatterAxes ? { scatterAxes } : {}),
    ...(numbering ? { numbering } : {}),
    k: o.k,
    scaling,
    nInit: o.nInit,
    maxIter: o.maxIter,
    tol: o.tol,
    seed,
    silhouetteSampleSize,
  };
}

export function kmeansSweep(
  o: Omit<KMeansInputs, "k" | "scatterAxes"> & { kMin: number; kMax: number },
): SweepSettings {
  const { k: _k, ...rest } = kmeansRun({ ...o, k: o.kMin });
  void _k;
  return { ...rest, kMin: o.kMin, kMax: o.kMax };
}

export function dbscanRun(o: Shared & { eps: number; minSamples: number }): DbscanSettings {
  return { clusterer: "dbscan", ...shared(o), eps: o.eps, minSamples: o.minSamples };
}

/** A k-means run's inputs where a caller names none: the defaults. */
export const KMEANS_DEFAULTS = {
  scaling: "standard" as ScalingMethod,
  nInit: DEFAULTS.nInit,
  maxIter: DEFAULTS.maxIter,
  tol: DEFAULTS.tol,
  seed: DEFAULTS.seed,
};
