import { EngineError } from "../core/errors";
import { assertValidMatrix, type Matrix } from "../core/matrix";
import { fSurvival } from "../core/special";

/** One-way ANOVA of every column across the clusters: one entry per column. */
export type Anova = {
  /** F = (between-cluster SS / (g - 1)) / (within-cluster SS / (n - g)), g the clusters present. */
  f: Float64Array;
  /** P(F(g - 1, n - g) > f): the chance of an F this large if the clusters' means were equal. */
  p: Float64Array;
  /** Between-cluster SS / total SS: the share of the column's variance the clusters explain. */
  etaSquared: Float64Array;
};

/**
 * scikit-learn's `f_classif(X, labels)` (scipy's `f_oneway` per column), plus η². Rows labelled -1 (DBSCAN's
 * noise) are left out; the groups are the labels present, as np.unique(y) gives them. Sums of squares are
 * taken about the means (two passes), not as Σx² - (Σx)²/n, so a column of large values with a small spread
 * keeps its digits. Where a column does not vary within the clusters, F is +∞ and p 0 if it varies between
 * them, and F, p and η² are NaN if it does not vary at all (scipy gives the same, with a warning).
 */
export function anova(X: Matrix, labels: ArrayLike<number>): Anova {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  if (labels.length !== n)
    throw new EngineError("BAD_LABELS", `labels has ${labels.length} entries but X has ${n} rows`);
  const group = new Map<number, number>();
  let used = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c === -1) continue;
    if (!Number.isInteger(c) || c < 0)
      throw new EngineError(
        "BAD_LABELS",
        `label ${c} at row ${i} is not a cluster (0, 1, …) or -1 for noise`,
      );
    if (!group.has(c)) group.set(c, group.size);
    used++;
  }
  const g = group.size;
  if (g < 2 || used <= g) {
    throw new EngineError(
      "TOO_FEW_SAMPLES",
      `ANOVA needs at least 2 clusters and more rows than clusters; got ${g} clusters in ${used} rows`,
    );
  }
  const size = new Float64Array(g);
  const sums = new Float64Array(g * d);
  const total = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    if (labels[i] === -1) continue;
    const c = group.get(labels[i])!;
    size[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += data[i * d + j];
  }
  for (let c = 0; c < g; c++) for (let j = 0; j < d; j++) total[j] += sums[c * d + j];
  const grand = total.map((s) => s / used);
  const means = sums.map((s, idx) => s / size[Math.floor(idx / d)]);
  const within = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    if (labels[i] === -1) continue;
    const c = group.get(labels[i])!;
    for (let j = 0; j < d; j++) {
      const t = data[i * d + j] - means[c * d + j];
      within[j] += t * t;
    }
  }
  const between = new Float64Array(d);
  for (let c = 0; c < g; c++) {
    for (let j = 0; j < d; j++) {
      const t = means[c * d + j] - grand[j];
      between[j] += size[c] * t * t;
    }
  }
  const dfB = g - 1;
  const dfW = used - g;
  const f = new Float64Array(d);
  const p = new Float64Array(d);
  const etaSquared = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const sst = between[j] + within[j];
    if (!(sst > 0)) {
      f[j] = p[j] = etaSquared[j] = NaN;
      continue;
    }
    f[j] = within[j] > 0 ? between[j] / dfB / (within[j] / dfW) : Infinity;
    p[j] = fSurvival(f[j], dfB, dfW);
    etaSquared[j] = between[j] / sst;
  }
  return { f, p, etaSquared };
}
