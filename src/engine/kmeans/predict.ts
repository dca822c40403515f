import { EngineError } from "../core/errors";
import { distanceLimit } from "../core/magnitude";
import { assertValidMatrix, sqDistRows, type Matrix } from "../core/matrix";

function checkCenters(X: Matrix, centers: Matrix): void {
  assertValidMatrix(X);
  assertValidMatrix(centers, "centers");
  if (centers.cols !== X.cols) {
    throw new EngineError("BAD_SHAPE", `X has ${X.cols} features, but centers have ${centers.cols}`);
  }
  // A squared distance of values this large is Infinity for every centre, and the nearest would be a tie.
  const limit = distanceLimit(1, X.cols);
  for (const [M, name] of [
    [X, "X"],
    [centers, "centers"],
  ] as const) {
    const i = M.data.findIndex((v) => Math.abs(v) > limit);
    if (i >= 0) {
      throw new EngineError(
        "OUT_OF_RANGE",
        `${name} contains ${M.data[i]} at row ${Math.floor(i / M.cols)}, column ${i % M.cols}: squared distances of values above ${limit.toPrecision(3)} overflow float64; scale the data first`,
      );
    }
  }
}

/** Index of the nearest centre for each row (the first one on ties), as KMeans.predict. */
export function predict(X: Matrix, centers: Matrix): Int32Array {
  checkCenters(X, centers);
  const { rows: n, cols: d, data } = X;
  const k = centers.rows;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = sqDistRows(data, i * d, centers.data, 0, d);
    for (let c = 1; c < k; c++) {
      const v = sqDistRows(data, i * d, centers.data, c * d, d);
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Euclidean (not squared) distance of every row to every centre, n × k, as KMeans.transform. */
export function transform(X: Matrix, centers: Matrix): Matrix {
  checkCenters(X, centers);
  const { rows: n, cols: d, data } = X;
  const k = centers.rows;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) out[i * k + c] = Math.sqrt(sqDistRows(data, i * d, centers.data, c * d, d));
  }
  return { data: out, rows: n, cols: k };
}
