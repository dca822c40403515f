import { EngineError } from "../core/errors";
import { encodeLabels } from "../core/labels";
import { assertValidMatrix, takeRows, type Matrix } from "../core/matrix";
import { createRandomState } from "../core/random";
import { DEFAULT_SEED } from "../core/defaults";
import { useWasm, type BackendChoice } from "../wasm/backend";
import { wasmSilhouetteSums } from "../wasm/silhouetteSums";

/**
 * Silhouette coefficient of every row: (b - a) / max(a, b), with a the mean distance to the rest of its
 * own cluster and b the smallest mean distance to another cluster; a row alone in its cluster scores 0.
 * Exact: each pair's distance is computed once and added to both rows' per-cluster sums, so the work is
 * n²/2 distances and memory is n × clusters. The pair loop runs in WebAssembly SIMD when the backend
 * allows it (wasm/silhouetteSums.ts), else in JavaScript; the two add the same distances in different
 * orders, so they agree to rounding (about 1e-15 relative), not bit for bit.
 */
export function silhouetteSamples(
  X: Matrix,
  labels: ArrayLike<number>,
  options: { backend?: BackendChoice } = {},
): Float64Array {
  assertValidMatrix(X);
  const n = X.rows;
  const { codes, counts } = encodeLabels(labels, n);
  const m = counts.length;
  const sums =
    (useWasm(options.backend) ? wasmSilhouetteSums(X, codes, counts) : undefined) ?? pairSums(X, codes, m);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (counts[c] <= 1) continue;
    const a = sums[i * m + c] / (counts[c] - 1);
    let b = Infinity;
    for (let o = 0; o < m; o++) {
      if (o === c) continue;
      const v = sums[i * m + o] / counts[o];
      if (v < b) b = v;
    }
    const den = Math.max(a, b);
    out[i] = den > 0 ? (b - a) / den : 0;
  }
  return out;
}

/** Every row's total distance to each cluster's rows, sums[i * m + c], in JavaScript. */
function pairSums(X: Matrix, codes: Int32Array, m: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const sums = new Float64Array(n * m);
  // Blocks of rows keep both rows of a pair in cache while the pair sums are accumulated.
  const B = 256;
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let j0 = i0; j0 < n; j0 += B) {
      const j1 = Math.min(n, j0 + B);
      for (let i = i0; i < i1; i++) {
        const io = i * d;
        const ci = codes[i];
        const rowSums = i * m;
        for (let j = j0 === i0 ? i + 1 : j0; j < j1; j++) {
          const jo = j * d;
          let s = 0;
          for (let t = 0; t < d; t++) {
            const v = data[io + t] - data[jo + t];
            s += v * v;
          }
          const dist = Math.sqrt(s);
          sums[rowSums + codes[j]] += dist;
          sums[j * m + ci] += dist;
        }
      }
    }
  }
  return sums;
}

export type SilhouetteOptions = {
  /** Which kernels run the pair loop (wasm/backend.ts); "auto" by default. */
  backend?: BackendChoice;
  /** Score a random subset of this many rows, as scikit-learn's sample_size; omit for the exact score. */
  sampleSize?: number;
  /** Seed of the subset, the same draw as scikit-learn's random_state. */
  seed?: number;
};

/** Mean silhouette coefficient over all rows, or over a seeded sample of rows. */
export function silhouetteScore(
  X: Matrix,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
): number {
  assertValidMatrix(X);
  const { sampleSize } = options;
  const backend = { backend: options.backend };
  if (sampleSize === undefined) return mean(silhouetteSamples(X, labels, backend));
  if (!Number.isInteger(sampleSize) || sampleSize < 2 || sampleSize > X.rows) {
    throw new EngineError(
      "BAD_OPTION",
      `sampleSize=${sampleSize} should be an integer from 2 to n_samples=${X.rows}`,
    );
  }
  if (labels.length !== X.rows) {
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${X.rows} rows`);
  }
  const idx = createRandomState(options.seed ?? DEFAULT_SEED)
    .permutation(X.rows)
    .subarray(0, sampleSize);
  const sub = Array.from(idx, (i) => labels[i]);
  return mean(silhouetteSamples(takeRows(X, idx), sub, backend));
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}
