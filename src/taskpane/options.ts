import { DEFAULT_MAX_ITER, DEFAULT_N_INIT, DEFAULT_SEED, DEFAULT_TOL, type ScalingMethod } from "../engine";
import type { HeaderChoice } from "../excel/types";
import type { FitSettings, SweepSettings } from "../worker/protocol";

/** Exact silhouettes up to this many rows; above it a seeded sample of this size, and the pane says so. */
export const SILHOUETTE_SAMPLE_SIZE = 20000;
export const K_LIMITS = { min: 2, max: 50 };

/** What the user picks in the pane; the defaults let a first-time user just click Cluster. */
export type PaneOptions = {
  k: number;
  chooseK: boolean;
  kMin: number;
  kMax: number;
  scaling: ScalingMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  seed: number;
  header: HeaderChoice;
  excludedColumns: number[];
  /** Range columns (0-based) for the scatter's axes; null for the first two principal components. */
  scatterColumns: [number, number] | null;
};

export const DEFAULT_OPTIONS: PaneOptions = {
  k: 3,
  chooseK: false,
  kMin: 2,
  kMax: 10,
  scaling: "standard",
  nInit: DEFAULT_N_INIT,
  maxIter: DEFAULT_MAX_ITER,
  tol: DEFAULT_TOL,
  seed: DEFAULT_SEED,
  header: "auto",
  excludedColumns: [],
  scatterColumns: null,
};

/** Problems with the options, each a sentence the pane shows next to the Cluster button. */
export function validateOptions(o: PaneOptions): string[] {
  const problems: string[] = [];
  const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (o.chooseK) {
    if (
      !intIn(o.kMin, K_LIMITS.min, K_LIMITS.max) ||
      !intIn(o.kMax, K_LIMITS.min, K_LIMITS.max) ||
      o.kMin >= o.kMax
    ) {
      problems.push(
        `The k range must be whole numbers from ${K_LIMITS.min} to ${K_LIMITS.max}, smallest first.`,
      );
    }
  } else if (!intIn(o.k, K_LIMITS.min, K_LIMITS.max)) {
    problems.push(`Number of clusters must be a whole number from ${K_LIMITS.min} to ${K_LIMITS.max}.`);
  }
  if (!intIn(o.nInit, 1, 1000)) problems.push("Initialisations must be a whole number from 1 to 1000.");
  if (!intIn(o.maxIter, 1, 100000)) problems.push("Max iterations must be a whole number from 1 to 100000.");
  if (!(Number.isFinite(o.tol) && o.tol >= 0)) problems.push("Tolerance must be a number of 0 or more.");
  if (!intIn(o.seed, 0, 4294967295)) problems.push("Seed must be a whole number from 0 to 4294967295.");
  return problems;
}

/**
 * The worker plots features by their position among the clustered columns; the pane names them by
 * range column. Axes on a column that is not clustered fall back to principal components.
 */
export function scatterAxes(o: PaneOptions, features: number[]): "pca" | [number, number] {
  if (!o.scatterColumns) return "pca";
  const [x, y] = o.scatterColumns.map((c) => features.indexOf(c));
  return x >= 0 && y >= 0 && x !== y ? [x, y] : "pca";
}

export function fitSettings(o: PaneOptions, k: number, features?: number[]): FitSettings {
  return {
    ...(features ? { scatterAxes: scatterAxes(o, features) } : {}),
    k,
    scaling: o.scaling,
    nInit: o.nInit,
    maxIter: o.maxIter,
    tol: o.tol,
    seed: o.seed,
    silhouetteSampleSize: SILHOUETTE_SAMPLE_SIZE,
  };
}

export function sweepSettings(o: PaneOptions): SweepSettings {
  const { k: _k, ...rest } = fitSettings(o, o.kMin);
  void _k;
  return { ...rest, kMin: o.kMin, kMax: o.kMax };
}
