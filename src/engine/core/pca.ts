import { EngineError } from "./errors";
import { assertValidMatrix, columnMeansAndVariances, type Matrix } from "./matrix";

export type PCA = {
  /** nComponents × d, each row a unit principal axis, strongest first. */
  components: Matrix;
  /** Variance along each component (ddof = 1, as scikit-learn's explained_variance_). */
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  mean: Float64Array;
  /** Coordinates of rows of X on the components. */
  transform(X: Matrix): Matrix;
};

/**
 * Principal components from the eigenvectors of the covariance matrix (cyclic Jacobi: d is a handful
 * of spreadsheet columns, so the d × d eigenproblem is tiny next to the n × d pass that builds it).
 * Signs follow scikit-learn's svd_flip: the largest-magnitude score on each component is positive.
 */
export function pca(X: Matrix, nComponents = 2): PCA {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  if (!Number.isInteger(nComponents) || nComponents < 1 || nComponents > Math.min(n, d)) {
    throw new EngineError(
      "BAD_OPTION",
      `nComponents=${nComponents} should be an integer from 1 to min(n_samples, n_features)=${Math.min(n, d)}`,
    );
  }
  const { mean } = columnMeansAndVariances(X);
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      for (let b = a; b < d; b++) cov[a * d + b] += ra * row[b];
    }
  }
  const denom = Math.max(n - 1, 1);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= denom;
      cov[b * d + a] = cov[a * d + b];
    }
  }
  const { values, vectors } = jacobiEigen(cov, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((p, q) => values[q] - values[p]);
  let total = 0;
  for (let j = 0; j < d; j++) total += Math.max(values[j], 0);
  const components = new Float64Array(nComponents * d);
  const explainedVariance = new Float64Array(nComponents);
  const explainedVarianceRatio = new Float64Array(nComponents);
  for (let c = 0; c < nComponents; c++) {
    const e = order[c];
    for (let j = 0; j < d; j++) components[c * d + j] = vectors[j * d + e];
    explainedVariance[c] = Math.max(values[e], 0);
    explainedVarianceRatio[c] = total > 0 ? explainedVariance[c] / total : 0;
  }
  const project = (Y: Matrix): Matrix => {
    if (Y.cols !== d)
      throw new EngineError("BAD_SHAPE", `X has ${Y.cols} columns but the PCA was fitted on ${d}`);
    const out = new Float64Array(Y.rows * nComponents);
    for (let i = 0; i < Y.rows; i++) {
      for (let c = 0; c < nComponents; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (Y.data[i * d + j] - mean[j]) * components[c * d + j];
        out[i * nComponents + c] = s;
      }
    }
    return { data: out, rows: Y.rows, cols: nComponents };
  };
  // svd_flip on U: U's columns are the training scores, up to positive scaling.
  const scores = project(X);
  for (let c = 0; c < nComponents; c++) {
    let best = 0;
    for (let i = 1; i < n; i++) {
      if (Math.abs(scores.data[i * nComponents + c]) > Math.abs(scores.data[best * nComponents + c]))
        best = i;
    }
    if (scores.data[best * nComponents + c] < 0) for (let j = 0; j < d; j++) components[c * d + j] *= -1;
  }
  return {
    components: { data: components, rows: nComponents, cols: d },
    explainedVariance,
    explainedVarianceRatio,
    mean,
    transform: project,
  };
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric d × d matrix. */
export function jacobiEigen(
  matrix: Float64Array,
  d: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = matrix.slice();
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let norm = 0;
    for (let p = 0; p < d; p++) {
      for (let q = 0; q < d; q++) {
        norm += a[p * d + q] * a[p * d + q];
        if (p !== q) off += a[p * d + q] * a[p * d + q];
      }
    }
    if (off <= 1e-30 * norm || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i];
  return { values, vectors: v };
}
