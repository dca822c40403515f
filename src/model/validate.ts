import { SCALING_METHODS } from "../engine";
import { describeRule, keepsRule, LIMITS, type NumberSetting } from "./limits";
import { clustererOf, type RunSettings, type SweepSettings } from "./settings";

/** One thing wrong with one setting, in a sentence that names the setting as the caller calls it. */
export type FieldProblem = { field: NumberSetting | "scaling" | "clusterer" | "kRange"; message: string };

/** What each caller calls a setting: the pane its field labels, a function its argument names. */
export type FieldNames = Partial<Record<FieldProblem["field"], string>>;

const SETTING_NAMES: Required<FieldNames> = {
  k: "k",
  kMin: "k_min",
  kMax: "k_max",
  nInit: "n_init",
  maxIter: "max_iter",
  tol: "tol",
  seed: "seed",
  eps: "eps",
  minSamples: "min_samples",
  silhouetteSampleSize: "silhouette_sample_size",
  scatterSampleSize: "scatter_sample_size",
  scaling: "scaling",
  clusterer: "clusterer",
  kRange: "The k range",
};

/** "k must be a whole number from 2 to 50." */
export function ruleMessage(field: NumberSetting, names: FieldNames = {}): string {
  return `${names[field] ?? SETTING_NAMES[field]} must be ${describeRule(LIMITS[field])}.`;
}

function check(
  problems: FieldProblem[],
  field: NumberSetting,
  value: unknown,
  names: FieldNames,
  optional = false,
): void {
  if (optional && value === undefined) return;
  if (!keepsRule(LIMITS[field], value)) problems.push({ field, message: ruleMessage(field, names) });
}

function checkShared(problems: FieldProblem[], s: Partial<RunSettings>, names: FieldNames): void {
  if (!SCALING_METHODS.includes(s.scaling as never)) {
    const name = names.scaling ?? SETTING_NAMES.scaling;
    problems.push({ field: "scaling", message: `${name} must be "standard", "minmax" or "none".` });
  }
  check(problems, "seed", s.seed, names);
  check(problems, "silhouetteSampleSize", s.silhouetteSampleSize, names);
  check(problems, "scatterSampleSize", s.scatterSampleSize, names, true);
}

/**
 * Everything wrong with a run's settings, field by field; empty when the run can go ahead. The pane shows
 * these beside Cluster, a function returns the first as #VALUE!, a stored record with any is not replayed,
 * and the worker refuses a job with any (a caller that skipped the check still gets the same words).
 * Checks against the data (k at most the usable rows) are the caller's, who can name the cells.
 */
export function validateSettings(s: RunSettings, names: FieldNames = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const clusterer = clustererOf(s);
  if (clusterer === "dbscan" && s.clusterer === "dbscan") {
    check(problems, "eps", s.eps, names);
    check(problems, "minSamples", s.minSamples, names);
  } else if (clusterer === "kmeans" && s.clusterer !== "dbscan") {
    check(problems, "k", s.k, names);
    checkKMeansIterations(problems, s, names);
  } else {
    problems.push({ field: "clusterer", message: `clusterer must be "kmeans" or "dbscan".` });
  }
  checkShared(problems, s, names);
  return problems;
}

function checkKMeansIterations(
  problems: FieldProblem[],
  s: Pick<SweepSettings, "nInit" | "maxIter" | "tol">,
  names: FieldNames,
): void {
  check(problems, "nInit", s.nInit, names);
  check(problems, "maxIter", s.maxIter, names);
  check(problems, "tol", s.tol, names);
}

/**
 * The same for a k sweep, with the range's order. The pane asks for two k at least, to compare; a worker
 * pool's part of a sweep is one k (kMin = kMax), so the worker asks for one.
 */
export function validateSweepSettings(s: SweepSettings, names: FieldNames = {}, fewestK = 2): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const inRange =
    keepsRule(LIMITS.kMin, s.kMin) && keepsRule(LIMITS.kMax, s.kMax) && s.kMax - s.kMin + 1 >= fewestK;
  if (!inRange) {
    const { min, max } = LIMITS.kMin;
    problems.push({
      field: "kRange",
      message: `${names.kRange ?? SETTING_NAMES.kRange} must be whole numbers from ${min} to ${max}, smallest first.`,
    });
  }
  checkKMeansIterations(problems, s, names);
  checkShared(problems, s, names);
  return problems;
}
