import { readFileSync, writeFileSync } from "fs";
import { createRandomState, type Matrix } from "../src/engine";

/** A benchmark dataset: Gaussian blobs around centres drawn uniformly in a box. */
export type BlobSpec = {
  name: string;
  rows: number;
  cols: number;
  k: number;
  /** Centres are uniform in [-halfWidth, halfWidth]^cols. */
  halfWidth: number;
  /** Standard deviation of every blob, in every direction. */
  std: number;
  seed: number;
  /** The k-means++ seed of the set's full fits (bench/run.ts uses 42 unless a set names one). */
  kppSeed?: number;
};

/** Dataset (a): 100,000 × 8, k = 8; blobs overlap so Lloyd needs dozens of iterations. */
export const SPEC_A: BlobSpec = { name: "A", rows: 100_000, cols: 8, k: 8, halfWidth: 3, std: 3, seed: 1 };
/** Dataset (b): 1,000,000 × 4, k = 5, overlapping in the same way. */
export const SPEC_B: BlobSpec = { name: "B", rows: 1_000_000, cols: 4, k: 5, halfWidth: 3, std: 3, seed: 2 };
/**
 * Dataset (c): 100,000 × 8, k = 8, as make_blobs(100000, 8, centers=8, cluster_std=3) draws it
 * (centres in [-10, 10]^8): well separated, so Lloyd converges in a few iterations and the fixed costs
 * of a fit (validation, the tol variance, copying X, seeding) weigh as much as the iterations.
 */
export const SPEC_C: BlobSpec = {
  name: "C",
  rows: 100_000,
  cols: 8,
  k: 8,
  halfWidth: 10,
  std: 3,
  seed: 3,
  // random_state=0: seeded so, the full fit converges in 6 iterations (seed 42's start needs 16).
  kppSeed: 0,
};
/** A small set for warming up the JIT of every JavaScript tool before timing. */
export const SPEC_WARMUP: BlobSpec = {
  name: "warm-up",
  rows: 5_000,
  cols: 4,
  k: 4,
  halfWidth: 3,
  std: 3,
  seed: 3,
};

/** Seed of the permutation whose first k rows are every tool's starting centres. */
export const START_SEED = 7;

/**
 * Deterministic blobs: numpy-compatible MT19937 (the engine's RandomState) for uniforms, Box-Muller
 * for normals. Each row's blob is drawn with randint(k).
 */
export function makeBlobs(spec: BlobSpec): Matrix {
  const { rows, cols, k, halfWidth, std } = spec;
  const rs = createRandomState(spec.seed);
  const centres = new Float64Array(k * cols);
  for (let i = 0; i < centres.length; i++) centres[i] = (2 * rs.randomSample() - 1) * halfWidth;
  const data = new Float64Array(rows * cols);
  let spare = NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return z;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - rs.randomSample()));
    const theta = 2 * Math.PI * rs.randomSample();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  for (let i = 0; i < rows; i++) {
    const c = rs.randint(k);
    for (let j = 0; j < cols; j++) data[i * cols + j] = centres[c * cols + j] + std * normal();
  }
  return { data, rows, cols };
}

/** Row indices of the shared starting centres: the first k entries of a seeded permutation. */
export function startIndices(rows: number, k: number, seed = START_SEED): Int32Array {
  return createRandomState(seed).permutation(rows).slice(0, k);
}

/** Writes the matrix as raw float64 little-endian, row-major: what numpy.fromfile reads. */
export function writeMatrix(path: string, X: Matrix): void {
  const { data } = X;
  writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

/** Reads a file written by writeMatrix; a view on the file's buffer when aligned, so no second copy. */
export function readMatrix(path: string, rows: number, cols: number): Matrix {
  const buf = readFileSync(path);
  if (buf.byteLength !== rows * cols * 8) {
    throw new Error(`${path} has ${buf.byteLength} bytes, expected ${rows}×${cols} float64`);
  }
  const data =
    buf.byteOffset % 8 === 0
      ? new Float64Array(buf.buffer, buf.byteOffset, rows * cols)
      : new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return { data, rows, cols };
}
