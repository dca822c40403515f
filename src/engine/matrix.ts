import { EngineError } from "./errors";

/** Row-major dense matrix: the one shape every engine function takes and returns. */
export type Matrix = { data: Float64Array; rows: number; cols: number };

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const size = rows * cols;
  if (data && data.length !== size) {
    throw new EngineError("BAD_SHAPE", `data has ${data.length} values, expected rows*cols=${size}`);
  }
  return { data: data ?? new Float64Array(size), rows, cols };
}

export function fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== d) {
      throw new EngineError("BAD_SHAPE", `row ${i} has ${row.length} values, expected ${d}`);
    }
    for (let j = 0; j < d; j++) data[i * d + j] = row[j];
  }
  return { data, rows: n, cols: d };
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

export function cloneMatrix(m: Matrix): Matrix {
  return { data: m.data.slice(), rows: m.rows, cols: m.cols };
}

/** Copies the given rows, in the given order, into a new matrix. */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const d = m.cols;
  const out = new Float64Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r] * d;
    for (let j = 0; j < d; j++) out[r * d + j] = m.data[src + j];
  }
  return { data: out, rows: indices.length, cols: d };
}

/**
 * Squared Euclidean distance between row a of A and row b of B. Every assignment decision in the
 * engine goes through this one loop order, so the plain and the accelerated algorithms agree bit for bit.
 */
export function sqDistRows(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = A[a + j] - B[b + j];
    s += t * t;
  }
  return s;
}

/** Checks what every fit needs: at least one row and column, and finite numbers only. */
export function assertValidMatrix(X: Matrix, name = "X"): void {
  if (!X || !(X.data instanceof Float64Array)) {
    throw new EngineError("BAD_SHAPE", `${name} must be a Matrix with a Float64Array data buffer`);
  }
  if (X.rows < 1 || X.cols < 1) {
    throw new EngineError(
      "EMPTY_INPUT",
      `${name} has shape ${X.rows}x${X.cols}: at least 1 row and 1 column are required`,
    );
  }
  if (X.data.length !== X.rows * X.cols) {
    throw new EngineError(
      "BAD_SHAPE",
      `${name} has ${X.data.length} values, expected rows*cols=${X.rows * X.cols}`,
    );
  }
  const data = X.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      const row = Math.floor(i / X.cols);
      const col = i % X.cols;
      throw new EngineError(
        "NON_FINITE",
        `${name} contains ${v} at row ${row}, column ${col}: only finite numbers can be clustered`,
      );
    }
  }
}

/**
 * Per-column population variance (ddof=0), two-pass with the correction term. With `units`, of each
 * column divided by its unit (a power of two, see magnitude.ts): the mean and variance of x / unit, for
 * columns whose squares would leave float64's range. A unit of 1 gives exactly the plain result.
 */
export function columnMeansAndVariances(
  X: Matrix,
  units?: ArrayLike<number>,
): { mean: Float64Array; variance: Float64Array } {
  const { rows: n, cols: d, data } = X;
  const sum = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) sum[j] += units === undefined ? data[o + j] : data[o + j] / units[j];
  }
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) mean[j] = sum[j] / n;
  const corr = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const t = (units === undefined ? data[o + j] : data[o + j] / units[j]) - mean[j];
      corr[j] += t;
      sq[j] += t * t;
    }
  }
  const variance = new Float64Array(d);
  for (let j = 0; j < d; j++) variance[j] = (sq[j] - (corr[j] * corr[j]) / n) / n;
  return { mean, variance };
}
