import { EngineError } from "./errors";

/**
 * Maps arbitrary integer labels to 0..m-1 in sorted order, as scikit-learn's LabelEncoder does, and
 * checks the count the cluster-validity indices need: 2 <= m <= n - 1.
 */
export function encodeLabels(
  labels: ArrayLike<number>,
  n: number,
): { codes: Int32Array; counts: Float64Array } {
  if (labels.length !== n) {
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${n} rows`);
  }
  const distinct = Array.from(new Set(Array.from(labels))).sort((a, b) => a - b);
  const m = distinct.length;
  if (m < 2 || m > n - 1) {
    throw new EngineError(
      "BAD_LABELS",
      `Number of labels is ${m}. Valid values are 2 to n_samples - 1 (inclusive), here 2 to ${n - 1}`,
    );
  }
  const index = new Map<number, number>();
  distinct.forEach((v, i) => index.set(v, i));
  const codes = new Int32Array(n);
  const counts = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const c = index.get(labels[i])!;
    codes[i] = c;
    counts[c] += 1;
  }
  return { codes, counts };
}

/** Per-cluster means of X's rows under 0-based codes. */
export function clusterMeans(
  data: Float64Array,
  n: number,
  d: number,
  codes: Int32Array,
  counts: Float64Array,
): Float64Array {
  const m = counts.length;
  const means = new Float64Array(m * d);
  for (let i = 0; i < n; i++) {
    const o = codes[i] * d;
    for (let j = 0; j < d; j++) means[o + j] += data[i * d + j];
  }
  for (let c = 0; c < m; c++) for (let j = 0; j < d; j++) means[c * d + j] /= counts[c];
  return means;
}
