import { EngineError } from "./errors";
import { columnUnits, ORDINARY_MAX, ORDINARY_MIN, powerOfTwoAtOrBelow } from "./magnitude";
import { assertValidMatrix, columnMeansAndVariances, type Matrix } from "./matrix";

export type ScalingMethod = "standard" | "minmax" | "none";
export const SCALING_METHODS: readonly ScalingMethod[] = ["standard", "minmax", "none"];

/**
 * A fitted scaler: x' = (x - offset) / scale per column. Standard: offset = mean, scale = population std.
 * Min-max: offset = column min, scale = range (so the result spans [0, 1]). None: 0 and 1.
 */
export type Scaler = {
  method: ScalingMethod;
  offset: Float64Array;
  scale: Float64Array;
  /**
   * Columns whose variance or range is (numerically) zero; they get scale 1, as scikit-learn does (1 in
   * the column's unit for a column worked on divided by a power of two, see magnitude.ts).
   */
  constantColumns: number[];
  transform(X: Matrix): Matrix;
  inverseTransform(X: Matrix): Matrix;
};

const EPS = 2.220446049250313e-16;

/**
 * Columns whose largest |x| is beyond 1e150 or below 1e-150 are fitted and transformed divided by a power
 * of two (magnitude.ts), so a variance of [1e-200, 2e-200, 3e-200] does not underflow to 0 (the column
 * called constant) and one of [1e200, -1e200] does not overflow to Infinity (the output NaN). Dividing by
 * a power of two is exact, so those columns get what exact arithmetic would give, their constant-column
 * tests taken where their largest |x| is between 1 and 2; ordinary columns (unit 1) get exactly what they
 * got before: scikit-learn's numbers, bounds included.
 */
export function fitScaler(X: Matrix, method: ScalingMethod): Scaler {
  assertValidMatrix(X);
  if (method === "standard") return fitStandard(X);
  if (method === "minmax") return fitMinMax(X);
  if (method === "none")
    return makeScaler("none", new Float64Array(X.cols), new Float64Array(X.cols).fill(1), [], null);
  throw new EngineError("BAD_OPTION", `scaling=${String(method)} should be "standard", "minmax" or "none"`);
}

/** Rebuilds a scaler from stored parameters (a scaling reference kept in a sheet, say). */
export function scalerFromParams(
  method: ScalingMethod,
  offset: ArrayLike<number>,
  scale: ArrayLike<number>,
): Scaler {
  if (offset.length !== scale.length) {
    throw new EngineError("BAD_SHAPE", `offset has ${offset.length} values but scale has ${scale.length}`);
  }
  // The same units the fit would have used, from the parameters' own size: an ordinary column keeps 1.
  const d = offset.length;
  let units: Float64Array | null = null;
  for (let j = 0; j < d; j++) {
    const m = Math.max(Math.abs(offset[j]), Math.abs(scale[j]));
    if (Number.isFinite(m) && (m > ORDINARY_MAX || (m > 0 && m < ORDINARY_MIN))) {
      units ??= new Float64Array(d).fill(1);
      units[j] = powerOfTwoAtOrBelow(m);
    }
  }
  const offsetU = Float64Array.from(offset, (v, j) => (units ? v / units[j] : v));
  const scaleU = Float64Array.from(scale, (v, j) => (units ? v / units[j] : v));
  return makeScaler(method, offsetU, scaleU, [], units);
}

function fitStandard(X: Matrix): Scaler {
  const units = columnUnits(X);
  const { mean, variance } = columnMeansAndVariances(X, units ?? undefined);
  const n = X.rows;
  const scale = new Float64Array(X.cols);
  const constant: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    // scikit-learn's bound for a variance indistinguishable from zero by the two-pass algorithm. It scales
    // as the values squared, so in a column's unit it is the same test, without the underflow.
    const bound = n * EPS * variance[j] + (n * mean[j] * EPS) ** 2;
    if (variance[j] <= bound) {
      scale[j] = 1;
      constant.push(j);
    } else {
      scale[j] = Math.sqrt(variance[j]);
    }
  }
  return makeScaler("standard", mean, scale, constant, units);
}

function fitMinMax(X: Matrix): Scaler {
  const { rows: n, cols: d, data } = X;
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  // hi - lo overflows for values near ±1e308 of both signs, and 10 * EPS would call every column of tiny
  // values constant: both are taken in the column's unit (exact), where neither happens.
  const units = columnUnits(X);
  const range = new Float64Array(d);
  const constant: number[] = [];
  for (let j = 0; j < d; j++) {
    if (units) {
      lo[j] /= units[j];
      hi[j] /= units[j];
    }
    range[j] = hi[j] - lo[j];
    if (range[j] < 10 * EPS) {
      range[j] = 1;
      constant.push(j);
    }
  }
  return makeScaler("minmax", lo, range, constant, units);
}

/**
 * offset and scale are in each column's unit (the plain values where units is null); the scaler works in
 * them and reports them times the unit.
 */
function makeScaler(
  method: ScalingMethod,
  offsetU: Float64Array,
  scaleU: Float64Array,
  constantColumns: number[],
  units: Float64Array | null,
): Scaler {
  const d = offsetU.length;
  // Mirror scikit-learn's operation order exactly: standard divides by the std; min-max multiplies by
  // 1/range and adds -min/range. Both give the same numbers to the last digit as the Python pipeline.
  const mmScale = new Float64Array(d);
  const mmMin = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    mmScale[j] = 1 / scaleU[j];
    mmMin[j] = 0 - offsetU[j] * mmScale[j];
  }
  const checkCols = (X: Matrix) => {
    if (X.cols !== d) {
      throw new EngineError("BAD_SHAPE", `X has ${X.cols} columns but the scaler was fitted on ${d}`);
    }
  };
  const transform = (X: Matrix): Matrix => {
    checkCols(X);
    const out = new Float64Array(X.data.length);
    const src = X.data;
    for (let i = 0; i < src.length; i += d) {
      for (let j = 0; j < d; j++) {
        // x / 1 is x: with no units this is scikit-learn's arithmetic, operation for operation.
        const x = units ? src[i + j] / units[j] : src[i + j];
        out[i + j] = method === "minmax" ? x * mmScale[j] + mmMin[j] : (x - offsetU[j]) / scaleU[j];
      }
    }
    return { data: out, rows: X.rows, cols: d };
  };
  const inverseTransform = (X: Matrix): Matrix => {
    checkCols(X);
    const out = new Float64Array(X.data.length);
    const src = X.data;
    for (let i = 0; i < src.length; i += d) {
      for (let j = 0; j < d; j++) {
        const x =
          method === "minmax" ? (src[i + j] - mmMin[j]) / mmScale[j] : src[i + j] * scaleU[j] + offsetU[j];
        out[i + j] = units ? x * units[j] : x;
      }
    }
    return { data: out, rows: X.rows, cols: d };
  };
  const inUnits = (a: Float64Array) => (units ? a.map((v, j) => v * units[j]) : a);
  return {
    method,
    offset: inUnits(offsetU),
    scale: inUnits(scaleU),
    constantColumns,
    transform,
    inverseTransform,
  };
}
