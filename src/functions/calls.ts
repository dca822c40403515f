/**
 * What each worksheet function computes, given Excel's raw arguments. Fits and sweeps go through the
 * runner (a worker in Excel) and a shared cache, so LABELS, CENTROIDS, INERTIA and SILHOUETTE over the
 * same data and settings cost one fit between them, and a recalculation with nothing changed costs none.
 */
import { fitScaler, magnitudeProblem, predict, type Matrix } from "../engine";
import { describeClusters, type ClusteringReport, type KMeansReport } from "../model";
import type { FitJob, JobOutput, OutputOf, SweepJob } from "../worker/protocol";
import {
  dbscanSettingsFor,
  fitSettingsFor,
  readFlag,
  readScaling,
  sweepSettingsFor,
  isOmitted,
  type CommonArgs,
  type DbscanArgs,
} from "./args";
import { createSharedCache } from "./cache";
import { invalidValue, notAvailable } from "./errors";
import { matrixKey } from "./hash";
import { readData, readNames, readNumbers } from "./inputs";
import type { Call } from "./invoke";
import { checkMagnitudes, placeOf, type ParsedData } from "./parse";
import {
  centroidTable,
  describeColumn,
  distanceColumn,
  elbowTable,
  labelColumn,
  profileTable,
  type Cell,
} from "./results";
import { getRunner } from "../worker/sharedRunner";

/** numbering only for the functions that show cluster numbers (LABELS, CENTROIDS, PROFILE, DESCRIBE). */
export type FitArgs = CommonArgs & { k: unknown; numbering?: unknown };
export type ElbowArgs = CommonArgs & { kMin?: unknown; kMax?: unknown };

const CACHE_SIZE = 32;
const cache = createSharedCache<JobOutput>(CACHE_SIZE);

/** Forgets every cached result (tests; a workbook never needs to, results depend only on inputs). */
export function clearCache(): void {
  cache.clear();
}

/**
 * Work a formula preview may start: rows × columns × starts × clusters, summed over a sweep's k. Iris
 * (150 × 4, 10 starts, k = 3) is 18,000; 500,000 is well under a second of Lloyd iterations. Above it a
 * preview gets a stand-in, and the fit runs when the formula is entered.
 */
export const PREVIEW_MAX_WORK = 500_000;

export const PREVIEW_MESSAGE =
  "K-Means clusters this data when the formula is entered: it is too large to compute for a preview.";

function workOf(job: FitJob | SweepJob): number {
  const { rows, cols } = job.X;
  // DBSCAN's neighbour search is near rows × neighbours; its scoring (the silhouette) is what costs, as
  // for a k-means fit of a few clusters.
  if (job.kind === "fit") {
    const s = job.settings;
    return rows * cols * (s.clusterer === "dbscan" ? 10 * 3 : s.nInit * s.k);
  }
  const { kMin, kMax, nInit } = job.settings;
  return (rows * cols * nInit * ((kMin + kMax) * (kMax - kMin + 1))) / 2;
}

function compute<J extends FitJob | SweepJob>(job: J, call: Call): Promise<OutputOf<J>> {
  const key = `${job.kind}|${matrixKey(job.X)}|${JSON.stringify(job.settings)}`;
  // A preview uses a result already computed (or under way), and starts only a short fit of its own.
  if (call.preview && !cache.has(key) && workOf(job) > PREVIEW_MAX_WORK) throw notAvailable(PREVIEW_MESSAGE);
  // The key starts with the job's kind, so what is cached under it is that kind's output.
  return cache.get(key, (s) => getRunner().run(job, { signal: s }), call.signal) as Promise<OutputOf<J>>;
}

async function fit(parsed: ParsedData, args: FitArgs, call: Call): Promise<KMeansReport> {
  const settings = fitSettingsFor(args, parsed.X.rows);
  // Before the worker: its refusal could only name rows and columns, not the argument's cells.
  checkMagnitudes(parsed, settings.scaling);
  return (await compute({ kind: "fit", X: parsed.X, settings }, call)) as KMeansReport;
}

/** DBSCAN's labels, 1-based with noise as 0, as KMEANS.LABELS spills k-means' (the label plus one). */
export async function dbscanLabelsOf(value: unknown, args: DbscanArgs, call: Call): Promise<Cell[][]> {
  const settings = dbscanSettingsFor(args);
  const parsed = await data(value, call);
  checkMagnitudes(parsed, settings.scaling);
  const report: ClusteringReport = await compute({ kind: "fit", X: parsed.X, settings }, call);
  return labelColumn(parsed, report.labels);
}

const data = (value: unknown, call: Call) => readData(value, "data", call.places, 0);

export async function labelsOf(value: unknown, args: FitArgs, call: Call): Promise<Cell[][]> {
  const parsed = await data(value, call);
  return labelColumn(parsed, (await fit(parsed, args, call)).labels);
}

export async function centroidsOf(
  value: unknown,
  args: FitArgs & { withSize?: unknown },
  call: Call,
): Promise<number[][]> {
  const withSize = readFlag(args.withSize, "with_size");
  return centroidTable(await fit(await data(value, call), args, call), withSize);
}

/** One number, as a 1 × 1 array: Excel gives parameter addresses only to functions with matrix results. */
export async function inertiaOf(value: unknown, args: FitArgs, call: Call): Promise<number[][]> {
  return [[(await fit(await data(value, call), args, call)).inertia]];
}

export async function silhouetteOf(value: unknown, args: FitArgs, call: Call): Promise<number[][]> {
  const { silhouette } = await fit(await data(value, call), args, call);
  if (silhouette === null) {
    throw notAvailable(
      "The silhouette is undefined here: the clustering found fewer than 2 clusters, or one row per cluster.",
    );
  }
  return [[silhouette]];
}

/**
 * The z-score table (each cluster's mean minus the overall mean, in the column's standard deviations, on the
 * clustered rows) under a header row: "Cluster", then the columns' names.
 */
export function profileOf(
  value: unknown,
  args: FitArgs & { names?: unknown },
  call: Call,
): Promise<Cell[][]> {
  return meaningOf(value, args, call, (zScores, names) => profileTable(zScores, names));
}

/** One plain-word line per cluster, cluster 1 first: the words the results sheet and the pane show. */
export function describeOf(
  value: unknown,
  args: FitArgs & { names?: unknown },
  call: Call,
): Promise<Cell[][]> {
  return meaningOf(value, args, call, (zScores, names) => describeColumn(describeClusters(zScores, names)));
}

/** PROFILE's and DESCRIBE's common part: the data and names read and checked, the fit, its z-scores. */
async function meaningOf(
  value: unknown,
  args: FitArgs & { names?: unknown },
  call: Call,
  render: (zScores: Matrix, names: string[]) => Cell[][],
): Promise<Cell[][]> {
  const parsed = await data(value, call);
  const names = await readNames(args.names, parsed.X.cols, call.places, 5);
  const report = await fit(parsed, args, call);
  return render(report.meaning.zScores, names);
}

/** Each row's distance to its own centre in the scaled space (KMeans.transform(X)[i, label]), "" where left out. */
export async function distanceOf(value: unknown, args: FitArgs, call: Call): Promise<Cell[][]> {
  const parsed = await data(value, call);
  return distanceColumn(parsed, (await fit(parsed, args, call)).diagnostics.distance);
}

export async function elbowOf(value: unknown, args: ElbowArgs, call: Call): Promise<Cell[][]> {
  const parsed = await data(value, call);
  const settings = sweepSettingsFor(args, parsed.X.rows);
  checkMagnitudes(parsed, settings.scaling);
  return elbowTable(await compute({ kind: "sweep", X: parsed.X, settings }, call));
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
  call: Call,
): Promise<Cell[][]> {
  const parsed = await readData(newData, "new_data", call.places, 0);
  const centres = await readNumbers(centroids, "centroids", call.places, 1);
  checkColumns(parsed.X, centres);
  if (isOmitted(reference) || isBlankRange(reference)) {
    if (!isOmitted(scaling) && readScaling(scaling) !== "none") {
      throw invalidValue("scaling needs a scaling_reference: the data the centroids were fitted on.");
    }
    // Distances in the data's own units: the same limits as a fit with no scaling.
    checkMagnitudes(parsed, "none", "new_data");
    checkMagnitudes({ X: centres }, "none", "centroids");
    return labelColumn(parsed, predict(parsed.X, centres));
  }
  const ref = (await readData(reference, "scaling_reference", call.places, 2)).X;
  if (ref.cols !== centres.cols) {
    throw invalidValue(
      `scaling_reference has ${ref.cols} columns but centroids have ${centres.cols}; use the same columns.`,
    );
  }
  const scaler = fitScaler(ref, readScaling(scaling));
  const X = scaler.transform(parsed.X);
  const C = scaler.transform(centres);
  checkScaledDistances(parsed, X, C);
  return labelColumn(parsed, predict(X, C));
}

/**
 * A scaling reference of tiny spread next to new_data can put the scaled rows (or centroids) so far out
 * that their squared distances overflow: #VALUE! naming the first such cell, before the engine would.
 */
function checkScaledDistances(parsed: ParsedData, X: Matrix, C: Matrix): void {
  const far = magnitudeProblem(X);
  const farCentre = magnitudeProblem(C);
  if (far?.kind !== "large" && farCentre?.kind !== "large") return;
  const where =
    far?.kind === "large"
      ? placeOf(
          parsed.where,
          "new_data",
          parsed.rows[Math.floor(far.indices[0] / X.cols)],
          far.indices[0] % X.cols,
        )
      : `row ${Math.floor(farCentre!.indices[0] / C.cols) + 1} of centroids`;
  throw invalidValue(
    `${where.charAt(0).toUpperCase()}${where.slice(1)} lies too far from scaling_reference's values once scaled: the distances exceed the largest number Excel holds. Give the data the centroids were fitted on as scaling_reference.`,
  );
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
