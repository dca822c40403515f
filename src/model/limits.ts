import { DEFAULT_MAX_ITER, DEFAULT_N_INIT, DEFAULT_SEED, DEFAULT_TOL } from "../engine";

/**
 * Every limit a run's settings must keep, in one place: the pane's fields, the functions' arguments, a
 * stored run record and the worker all check against these (validate.ts), so they refuse the same values.
 */
export type NumberRule = { integer: boolean; min: number; max: number; minExclusive?: boolean };

export const LIMITS = {
  k: { integer: true, min: 2, max: 50 },
  kMin: { integer: true, min: 2, max: 50 },
  kMax: { integer: true, min: 2, max: 50 },
  nInit: { integer: true, min: 1, max: 1000 },
  maxIter: { integer: true, min: 1, max: 100000 },
  tol: { integer: false, min: 0, max: Infinity },
  seed: { integer: true, min: 0, max: 4294967295 },
  // DBSCAN's eps is a distance in the space the clustering runs in: any positive finite number.
  eps: { integer: false, min: 0, max: Number.MAX_VALUE, minExclusive: true },
  // min_samples counts the point itself (scikit-learn's DBSCAN), so 1 makes every point a core point.
  minSamples: { integer: true, min: 1, max: 1000 },
  silhouetteSampleSize: { integer: true, min: 2, max: 1_000_000 },
  scatterSampleSize: { integer: true, min: 1, max: 1_000_000 },
} as const satisfies Record<string, NumberRule>;

export type NumberSetting = keyof typeof LIMITS;

/** Exact silhouettes up to this many rows; above it a seeded sample of this size, and the pane says so. */
export const SILHOUETTE_SAMPLE_SIZE = 20000;

/** The values a run takes unless the user says otherwise: the tutorial's (and scikit-learn's). */
export const DEFAULTS = {
  k: 3,
  kMin: 2,
  kMax: 10,
  nInit: DEFAULT_N_INIT,
  maxIter: DEFAULT_MAX_ITER,
  tol: DEFAULT_TOL,
  seed: DEFAULT_SEED,
  // scikit-learn's DBSCAN defaults (eps=0.5, min_samples=5); the pane offers a suggested eps beside it.
  eps: 0.5,
  minSamples: 5,
  silhouetteSampleSize: SILHOUETTE_SAMPLE_SIZE,
} as const;

/** The rule in words, as it follows "must be": "a whole number from 2 to 50". */
export function describeRule(rule: NumberRule): string {
  if (rule.minExclusive)
    return rule.integer ? `a whole number above ${rule.min}` : `a number above ${rule.min}`;
  if (rule.max === Infinity) return `a number of ${rule.min} or more`;
  return `${rule.integer ? "a whole number" : "a number"} from ${rule.min} to ${rule.max}`;
}

/** Whether v keeps the rule: finite, whole where it must be, within the bounds. */
export function keepsRule(rule: NumberRule, v: unknown): v is number {
  if (typeof v !== "number" || Number.isNaN(v)) return false;
  if (rule.max !== Infinity && !Number.isFinite(v)) return false;
  if (rule.integer && !Number.isInteger(v)) return false;
  return (rule.minExclusive ? v > rule.min : v >= rule.min) && v <= rule.max;
}
