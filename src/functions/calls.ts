/**
 * What each worksheet function computes, given Excel's raw arguments. Fits and sweeps go through the
 * runner (a worker in Excel) and a shared cache, so LABELS, CENTROIDS, INERTIA and SILHOUETTE over the
 * same data and settings cost one fit between them, and a recalculation with nothing changed costs none.
 */
import { fitScaler, predict, type Matrix } from "../engine";
import type { FitJob, FitOutput, JobOutput, OutputOf, SweepJob } from "../worker/protocol";
import { fitSettingsFor, readFlag, readScaling, sweepSettingsFor, isOmitted, type CommonArgs } from "./args";
import { createSharedCache } from "./cache";
import { invalidValue, notAvailable } from "./errors";
import { matrixKey } from "./hash";
import { parseData, parseNumbers, type ParsedData } from "./parse";
import { centroidTable, elbowTable, labelColumn, type Cell } from "./results";
import { getRunner } from "./runtime";

export type FitArgs = CommonArgs & { k: unknown };
export type ElbowArgs = CommonArgs & { kMin?: unknown; kMax?: unknown };

const CACHE_SIZE = 32;
const cache = createSharedCache<JobOutput>(CACHE_SIZE);

/** Forgets every cached result (tests; a workbook never needs to, results depend only on inputs). */
export function clearCache(): void {
  cache.clear();
}

function compute<J extends FitJob | SweepJob>(job: J, signal?: AbortSignal): Promise<OutputOf<J>> {
  const key = `${job.kind}|${matrixKey(job.X)}|${JSON.stringify(job.settings)}`;
  // The key starts with the job's kind, so what is cached under it is that kind's output.
  return cache.get(key, (s) => getRunner().run(job, { signal: s }), signal) as Promise<OutputOf<J>>;
}

function fit(parsed: ParsedData, args: FitArgs, signal?: AbortSignal): Promise<FitOutput> {
  const settings = fitSettingsFor(args, parsed.X.rows);
  return compute({ kind: "fit", X: parsed.X, settings }, signal);
}

export async function labelsOf(data: unknown, args: FitArgs, signal?: AbortSignal): Promise<Cell[][]> {
  const parsed = parseData(data);
  return labelColumn(parsed, (await fit(parsed, args, signal)).labels);
}

export async function centroidsOf(
  data: unknown,
  args: FitArgs & { withSize?: unknown },
  signal?: AbortSignal,
): Promise<number[][]> {
  const withSize = readFlag(args.withSize, "with_size");
  return centroidTable(await fit(parseData(data), args, signal), withSize);
}

export async function inertiaOf(data: unknown, args: FitArgs, signal?: AbortSignal): Promise<number> {
  return (await fit(parseData(data), args, signal)).inertia;
}

export async function silhouetteOf(data: unknown, args: FitArgs, signal?: AbortSignal): Promise<number> {
  const { silhouette } = await fit(parseData(data), args, signal);
  if (silhouette === null) {
    throw notAvailable(
      "The silhouette is undefined here: the clustering found fewer than 2 clusters, or one row per cluster.",
    );
  }
  return silhouette;
}

export async function elbowOf(data: unknown, args: ElbowArgs, signal?: AbortSignal): Promise<Cell[][]> {
  const parsed = parseData(data);
  const settings = sweepSettingsFor(args, parsed.X.rows);
  return elbowTable(await compute({ kind: "sweep", X: parsed.X, settings }, signal));
}

/**
 * Nearest centroid of each new row, 1-based, as KMeans.predict. Centroids are in original units (as
 * CENTROIDS gives them); with the training data as a scaling reference, new rows and centroids are both
 * scaled by the training data's statistics first, the space the clustering ran in. Light work (rows ×
 * k × columns), so it runs here rather than in a worker.
 */
export async function predictOf(
  newData: unknown,
  centroids: unknown,
  reference: unknown,
  scaling: unknown,
): Promise<Cell[][]> {
  const parsed = parseData(newData, "new_data");
  const centres = parseNumbers(centroids, "centroids");
  checkColumns(parsed.X, centres);
  if (isOmitted(reference) || isBlankRange(reference)) {
    if (!isOmitted(scaling) && readScaling(scaling) !== "none") {
      throw invalidValue("scaling needs a scaling_reference: the data the centroids were fitted on.");
    }
    return labelColumn(parsed, predict(parsed.X, centres));
  }
  const ref = parseData(reference, "scaling_reference").X;
  if (ref.cols !== centres.cols) {
    throw invalidValue(
      `scaling_reference has ${ref.cols} columns but centroids have ${centres.cols}; use the same columns.`,
    );
  }
  const scaler = fitScaler(ref, readScaling(scaling));
  return labelColumn(parsed, predict(scaler.transform(parsed.X), scaler.transform(centres)));
}

function checkColumns(X: Matrix, centres: Matrix): void {
  if (X.cols === centres.cols) return;
  const hint =
    centres.cols === X.cols + 1 ? " Leave out the size column CENTROIDS adds with with_size TRUE." : "";
  throw invalidValue(`new_data has ${X.cols} columns but centroids have ${centres.cols}.${hint}`);
}

/** An omitted range argument can arrive as [[null]] or [[""]] rather than null. */
function isBlankRange(v: unknown): boolean {
  return Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 && isOmitted(v[0][0]);
}
