/**
 * The typed messages between a caller (task pane, custom functions) and a clustering worker.
 * Matrices cross as transferable Float64Array buffers, never as JSON arrays of numbers.
 */
import type { ClusterStats, KMeansAlgorithm, RunSummary, ScalingMethod, SweepRow } from "../engine";

/** A matrix as it crosses the boundary: the buffer is transferred, not copied. */
export type WireMatrix = { data: Float64Array; rows: number; cols: number };

export type FitSettings = {
  k: number;
  scaling: ScalingMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  seed: number;
  algorithm?: KMeansAlgorithm;
  /** Above this many rows the silhouette is computed on a seeded sample of this size. */
  silhouetteSampleSize: number;
  /**
   * Axes of the cluster scatter: "pca" (default) for the first two principal components of the scaled
   * data, or two feature positions (0-based within X's columns) plotted in original units.
   */
  scatterAxes?: "pca" | [number, number];
  /** Above this many rows the scatter plots a seeded sample of this size. */
  scatterSampleSize?: number;
};

export type SweepSettings = Omit<FitSettings, "k"> & { kMin: number; kMax: number };

/** Clusters X (original units): scale, fit best of nInit, score, and profile in original units. */
export type FitJob = { kind: "fit"; X: WireMatrix; settings: FitSettings; runs?: number[] };
/** Fits every k in [kMin, kMax] and scores each, for choosing k. */
export type SweepJob = { kind: "sweep"; X: WireMatrix; settings: SweepSettings };
export type Job = FitJob | SweepJob;

export type FitOutput = {
  kind: "fit";
  labels: Int32Array;
  /** Centres in the scaled space the clustering ran in. */
  centersScaled: WireMatrix;
  /** Centres mapped back to the data's original units. */
  centers: WireMatrix;
  inertia: number;
  nIter: number;
  converged: boolean;
  bestRun: number;
  runs: RunSummary[];
  warnings: string[];
  silhouette: number | null;
  silhouetteSampled: boolean;
  calinskiHarabasz: number | null;
  daviesBouldin: number | null;
  profile: ClusterStats[];
  /** Fitted scaler parameters, so new rows can be scaled the same way (x - offset) / scale. */
  scaler: { method: ScalingMethod; offset: Float64Array; scale: Float64Array; constantColumns: number[] };
  /** Mean silhouette of each cluster (0-based), null where undefined; from the same (sampled) silhouette. */
  silhouetteByCluster: (number | null)[];
  /** What the cluster scatter chart plots. */
  scatter: ScatterData;
};

export type ScatterData = {
  axes: "pca" | [number, number];
  /** Share of the scaled data's variance along each axis (PCA only). */
  explainedVarianceRatio: [number, number] | null;
  /** m × 2 coordinates of the plotted rows (all rows, or a seeded sample). */
  points: WireMatrix;
  /** 0-based cluster of each plotted row. */
  labels: Int32Array;
  /** k × 2 coordinates of the centroids on the same axes. */
  centroids: WireMatrix;
  /** True when points are a sample of the rows. */
  sampled: boolean;
};

export type SweepOutput = {
  kind: "sweep";
  rows: SweepRow[];
  /** Kneedle's elbow on the inertia curve, or null. */
  elbowK: number | null;
  /** The k with the highest mean silhouette, or null. */
  bestSilhouetteK: number | null;
};

export type JobOutput = FitOutput | SweepOutput;

export type Progress = {
  /** 0..1 of the whole job. */
  fraction: number;
  /** For fit: run i (1-based) of nInit and its iteration; for sweep: the k being fitted. */
  run?: number;
  nInit?: number;
  iteration?: number;
  inertia?: number;
  k?: number;
  message: string;
};

/** Caller → worker. */
export type Request = { type: "run"; id: number; job: Job };

/** Worker → caller. */
export type Response =
  | { type: "progress"; id: number; progress: Progress }
  | { type: "result"; id: number; output: JobOutput }
  | { type: "error"; id: number; error: WireError };

/** An error as it crosses the boundary; the client rebuilds an Error (EngineError when code is set). */
export type WireError = { name: string; message: string; code?: string; stack?: string };

/*
 * Pool-internal jobs. A pool splits a fit's runs over workers; to pick the winner exactly as one worker
 * would, the merge needs every run's labels (the winner rule compares clusterings, not only inertias),
 * so a "runs" job returns each run unscored. The merged winner then goes to one worker as a "score" job,
 * because scoring (the silhouette is quadratic) must not run on the caller's thread.
 */

/** Computes each listed run (0-based, increasing, below settings.nInit) of the fit, and returns them all. */
export type RunsJob = { kind: "runs"; X: WireMatrix; settings: FitSettings; runs: number[] };
/** Scores and profiles a clustering already chosen from the runs, giving the FitOutput a fit job would. */
export type ScoreJob = { kind: "score"; X: WireMatrix; settings: FitSettings; clustering: Clustering };

/** One run of a fit, as a runs job returns it. */
export type RunResult = {
  labels: Int32Array;
  centersScaled: WireMatrix;
  summary: RunSummary;
  /** The engine's warnings had this run won. */
  warnings: string[];
};

export type RunsOutput = { kind: "runs"; results: RunResult[] };

/** The winning run of a fit with the record of every run: what kmeans returns, as it crosses the boundary. */
export type Clustering = {
  labels: Int32Array;
  centersScaled: WireMatrix;
  inertia: number;
  nIter: number;
  converged: boolean;
  bestRun: number;
  runs: RunSummary[];
  warnings: string[];
};

export type WorkerJob = Job | RunsJob | ScoreJob;
export type WorkerOutput = JobOutput | RunsOutput;

/** What each job kind resolves to, so callers of a typed job get a typed output. */
export type OutputOf<J extends WorkerJob> = J extends FitJob | ScoreJob
  ? FitOutput
  : J extends SweepJob
    ? SweepOutput
    : RunsOutput;

/** Caller → worker, pool-internal jobs included. */
export type WorkerRequest = { type: "run"; id: number; job: WorkerJob };

/** Worker → caller, pool-internal outputs included. */
export type WorkerResponse = Response | { type: "result"; id: number; output: WorkerOutput };
