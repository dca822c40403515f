import { EngineError } from "./errors";
import { assertValidMatrix, type Matrix } from "./matrix";

export type ClusterStats = {
  /** 0-based cluster id. */
  cluster: number;
  size: number;
  /** size / number of labelled rows. */
  share: number;
  mean: Float64Array;
  /** Population standard deviation of each column within the cluster. */
  std: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Sum of squared distances of the cluster's rows to its mean, in X's units. */
  withinSS: number;
};

/**
 * Per-cluster size, share, mean, spread and within-cluster sum of squares of X (normally the data in
 * its original units). Rows labelled -1 (left out of clustering) are skipped.
 */
export function clusterProfile(X: Matrix, labels: ArrayLike<number>, k: number): ClusterStats[] {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  if (labels.length !== n)
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${n} rows`);
  if (!Number.isInteger(k) || k < 1) throw new EngineError("BAD_K", `k=${k} should be an integer >= 1`);
  const size = new Float64Array(k);
  const sum = new Float64Array(k * d);
  const min = new Float64Array(k * d).fill(Infinity);
  const max = new Float64Array(k * d).fill(-Infinity);
  let labelled = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c === -1) continue;
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new EngineError(
        "BAD_LABELS",
        `label ${c} at row ${i} is outside 0..${k - 1} (or -1 for a left-out row)`,
      );
    }
    labelled++;
    size[c]++;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j];
      sum[c * d + j] += v;
      if (v < min[c * d + j]) min[c * d + j] = v;
      if (v > max[c * d + j]) max[c * d + j] = v;
    }
  }
  const mean = sum.map((s, idx) => s / size[Math.floor(idx / d)]);
  const sq = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c === -1) continue;
    for (let j = 0; j < d; j++) {
      const t = data[i * d + j] - mean[c * d + j];
      sq[c * d + j] += t * t;
    }
  }
  const out: ClusterStats[] = [];
  for (let c = 0; c < k; c++) {
    const sl = (a: Float64Array) => a.slice(c * d, (c + 1) * d);
    let wss = 0;
    for (let j = 0; j < d; j++) wss += sq[c * d + j];
    out.push({
      cluster: c,
      size: size[c],
      share: labelled > 0 ? size[c] / labelled : 0,
      mean: sl(mean),
      std: sl(sq).map((v) => Math.sqrt(v / size[c])),
      min: sl(min),
      max: sl(max),
      withinSS: wss,
    });
  }
  return out;
}
