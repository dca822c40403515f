/**
 * Values whose squares leave float64's range. Scaling and profiles square differences; clustering in
 * original units squares the values themselves. Beyond about 1e154 a square overflows to Infinity (and
 * Infinity - Infinity is NaN), below about 1e-154 it underflows to 0, so such columns are worked on
 * divided by a power of two, which is exact: the digits are untouched, only the exponent moves.
 */
import type { Matrix } from "./matrix";

/**
 * Columns whose largest |x| lies in [ORDINARY_MIN, ORDINARY_MAX] are worked on as they are, so every
 * result on ordinary data stays bit-identical to scikit-learn's; the band leaves room below the 1e154
 * where squares (and sums of a few million of them) start to overflow or underflow.
 */
export const ORDINARY_MAX = 1e150;
export const ORDINARY_MIN = 1e-150;

/** The largest power of two at or below m (finite, > 0): dividing by it brings m into [1, 2), exactly. */
export function powerOfTwoAtOrBelow(m: number): number {
  // log2 can round across an integer near a power of two; the loops put p right.
  let p = 2 ** Math.min(1023, Math.max(-1074, Math.floor(Math.log2(m))));
  while (p > m) p /= 2;
  while (p * 2 <= m && p * 2 < Infinity) p *= 2;
  return p;
}

/** Per column, the largest absolute value. */
export function columnMaxAbs(X: Matrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const max = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const a = Math.abs(data[o + j]);
      if (a > max[j]) max[j] = a;
    }
  }
  return max;
}

/**
 * Per column, the power of two to divide it by before squaring: 1 for an ordinary column (or one of
 * zeros), else the power of two at or below its largest |x|. Null when every column is ordinary, so
 * callers keep their plain loops.
 */
export function columnUnits(X: Matrix): Float64Array | null {
  const max = columnMaxAbs(X);
  let units: Float64Array | null = null;
  for (let j = 0; j < max.length; j++) {
    const m = max[j];
    if (m > ORDINARY_MAX || (m > 0 && m < ORDINARY_MIN)) {
      units ??= new Float64Array(max.length).fill(1);
      units[j] = powerOfTwoAtOrBelow(m);
    }
  }
  return units;
}

/**
 * The largest |x| that k-means on X can take in X's own units: a squared distance sums cols terms of
 * up to (2|x|)², and the inertia (and each column's variance) sums rows of them.
 */
export function distanceLimit(rows: number, cols: number): number {
  return Math.sqrt(Number.MAX_VALUE / (4 * Math.max(1, rows) * Math.max(1, cols)));
}

export type MagnitudeProblem =
  | {
      /** Values beyond `limit`: squared distances in X's units would overflow. */
      kind: "large";
      /** Row-major positions in X of the first few such values. */
      indices: number[];
      limit: number;
    }
  | {
      /** Every value is below `limit` (and not all are 0): squared distances would underflow. */
      kind: "small";
      /** Row-major position of the largest |x|. */
      indices: number[];
      limit: number;
    };

/**
 * Why X cannot be clustered in its own units (no scaling), or null when it can. At most `examples`
 * positions are listed.
 */
export function magnitudeProblem(X: Matrix, examples = 3): MagnitudeProblem | null {
  const limit = distanceLimit(X.rows, X.cols);
  const data = X.data;
  const large: number[] = [];
  let largest = 0;
  let at = -1;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > limit && large.length < examples) large.push(i);
    if (a > largest) {
      largest = a;
      at = i;
    }
  }
  if (large.length > 0) return { kind: "large", indices: large, limit };
  if (at >= 0 && largest < ORDINARY_MIN) return { kind: "small", indices: [at], limit: ORDINARY_MIN };
  return null;
}

/** A number as Excel's formula bar shows it: 15 significant digits, "3E+200" rather than "3e+200". */
export function excelNumber(v: number): string {
  return String(Number(v.toPrecision(15))).replace("e", "E");
}
