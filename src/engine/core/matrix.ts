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
  if (allFinite(data)) return;
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
 * Whether every value is finite: v - v is 0 for a finite v and NaN for ±Infinity or NaN, and a sum
 * that meets a NaN stays NaN. Four running sums and no branch in the loop: this check runs on every
 * fit, and is about twice as fast as testing each value.
 */
function allFinite(data: Float64Array): boolean {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  const n = data.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = data[i],
      b = data[i + 1],
      c = data[i + 2],
      d = data[i + 3];
    s0 += a - a;
    s1 += b - b;
    s2 += c - c;
    s3 += d - d;
  }
  for (; i < n; i++) s0 += data[i] - data[i];
  return s0 + s1 + s2 + s3 === 0;
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
  if (units === undefined) return plainMeansAndVariances(X);
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

/**
 * columnMeansAndVariances without units: the same sums, in the same row order, so the same values bit
 * for bit, but four columns at a time in local variables. Every fit pays this pass (for the tol), and
 * a running sum held in a register is several times faster than one in an array.
 */
function plainMeansAndVariances(X: Matrix): { mean: Float64Array; variance: Float64Array } {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  const end = n * d;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let o = j; o < end; o += d) {
      s0 += data[o];
      s1 += data[o + 1];
      s2 += data[o + 2];
      s3 += data[o + 3];
    }
    const m0 = s0 / n,
      m1 = s1 / n,
      m2 = s2 / n,
      m3 = s3 / n;
    let c0 = 0,
      c1 = 0,
      c2 = 0,
      c3 = 0,
      q0 = 0,
      q1 = 0,
      q2 = 0,
      q3 = 0;
    for (let o = j; o < end; o += d) {
      const t0 = data[o] - m0,
        t1 = data[o + 1] - m1,
        t2 = data[o + 2] - m2,
        t3 = data[o + 3] - m3;
      c0 += t0;
      c1 += t1;
      c2 += t2;
      c3 += t3;
      q0 += t0 * t0;
      q1 += t1 * t1;
      q2 += t2 * t2;
      q3 += t3 * t3;
    }
    mean[j] = m0;
    mean[j + 1] = m1;
    mean[j + 2] = m2;
    mean[j + 3] = m3;
    variance[j] = (q0 - (c0 * c0) / n) / n;
    variance[j + 1] = (q1 - (c1 * c1) / n) / n;
    variance[j + 2] = (q2 - (c2 * c2) / n) / n;
    variance[j + 3] = (q3 - (c3 * c3) / n) / n;
  }
  for (; j < d; j++) {
    let s = 0;
    for (let o = j; o < end; o += d) s += data[o];
    const m = s / n;
    let c = 0,
      q = 0;
    for (let o = j; o < end; o += d) {
      const t = data[o] - m;
      c += t;
      q += t * t;
    }
    mean[j] = m;
    variance[j] = (q - (c * c) / n) / n;
  }
  return { mean, variance };
}
