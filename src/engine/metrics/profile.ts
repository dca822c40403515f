import { EngineError } from "../core/errors";
import { columnUnits } from "../core/magnitude";
import { assertValidMatrix, sqDistRows, type Matrix } from "../core/matrix";

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
  /**
   * Sum of squared distances of the cluster's rows: to its centre in the clustering's space when one was
   * given (the cluster's share of the inertia: the k of them add up to it), else to its mean in X's units.
   */
  withinSS: number;
};

/** The space a clustering ran in: its rows (scaled) and centres, k × d. */
export type ClusteringSpace = { X: Matrix; centers: Matrix };

/**
 * Per-cluster size, share, mean, spread and within-cluster sum of squares of X (normally the data in
 * its original units). Rows labelled -1 (left out of clustering) are skipped. With `space`, withinSS is
 * measured there, from each row to its cluster's centre, as the inertia is; the results sheet shows it
 * beside the inertia, so the two must be in one space.
 */
export function clusterProfile(
  X: Matrix,
  labels: ArrayLike<number>,
  k: number,
  space?: ClusteringSpace,
): ClusterStats[] {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  if (labels.length !== n)
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${n} rows`);
  if (!Number.isInteger(k) || k < 1) throw new EngineError("BAD_K", `k=${k} should be an integer >= 1`);
  if (space && (space.X.rows !== n || space.centers.rows !== k || space.centers.cols !== space.X.cols)) {
    throw new EngineError(
      "BAD_SHAPE",
      `the clustering space has ${space.X.rows} rows and ${space.centers.rows}x${space.centers.cols} centers; expected ${n} rows and ${k} centers of ${space.X.cols} columns`,
    );
  }
  // Sums and squares are taken in each column's unit (core/magnitude.ts): 1 for ordinary columns, so their
  // numbers are as before; a power of two for columns of huge or tiny values, whose squares would leave
  // float64's range.
  const units = columnUnits(X);
  const at = (o: number, j: number) => (units ? data[o + j] / units[j] : data[o + j]);
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
      sum[c * d + j] += at(i * d, j);
      if (v < min[c * d + j]) min[c * d + j] = v;
      if (v > max[c * d + j]) max[c * d + j] = v;
    }
  }
  const meanU = sum.map((s, idx) => s / size[Math.floor(idx / d)]);
  const sq = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c === -1) continue;
    for (let j = 0; j < d; j++) {
      const t = at(i * d, j) - meanU[c * d + j];
      sq[c * d + j] += t * t;
    }
  }
  const inUnits = (a: Float64Array, power: number) =>
    units ? a.map((v, idx) => v * units[idx % d] ** power) : a;
  const mean = inUnits(meanU, 1);
  const sqX = inUnits(sq, 2);
  const inSpace = space ? withinSS(space, labels, k) : null;
  const out: ClusterStats[] = [];
  for (let c = 0; c < k; c++) {
    const sl = (a: Float64Array) => a.slice(c * d, (c + 1) * d);
    let wss = 0;
    for (let j = 0; j < d; j++) wss += sqX[c * d + j];
    out.push({
      cluster: c,
      size: size[c],
      share: labelled > 0 ? size[c] / labelled : 0,
      mean: sl(mean),
      std: inUnits(
        sl(sq).map((v) => Math.sqrt(v / size[c])),
        1,
      ),
      min: sl(min),
      max: sl(max),
      withinSS: inSpace ? inSpace[c] : wss,
    });
  }
  return out;
}

/** Per cluster, the summed squared distance of its rows to its centre: the inertia, cluster by cluster. */
function withinSS({ X, centers }: ClusteringSpace, labels: ArrayLike<number>, k: number): Float64Array {
  const d = X.cols;
  const out = new Float64Array(k);
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i];
    if (c === -1) continue;
    out[c] += sqDistRows(X.data, i * d, centers.data, c * d, d);
  }
  return out;
}
