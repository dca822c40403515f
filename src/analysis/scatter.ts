import { EngineError, createRandomState, pca, takeRows, type Matrix } from "../engine";
import type { ScatterData, SharedSettings } from "../model";

/** Above this many rows the scatter plots a seeded sample of this size, so Excel stays responsive. */
export const DEFAULT_SCATTER_SAMPLE_SIZE = 20000;

/**
 * What the cluster scatter plots: each plotted row's coordinates on two axes and its cluster, and the
 * centroids on the same axes.
 *
 * Axes "pca" (the default): the first two principal components of the scaled data (fitted on every row),
 * with the share of variance along each; centroids are the scaled centres projected the same way. With one
 * feature (or one row) there is no second component: that axis is 0 everywhere, with 0 % of the variance.
 * Axes [i, j]: feature columns i and j of X and of the centres, in original units.
 *
 * Above sampleSize rows a seeded sample is plotted: the first sampleSize entries of
 * createRandomState(seed).permutation(n), the draw the silhouette sample uses, listed in row order.
 */
export function scatterData(
  X: Matrix,
  Xs: Matrix,
  labels: Int32Array,
  centers: Matrix,
  centersScaled: Matrix,
  settings: Pick<SharedSettings, "seed" | "scatterAxes" | "scatterSampleSize">,
): ScatterData {
  const axes = settings.scatterAxes ?? "pca";
  const sampleSize = settings.scatterSampleSize ?? DEFAULT_SCATTER_SAMPLE_SIZE;
  if (!Number.isInteger(sampleSize) || sampleSize < 1) {
    throw new EngineError("BAD_OPTION", `scatterSampleSize=${sampleSize} should be an integer >= 1`);
  }
  if (axes !== "pca") checkAxes(axes, X.cols);
  const n = X.rows;
  const sampled = n > sampleSize;
  const rows = sampled ? sampleRows(n, sampleSize, settings.seed) : null;
  const pick = (M: Matrix): Matrix => (rows ? takeRows(M, rows) : M);
  const plottedLabels = rows ? Int32Array.from(rows, (i) => labels[i]) : labels.slice();

  if (axes === "pca") {
    const projection = project2(Xs);
    return {
      axes,
      explainedVarianceRatio: projection.ratio,
      points: projection.transform(pick(Xs)),
      labels: plottedLabels,
      centroids: projection.transform(centersScaled),
      sampled,
    };
  }
  return {
    axes: [axes[0], axes[1]],
    explainedVarianceRatio: null,
    points: columns(pick(X), axes),
    labels: plottedLabels,
    centroids: columns(centers, axes),
    sampled,
  };
}

/** The rows of the seeded sample, in increasing order. */
export function sampleRows(n: number, sampleSize: number, seed: number): Int32Array {
  return createRandomState(seed).permutation(n).slice(0, sampleSize).sort();
}

function checkAxes(axes: readonly number[], cols: number): void {
  const ok = (j: number) => Number.isInteger(j) && j >= 0 && j < cols;
  if (!Array.isArray(axes) || axes.length !== 2 || !axes.every(ok)) {
    throw new EngineError(
      "BAD_OPTION",
      `scatterAxes=${JSON.stringify(axes)} should be "pca" or two column positions from 0 to ${cols - 1}`,
    );
  }
}

/** Columns i and j of M, as an m × 2 matrix. */
function columns(M: Matrix, [i, j]: readonly number[]): Matrix {
  const out = new Float64Array(M.rows * 2);
  for (let r = 0; r < M.rows; r++) {
    out[2 * r] = M.data[r * M.cols + i];
    out[2 * r + 1] = M.data[r * M.cols + j];
  }
  return { data: out, rows: M.rows, cols: 2 };
}

/**
 * PCA onto two axes. The engine fits at most min(n, d) components; a missing second one is a zero axis
 * with no variance, so the scatter still has two coordinates per row.
 */
function project2(Xs: Matrix): { ratio: [number, number]; transform(M: Matrix): Matrix } {
  const m = Math.min(2, Xs.rows, Xs.cols);
  const p = pca(Xs, m);
  const ratio: [number, number] = [p.explainedVarianceRatio[0], m > 1 ? p.explainedVarianceRatio[1] : 0];
  if (m === 2) return { ratio, transform: (M) => p.transform(M) };
  return {
    ratio,
    transform: (M) => {
      const one = p.transform(M);
      const out = new Float64Array(M.rows * 2);
      for (let r = 0; r < M.rows; r++) out[2 * r] = one.data[r];
      return { data: out, rows: M.rows, cols: 2 };
    },
  };
}
