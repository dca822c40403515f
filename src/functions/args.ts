/**
 * Scalar arguments checked and turned into a run's settings. The model's defaults, limits and settings
 * builders are the pane's too, so a formula and the Cluster button with the same inputs run the same fit.
 */
import { NUMBERINGS, SCALING_METHODS, type Numbering, type ScalingMethod } from "../engine";
import {
  DEFAULTS,
  describeRule,
  dbscanRun,
  KMEANS_DEFAULTS,
  keepsRule,
  kmeansRun,
  kmeansSweep,
  LIMITS,
  type DbscanSettings,
  type KMeansSettings,
  type NumberSetting,
  type SweepSettings,
} from "../model";
import { invalidValue } from "./errors";

/** The optional arguments every clustering function shares, as Excel passed them. */
export type CommonArgs = { scaling?: unknown; seed?: unknown; nInit?: unknown };

/** Excel passes an omitted optional argument as null; an empty cell referenced for one reads as "". */
export function isOmitted(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

function number(v: unknown, name: string): number {
  if (typeof v !== "number" || Number.isNaN(v))
    throw invalidValue(`${name} must be a number, not ${shown(v)}.`);
  return v;
}

/** Whole and finite; the message says what was given, so "k must be a whole number, not 2.5." */
function wholeNumber(v: unknown, name: string): number {
  const x = number(v, name);
  if (!Number.isInteger(x)) throw invalidValue(`${name} must be a whole number, not ${shown(x)}.`);
  return x;
}

function shown(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "infinity" : "-infinity";
  if (typeof v === "string") return `the text "${v.length > 20 ? v.slice(0, 20) + "…" : v}"`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "string") {
    return `the error ${(v as { code: string }).code}`;
  }
  return String(v);
}

export function readScaling(v: unknown): ScalingMethod {
  if (isOmitted(v)) return KMEANS_DEFAULTS.scaling;
  const name = typeof v === "string" ? v.trim().toLowerCase() : "";
  const found = SCALING_METHODS.find((s) => s === name);
  if (!found) throw invalidValue(`scaling must be "standard", "minmax" or "none".`);
  return found;
}

/**
 * How clusters are numbered: "sklearn" (scikit-learn's labels_ + 1, the default) or "size" (cluster 1 the
 * largest), as the pane's setting of the same name; any case, spaces around ignored.
 */
export function readNumbering(v: unknown): Numbering {
  if (isOmitted(v)) return "sklearn";
  const name = typeof v === "string" ? v.trim().toLowerCase() : "";
  const found = NUMBERINGS.find((s) => s === name);
  if (!found) {
    throw invalidValue(
      `numbering must be "sklearn" (scikit-learn's order, the default) or "size" (cluster 1 the largest), not ${shown(v)}.`,
    );
  }
  return found;
}

/** A number argument within the model's limit for its setting; the message says what was given. */
function limited(v: unknown, setting: NumberSetting, name: string): number {
  const rule = LIMITS[setting];
  const x = rule.integer ? wholeNumber(v, name) : number(v, name);
  if (!keepsRule(rule, x)) throw invalidValue(`${name} must be ${describeRule(rule)}, not ${shown(x)}.`);
  return x;
}

export function readSeed(v: unknown): number {
  return isOmitted(v) ? KMEANS_DEFAULTS.seed : limited(v, "seed", "seed");
}

export function readEps(v: unknown): number {
  return limited(v, "eps", "eps");
}

export function readMinSamples(v: unknown): number {
  return isOmitted(v) ? DEFAULTS.minSamples : limited(v, "minSamples", "min_samples");
}

export function readNInit(v: unknown): number {
  return isOmitted(v) ? KMEANS_DEFAULTS.nInit : limited(v, "nInit", "n_init");
}

/** A number of clusters: whole, and from 2 to the rows there are to cluster. */
export function readK(v: unknown, usableRows: number, name = "k", fallback?: number): number {
  const k = isOmitted(v) && fallback !== undefined ? fallback : wholeNumber(v, name);
  if (k < LIMITS.k.min || k > usableRows) {
    throw invalidValue(`${name} must be between 2 and the number of usable rows (${usableRows}).`);
  }
  // The pane's limit too: one set of limits for every caller (model/limits.ts).
  if (k > LIMITS.k.max) throw invalidValue(`${name} must be at most ${LIMITS.k.max}, not ${k}.`);
  return k;
}

/** TRUE/FALSE, or a number as Excel reads one (0 is FALSE); omitted is FALSE. */
export function readFlag(v: unknown, name: string): boolean {
  if (isOmitted(v)) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  throw invalidValue(`${name} must be TRUE or FALSE.`);
}

function kmeansInputs(args: CommonArgs) {
  return {
    ...KMEANS_DEFAULTS,
    scaling: readScaling(args.scaling),
    seed: readSeed(args.seed),
    nInit: readNInit(args.nInit),
  };
}

/**
 * numbering is read only by the functions that show cluster numbers; the model's builder leaves the
 * default out of the settings, so a fit numbered "sklearn" and one with no numbering share a cache entry.
 */
export function fitSettingsFor(
  args: CommonArgs & { k: unknown; numbering?: unknown },
  usableRows: number,
): KMeansSettings {
  return kmeansRun({
    ...kmeansInputs(args),
    k: readK(args.k, usableRows),
    numbering: readNumbering(args.numbering),
  });
}

/** k_min and k_max default to the pane's range (2 to 10), k_max no further than the rows allow. */
export function sweepSettingsFor(
  args: CommonArgs & { kMin?: unknown; kMax?: unknown },
  usableRows: number,
): SweepSettings {
  const kMin = readK(args.kMin, usableRows, "k_min", DEFAULTS.kMin);
  const kMax = readK(args.kMax, usableRows, "k_max", Math.min(DEFAULTS.kMax, usableRows));
  if (kMin > kMax) throw invalidValue(`k_min (${kMin}) must not be greater than k_max (${kMax}).`);
  return kmeansSweep({ ...kmeansInputs(args), kMin, kMax });
}

export type DbscanArgs = { eps: unknown; minSamples?: unknown; scaling?: unknown; numbering?: unknown };

export function dbscanSettingsFor(args: DbscanArgs): DbscanSettings {
  return dbscanRun({
    eps: readEps(args.eps),
    minSamples: readMinSamples(args.minSamples),
    scaling: readScaling(args.scaling),
    seed: KMEANS_DEFAULTS.seed,
    numbering: readNumbering(args.numbering),
  });
}
