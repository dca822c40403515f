/**
 * Scalar arguments checked and turned into the task pane's settings. The pane's own option defaults and
 * settings builders are used, so a formula and the Cluster button with the same inputs run the same fit.
 */
import type { ScalingMethod } from "../engine";
import { DEFAULT_OPTIONS, fitSettings, sweepSettings, type PaneOptions } from "../taskpane/options";
import type { FitSettings, SweepSettings } from "../worker/protocol";
import { invalidValue } from "./errors";

/** The optional arguments every clustering function shares, as Excel passed them. */
export type CommonArgs = { scaling?: unknown; seed?: unknown; nInit?: unknown };

const SCALINGS: readonly ScalingMethod[] = ["standard", "minmax", "none"];
const MAX_SEED = 4294967295;
const MAX_N_INIT = 1000;

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
  if (isOmitted(v)) return DEFAULT_OPTIONS.scaling;
  const name = typeof v === "string" ? v.trim().toLowerCase() : "";
  const found = SCALINGS.find((s) => s === name);
  if (!found) throw invalidValue(`scaling must be "standard", "minmax" or "none".`);
  return found;
}

export function readSeed(v: unknown): number {
  if (isOmitted(v)) return DEFAULT_OPTIONS.seed;
  const seed = wholeNumber(v, "seed");
  if (seed < 0 || seed > MAX_SEED) {
    throw invalidValue(`seed must be a whole number from 0 to ${MAX_SEED}, not ${seed}.`);
  }
  return seed;
}

export function readNInit(v: unknown): number {
  if (isOmitted(v)) return DEFAULT_OPTIONS.nInit;
  const nInit = wholeNumber(v, "n_init");
  if (nInit < 1 || nInit > MAX_N_INIT) {
    throw invalidValue(`n_init must be a whole number from 1 to ${MAX_N_INIT}, not ${nInit}.`);
  }
  return nInit;
}

/** A number of clusters: whole, and from 2 to the rows there are to cluster. */
export function readK(v: unknown, usableRows: number, name = "k", fallback?: number): number {
  const k = isOmitted(v) && fallback !== undefined ? fallback : wholeNumber(v, name);
  if (k < 2 || k > usableRows) {
    throw invalidValue(`${name} must be between 2 and the number of usable rows (${usableRows}).`);
  }
  return k;
}

/** TRUE/FALSE, or a number as Excel reads one (0 is FALSE); omitted is FALSE. */
export function readFlag(v: unknown, name: string): boolean {
  if (isOmitted(v)) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  throw invalidValue(`${name} must be TRUE or FALSE.`);
}

function paneOptions(args: CommonArgs): PaneOptions {
  return {
    ...DEFAULT_OPTIONS,
    scaling: readScaling(args.scaling),
    seed: readSeed(args.seed),
    nInit: readNInit(args.nInit),
  };
}

export function fitSettingsFor(args: CommonArgs & { k: unknown }, usableRows: number): FitSettings {
  const options = paneOptions(args);
  return fitSettings(options, readK(args.k, usableRows));
}

/** k_min and k_max default to the pane's range (2 to 10), k_max no further than the rows allow. */
export function sweepSettingsFor(
  args: CommonArgs & { kMin?: unknown; kMax?: unknown },
  usableRows: number,
): SweepSettings {
  const options = paneOptions(args);
  const kMin = readK(args.kMin, usableRows, "k_min", DEFAULT_OPTIONS.kMin);
  const kMax = readK(args.kMax, usableRows, "k_max", Math.min(DEFAULT_OPTIONS.kMax, usableRows));
  if (kMin > kMax) throw invalidValue(`k_min (${kMin}) must not be greater than k_max (${kMax}).`);
  return sweepSettings({ ...options, kMin, kMax });
}
