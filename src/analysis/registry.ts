import type { Matrix } from "../engine";
import {
  clustererOf,
  validateSettings,
  type ClustererName,
  type ClusteringReport,
  type DbscanSettings,
  type KMeansSettings,
  type ReportProgress,
  type RunSettings,
} from "../model";
import { settingsError } from "./settingsError";
import { dbscanClusterer } from "./dbscan";
import { kmeansClusterer } from "./kmeans";

/**
 * How a pool may split one fit over several workers and get the single worker's answer back: the parts
 * (k-means: chunks of its nInit runs), each computed on a worker, merged on the caller's thread, and the
 * merged fit finished (scored) on one worker.
 */
export type FitPlan<S, Part, PartResult, Merged> = {
  /** The parts for this many workers, or null when the fit is not worth splitting. */
  split(settings: S, poolSize: number): Part[] | null;
  /** A part's share (0..1, summing to 1 over the parts) of the fitting half of the progress bar. */
  weight(settings: S, part: Part): number;
  runPart(X: Matrix, settings: S, part: Part, report: ReportProgress): PartResult;
  merge(settings: S, results: PartResult[]): Merged;
  finish(X: Matrix, settings: S, merged: Merged, report: ReportProgress): ClusteringReport;
};

/** One clustering algorithm: its fit, from data in original units to the report. */
export type Clusterer<S extends RunSettings> = {
  fit(X: Matrix, settings: S, report: ReportProgress): ClusteringReport;
  // The plan's own types are its business: the transport carries parts as they are.
  plan?: FitPlan<S, any, any, any>;
};

type Registry = { kmeans: Clusterer<KMeansSettings>; dbscan: Clusterer<DbscanSettings> };

/** Every clusterer the add-in offers; adding one is a new entry here and its own file. */
export const CLUSTERERS: Registry = { kmeans: kmeansClusterer, dbscan: dbscanClusterer };

export function clustererFor(settings: RunSettings): Clusterer<RunSettings> {
  const name: ClustererName = clustererOf(settings);
  const found = CLUSTERERS[name] as Clusterer<RunSettings> | undefined;
  if (!found) throw settingsError(validateSettings(settings));
  return found;
}

/** The model's one validator, as a refusal: every job of a run checks its settings first. */
export function checkSettings(settings: RunSettings): void {
  const problems = validateSettings(settings);
  if (problems.length > 0) throw settingsError(problems);
}

/** Checks the settings and runs the clusterer they name. */
export function fitRun(X: Matrix, settings: RunSettings, report: ReportProgress): ClusteringReport {
  checkSettings(settings);
  return clustererFor(settings).fit(X, settings, report);
}
