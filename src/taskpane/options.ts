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

/** The options typed as numbers; each field of the pane keeps the text typed into it (see Drafts). */
export type NumberField = "k" | "kMin" | "kMax" | "nInit" | "maxIter" | "tol" | "seed";

/** What a number field accepts; `problem` is said next to the field and, for a stored run, by the pane. */
type NumberRule = { integer: boolean; min: number; max: number; problem: string };

const K_PROBLEM = `a whole number from ${K_LIMITS.min} to ${K_LIMITS.max}`;

export const NUMBER_RULES: Record<NumberField, NumberRule> = {
  k: { integer: true, ...K_LIMITS, problem: `Number of clusters must be ${K_PROBLEM}.` },
  kMin: { integer: true, ...K_LIMITS, problem: `From k must be ${K_PROBLEM}.` },
  kMax: { integer: true, ...K_LIMITS, problem: `To k must be ${K_PROBLEM}.` },
  nInit: {
    integer: true,
    min: 1,
    max: 1000,
    problem: "Initialisations must be a whole number from 1 to 1000.",
  },
  maxIter: {
    integer: true,
    min: 1,
    max: 100000,
    problem: "Max iterations must be a whole number from 1 to 100000.",
  },
  tol: { integer: false, min: 0, max: Infinity, problem: "Tolerance must be a number of 0 or more." },
  seed: {
    integer: true,
    min: 0,
    max: 4294967295,
    problem: "Seed must be a whole number from 0 to 4294967295.",
  },
};

function fits(field: NumberField, v: number): boolean {
  const r = NUMBER_RULES[field];
  return Number.isFinite(v) && (!r.integer || Number.isInteger(v)) && v >= r.min && v <= r.max;
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

/** The number fields the pane shows for these options (the k fields depend on Choose k for me). */
export function shownNumberFields(o: PaneOptions): NumberField[] {
  return [...(o.chooseK ? (["kMin", "kMax"] as const) : (["k"] as const)), "nInit", "maxIter", "tol", "seed"];
}

/** Shown fields whose typed text is not a valid value: Cluster waits until they are corrected. */
export function invalidNumberFields(o: PaneOptions, drafts: Drafts): NumberField[] {
  return shownNumberFields(o).filter(
    (f) => drafts[f] !== undefined && parseNumberField(f, drafts[f]) === null,
  );
}

/**
 * Problems with the options, each a sentence the pane shows next to the Cluster button. A field's own
 * text is checked as it is typed (parseNumberField); this also checks options that came from elsewhere,
 * such as a stored run, and the k range's order.
 */
export function validateOptions(o: PaneOptions): string[] {
  const problems: string[] = [];
  if (o.chooseK) {
    if (!fits("kMin", o.kMin) || !fits("kMax", o.kMax) || o.kMin >= o.kMax) {
      problems.push(
        `The k range must be whole numbers from ${K_LIMITS.min} to ${K_LIMITS.max}, smallest first.`,
      );
    }
  } else if (!fits("k", o.k)) problems.push(NUMBER_RULES.k.problem);
  for (const f of ["nInit", "maxIter", "tol", "seed"] as const) {
    if (!fits(f, o[f])) problems.push(NUMBER_RULES[f].problem);
  }
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
