import type { Numbering, ScalingMethod } from "../engine";
import type { HeaderChoice } from "../excel/types";
import {
  dbscanRun,
  DEFAULTS,
  describeRule,
  keepsRule,
  kmeansRun,
  kmeansSweep,
  LIMITS,
  validateSettings,
  validateSweepSettings,
  type ClustererName,
  type DbscanSettings,
  type FieldNames,
  type KMeansSettings,
  type RunSettings,
  type SweepSettings,
} from "../model";

export { SILHOUETTE_SAMPLE_SIZE } from "../model";
export const K_LIMITS = { min: LIMITS.k.min, max: LIMITS.k.max };

/** What the user picks in the pane; the defaults let a first-time user just click Cluster. */
export type PaneOptions = {
  /** The algorithm Cluster runs: k-means (with k, or Choose k for me) or DBSCAN (with eps and min samples). */
  clusterer: ClustererName;
  k: number;
  chooseK: boolean;
  kMin: number;
  kMax: number;
  scaling: ScalingMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  seed: number;
  /** DBSCAN's neighbourhood radius, a distance in the scaled space the clustering runs in. */
  eps: number;
  /** DBSCAN's min_samples: rows within eps, the row itself counted, that make a row a core row. */
  minSamples: number;
  header: HeaderChoice;
  excludedColumns: number[];
  /** Range columns (0-based) for the scatter's axes; null for the first two principal components. */
  scatterColumns: [number, number] | null;
  /** How clusters are numbered: scikit-learn's order (labels_ + 1) or by size, largest first. */
  numbering: Numbering;
  /** Also write Distance, Silhouette, Runner-up, Margin and Outlier right of the Cluster column. */
  diagnostics: boolean;
};

export const DEFAULT_OPTIONS: PaneOptions = {
  clusterer: "kmeans",
  k: DEFAULTS.k,
  chooseK: false,
  kMin: DEFAULTS.kMin,
  kMax: DEFAULTS.kMax,
  scaling: "standard",
  nInit: DEFAULTS.nInit,
  maxIter: DEFAULTS.maxIter,
  tol: DEFAULTS.tol,
  seed: DEFAULTS.seed,
  eps: DEFAULTS.eps,
  minSamples: DEFAULTS.minSamples,
  header: "auto",
  excludedColumns: [],
  scatterColumns: null,
  numbering: "sklearn",
  diagnostics: false,
};

/** The options typed as numbers; each field of the pane keeps the text typed into it (see Drafts). */
export type NumberField = "k" | "kMin" | "kMax" | "nInit" | "maxIter" | "tol" | "seed" | "eps" | "minSamples";

/** The pane's label for each setting, which its messages name. */
export const FIELD_LABELS: FieldNames = {
  k: "Number of clusters",
  kMin: "From k",
  kMax: "To k",
  nInit: "Initialisations",
  maxIter: "Max iterations",
  tol: "Tolerance",
  seed: "Seed",
  eps: "eps",
  minSamples: "Min samples",
  kRange: "The k range",
};

/** What a number field accepts (the model's limit); `problem` is said next to the field. */
type NumberRule = { integer: boolean; min: number; max: number; problem: string };

function numberRule(field: NumberField): NumberRule {
  const limit = LIMITS[field];
  return { ...limit, problem: `${FIELD_LABELS[field]} must be ${describeRule(limit)}.` };
}

export const NUMBER_RULES: Record<NumberField, NumberRule> = {
  k: numberRule("k"),
  kMin: numberRule("kMin"),
  kMax: numberRule("kMax"),
  nInit: numberRule("nInit"),
  maxIter: numberRule("maxIter"),
  tol: numberRule("tol"),
  seed: numberRule("seed"),
  eps: numberRule("eps"),
  minSamples: numberRule("minSamples"),
};

function fits(field: NumberField, v: number): boolean {
  return keepsRule(LIMITS[field], v);
}

/**
 * The value a field's text stands for, or null while it is not one the field accepts. Number() rather
 * than parseFloat, so "3abc" is refused instead of read as 3; blank is refused rather than read as 0.
 */
export function parseNumberField(field: NumberField, text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  const v = Number(t);
  return fits(field, v) ? v : null;
}

/**
 * The text typed into each number field, shown as typed whether or not it is valid (a field not typed
 * into shows its option). Only a valid text changes the option; an invalid one leaves it as it was.
 */
export type Drafts = Partial<Record<NumberField, string>>;

/** DBSCAN runs once, with its eps: Choose k for me (a k-means sweep) does not apply to it. */
export function isDbscanOptions(o: PaneOptions): boolean {
  return o.clusterer === "dbscan";
}

/** Whether Cluster first tries a range of k: k-means with Choose k for me. */
export function sweepsK(o: PaneOptions): boolean {
  return !isDbscanOptions(o) && o.chooseK;
}

/**
 * The number fields the pane shows for these options: DBSCAN's eps and min samples, or k-means' k (or its
 * range, with Choose k for me) and iteration settings; the seed for both (it also seeds the samples the
 * silhouette and the scatter take of large data).
 */
export function shownNumberFields(o: PaneOptions): NumberField[] {
  if (isDbscanOptions(o)) return ["eps", "minSamples", "seed"];
  return [...(o.chooseK ? (["kMin", "kMax"] as const) : (["k"] as const)), "nInit", "maxIter", "tol", "seed"];
}

/** Shown fields whose typed text is not a valid value: Cluster waits until they are corrected. */
export function invalidNumberFields(o: PaneOptions, drafts: Drafts): NumberField[] {
  return shownNumberFields(o).filter(
    (f) => drafts[f] !== undefined && parseNumberField(f, drafts[f]) === null,
  );
}

/**
 * Problems with the options, each a sentence the pane shows next to the Cluster button: the model's one
 * validator, in the pane's words. A field's own text is checked as it is typed (parseNumberField); this
 * also checks options that came from elsewhere, such as a stored run, and the k range's order.
 */
export function validateOptions(o: PaneOptions): string[] {
  const problems = isDbscanOptions(o)
    ? validateSettings(dbscanSettings(o), FIELD_LABELS)
    : o.chooseK
      ? validateSweepSettings(sweepSettings(o), FIELD_LABELS)
      : validateSettings(fitSettings(o, o.k), FIELD_LABELS);
  return problems.map((p) => p.message);
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

export function fitSettings(o: PaneOptions, k: number, features?: number[]): KMeansSettings {
  return kmeansRun({ ...o, k, ...(features ? { scatterAxes: scatterAxes(o, features) } : {}) });
}

export function dbscanSettings(o: PaneOptions, features?: number[]): DbscanSettings {
  return dbscanRun({ ...o, ...(features ? { scatterAxes: scatterAxes(o, features) } : {}) });
}

export function sweepSettings(o: PaneOptions): SweepSettings {
  return kmeansSweep(o);
}

/**
 * The settings Cluster runs with: DBSCAN's, or k-means' with k (the options' k unless one is picked from a
 * sweep), the scatter's axes by position among the clustered columns (features).
 */
export function runSettings(o: PaneOptions, features?: number[], k: number = o.k): RunSettings {
  return isDbscanOptions(o) ? dbscanSettings(o, features) : fitSettings(o, k, features);
}
