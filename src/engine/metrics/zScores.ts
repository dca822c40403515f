import { EngineError } from "../core/errors";
import { assertValidMatrix, type Matrix } from "../core/matrix";

/**
 * k × d: how far each cluster's mean sits from the overall mean of the clustered rows, in the column's
 * population standard deviation (ddof 0, as StandardScaler divides by). With standard scaling these are the
 * k-means centres themselves. Rows labelled -1 (noise) count in neither; a constant column gives 0s, a
 * cluster with no rows NaNs.
 */
export function clusterZScores(X: Matrix, labels: ArrayLike<number>, k: number): Matrix {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  if (labels.length !== n)
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${n} rows`);
  const size = new Float64Array(k);
  const sums = new Float64Array(k * d);
  let used = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c === -1) continue;
    if (!Number.isInteger(c) || c < 0 || c >= k)
      throw new EngineError("BAD_LABELS", `label ${c} at row ${i} is outside 0..${k - 1} (or -1 for noise)`);
    used++;
    size[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j];
  }
  const mean = new Float64Array(d);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) mean[j] += sums[c * d + j];
  for (let j = 0; j < d; j++) mean[j] /= used;
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    if (labels[i] === -1) continue;
    for (let j = 0; j < d; j++) {
      const t = data[i * d + j] - mean[j];
      sq[j] += t * t;
    }
  }
  const out = new Float64Array(k * d);
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(sq[j] / used);
    for (let c = 0; c < k; c++) {
      const m = sums[c * d + j] / size[c];
      out[c * d + j] = size[c] === 0 ? NaN : sd > 0 ? (m - mean[j]) / sd : 0;
    }
  }
  return { data: out, rows: k, cols: d };
}
