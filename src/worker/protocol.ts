/**
 * The typed messages between a caller (task pane, custom functions) and a clustering worker: an envelope
 * around the model's settings and reports. Matrices cross as transferable Float64Array buffers, never as
 * JSON arrays of numbers; what to transfer is found by walking the message (transfer.ts).
 */
import type { Matrix } from "../engine";
import type {
  ClusteringReport,
  DbscanReport,
  KMeansReport,
  KMeansSettings,
  Progress,
  RunSettings,
  SweepReport,
  SweepSettings,
} from "../model";

export type { Progress } from "../model";

/** A matrix as it crosses the boundary: the buffer is transferred, not copied. */
export type WireMatrix = Matrix;

/** Clusters X (original units) with the settings' clusterer: scale, fit, score, profile. */
export type FitJob<S extends RunSettings = RunSettings> = { kind: "fit"; X: WireMatrix; settings: S };
/** Fits every k in [kMin, kMax] with k-means and scores each, for choosing k. */
export type SweepJob = { kind: "sweep"; X: WireMatrix; settings: SweepSettings };
export type Job = FitJob | SweepJob;

export type JobOutput = ClusteringReport | SweepReport;

/*
 * Pool-internal jobs, for a clusterer whose fit splits into parts (analysis/registry.ts's FitPlan): each
 * part runs on a worker, the caller merges them, and one worker finishes (scores) the merged fit, because
 * scoring (the silhouette is quadratic) must not run on the caller's thread. What a part is, returns and
 * merges into is the clusterer's business; the transport carries it as it is.
 */
export type PartJob = { kind: "part"; X: WireMatrix; settings: RunSettings; part: unknown };
export type FinishJob = { kind: "finish"; X: WireMatrix; settings: RunSettings; merged: unknown };
export type PartOutput = { kind: "part"; result: unknown };

export type WorkerJob = Job | PartJob | FinishJob;
export type WorkerOutput = JobOutput | PartOutput;

/** The report a fit with these settings gives: a k-means fit's is a KMeansReport, and so on. */
export type ReportOf<S> = S extends { clusterer: "dbscan" }
  ? DbscanReport
  : S extends KMeansSettings
    ? KMeansReport
    : ClusteringReport;

/** What each job kind resolves to, so callers of a typed job get a typed output. */
export type OutputOf<J extends WorkerJob> = J extends { kind: "fit"; settings: infer S }
  ? ReportOf<S>
  : J extends FinishJob
    ? ClusteringReport
    : J extends SweepJob
      ? SweepReport
      : PartOutput;

/** Caller → worker. */
export type Request = { type: "run"; id: number; job: Job };

/** Worker → caller. */
export type Response =
  | { type: "progress"; id: number; progress: Progress }
  | { type: "result"; id: number; output: JobOutput }
  | { type: "error"; id: number; error: WireError };

/** An error as it crosses the boundary; the client rebuilds a CodedError when code is set. */
export type WireError = { name: string; message: string; code?: string; stack?: string };

/** Caller → worker, pool-internal jobs included. */
export type WorkerRequest = { type: "run"; id: number; job: WorkerJob };

/** Worker → caller, pool-internal outputs included. */
export type WorkerResponse = Response | { type: "result"; id: number; output: WorkerOutput };
