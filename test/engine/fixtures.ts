import * as fs from "fs";
import * as path from "path";
import { fromRows, type Matrix } from "../../src/engine";

/** The shape scripts/make_fixtures.py writes; every number in it came from scikit-learn. */
export type Fixture = {
  name: string;
  columns: string[];
  X: number[][];
  scaling: "standard" | "minmax" | "none";
  scalers: {
    standard: { mean: number[]; var: number[]; scale: number[]; Xt: number[][] };
    minmax: { data_min: number[]; data_max: number[]; scale: number[]; min: number[]; Xt: number[][] };
  };
  lloyd: {
    case: string;
    k: number;
    tol: number;
    max_iter: number;
    init: number[][];
    labels: number[];
    centers: number[][];
    inertia: number;
    n_iter: number;
  }[];
  metrics: {
    labels: number[];
    silhouette_samples?: number[];
    silhouette_score: number;
    calinski_harabasz: number;
    davies_bouldin: number;
    silhouette_sampled: { sample_size: number; random_state: number; score: number };
  };
  kmeanspp: {
    k: number;
    n_init: number;
    random_state: number;
    labels: number[];
    centers: number[][];
    inertia: number;
    n_iter: number;
    first_init_indices: number[];
  }[];
  pca: { components: number[][]; explained_variance: number[]; explained_variance_ratio: number[] };
  random_init: {
    k: number;
    n_init: number;
    random_state: number;
    labels: number[];
    centers: number[][];
    inertia: number;
    n_iter: number;
  }[];
};

const dir = path.join(__dirname, "..", "fixtures");

export const DATASETS = [
  "iris",
  "three_blobs",
  "customers",
  "moons",
  "blobs_medium",
  "blobs_overlap",
  "constant_column",
];

const cache = new Map<string, unknown>();

export function loadJson<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
  return cache.get(file) as T;
}

export function loadFixture(name: string): Fixture {
  return loadJson<Fixture>(`${name}.json`);
}

/** The matrix scikit-learn clustered: the scaled data, or the raw data when scaling is "none". */
export function clusteringInput(f: Fixture): Matrix {
  return fromRows(f.scaling === "none" ? f.X : f.scalers[f.scaling].Xt);
}

export function relError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A number of meaning.json: non-finite values are written as the strings "NaN", "Infinity", "-Infinity". */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** One case of meaning.json (scripts/make_fixtures.py's "meaning" section): scipy's and scikit-learn's view of a clustering. */
export type MeaningCase = {
  name: string;
  /** "<fixture>.json <where the labels come from>", or "hand-made" (then X and labels are given). */
  source: string;
  k: number;
  n: number;
  d: number;
  X?: number[][];
  labels?: number[];
  centers: number[][];
  sizes: number[];
  f_classif: { f: number[]; p: number[] };
  f_oneway: { f: number[]; p: number[] };
  eta_squared: number[];
  z_scores: number[][];
  diagnostics: {
    rows: number[];
    distance: number[];
    transform_distance: number[];
    runner_up: number[];
    margin: number[];
    fence: number[];
    outliers: number[];
    outliers_by_transform_equal: boolean;
    max_transform_rel_diff: number;
  };
};

export type MeaningFixture = {
  notes: string[];
  cases: MeaningCase[];
  fdtrc: { dfn: number; dfd: number; f: number; p: number }[];
  betainc: { a: number; b: number; x: number; value: number }[];
  gammaln: { x: number; value: number }[];
};

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** meaning.json with its "NaN" / "Infinity" strings turned back into numbers. */
export function loadMeaning(): MeaningFixture {
  const file = "meaning.json";
  if (!cache.has(file))
    cache.set(
      file,
      JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"), (_key, value: unknown) =>
        typeof value === "string" && value in NON_FINITE ? NON_FINITE[value] : value,
      ),
    );
  return cache.get(file) as MeaningFixture;
}

/** A meaning.json case's data and labels: its own, or its source fixture's clustering input and labels. */
export function meaningInput(c: MeaningCase): { X: Matrix; labels: Int32Array } {
  if (c.X && c.labels) return { X: fromRows(c.X), labels: Int32Array.from(c.labels) };
  const [file, where] = c.source.split(" ");
  const name = file.replace(/\.json$/, "");
  if (where === "labels_") {
    const db = loadJson<{ X: number[][]; labels_: number[] }>(file);
    return { X: fromRows(db.X), labels: Int32Array.from(db.labels_) };
  }
  const f = loadFixture(name);
  const index = Number(/^kmeanspp\[(\d+)\]$/.exec(where)![1]);
  return { X: clusteringInput(f), labels: Int32Array.from(f.kmeanspp[index].labels) };
}

/**
 * |a - b| / |b|, with equal non-finite values (NaN and NaN, ∞ and ∞) at 0 and any other mismatch at ∞, so
 * that one bound checks the degenerate columns too.
 */
export function relErrorOrSame(a: number, b: number): number {
  if (Number.isNaN(b)) return Number.isNaN(a) ? 0 : Infinity;
  if (!Number.isFinite(b)) return a === b ? 0 : Infinity;
  if (b === 0) return a === 0 ? 0 : Infinity;
  return Math.abs(a - b) / Math.abs(b);
}
