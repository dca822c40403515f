import { EngineError } from "./errors";
import { assertValidMatrix, columnMeansAndVariances, type Matrix } from "./matrix";

export type ScalingMethod = "standard" | "minmax" | "none";

/**
 * A fitted scaler: x' = (x - offset) / scale per column. Standard: offset = mean, scale = population std.
 * Min-max: offset = column min, scale = range (so the result spans [0, 1]). None: 0 and 1.
 */
export type Scaler = {
  method: ScalingMethod;
  offset: Float64Array;
  scale: Float64Array;
  /** Columns whose variance or range is (numerically) zero; they get scale 1, as scikit-learn does. */
  constantColumns: number[];
  transform(X: Matrix): Matrix;
  inverseTransform(X: Matrix): Matrix;
};

const EPS = 2.220446049250313e-16;

export function fitScaler(X: Matrix, method: ScalingMethod): Scaler {
  assertValidMatrix(X);
  if (method === "standard") return fitStandard(X);
  if (method === "minmax") return fitMinMax(X);
  if (method === "none")
    return makeScaler("none", new Float64Array(X.cols), new Float64Array(X.cols).fill(1), []);
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
  return makeScaler(method, Float64Array.from(offset), Float64Array.from(scale), []);
}

function fitStandard(X: Matrix): Scaler {
  const { mean, variance } = columnMeansAndVariances(X);
  const n = X.rows;
  const scale = new Float64Array(X.cols);
  const constant: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    // scikit-learn's bound for a variance indistinguishable from zero by the two-pass algorithm.
    const bound = n * EPS * variance[j] + (n * mean[j] * EPS) ** 2;
    if (variance[j] <= bound) {
      scale[j] = 1;
      constant.push(j);
    } else {
      scale[j] = Math.sqrt(variance[j]);
    }
  }
  return makeScaler("standard", mean, scale, constant);
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
  const range = new Float64Array(d);
  const constant: number[] = [];
  for (let j = 0; j < d; j++) {
    range[j] = hi[j] - lo[j];
    if (range[j] < 10 * EPS) {
      range[j] = 1;
      constant.push(j);
    }
  }
  return makeScaler("minmax", lo, range, constant);
}

function makeScaler(
  method: ScalingMethod,
  offset: Float64Array,
  scale: Float64Array,
  constantColumns: number[],
): Scaler {
  const d = offset.length;
  // Mirror scikit-learn's operation order exactly: standard divides by the std; min-max multiplies by
  // 1/range and adds -min/range. Both give the same numbers to the last digit as the Python pipeline.
  const mmScale = new Float64Array(d);
  const mmMin = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    mmScale[j] = 1 / scale[j];
    mmMin[j] = 0 - offset[j] * mmScale[j];
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
        out[i + j] =
          method === "minmax" ? src[i + j] * mmScale[j] + mmMin[j] : (src[i + j] - offset[j]) / scale[j];
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
        out[i + j] =
          method === "minmax" ? (src[i + j] - mmMin[j]) / mmScale[j] : src[i + j] * scale[j] + offset[j];
      }
    }
    return { data: out, rows: X.rows, cols: d };
  };
  return { method, offset, scale, constantColumns, transform, inverseTransform };
}
