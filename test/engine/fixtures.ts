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
