import { assertValidMatrix, columnMeansAndVariances, sqDistRows, type Matrix } from "../core/matrix";
import { clusterMeans, encodeLabels } from "../core/labels";

/** Calinski-Harabasz: between-cluster over within-cluster dispersion, scaled by degrees of freedom. */
export function calinskiHarabasz(X: Matrix, labels: ArrayLike<number>): number {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  const { codes, counts } = encodeLabels(labels, n);
  const m = counts.length;
  const { mean } = columnMeansAndVariances(X);
  const means = clusterMeans(data, n, d, codes, counts);
  let extra = 0;
  for (let c = 0; c < m; c++) extra += counts[c] * sqDistRows(means, c * d, mean, 0, d);
  let intra = 0;
  for (let i = 0; i < n; i++) intra += sqDistRows(data, i * d, means, codes[i] * d, d);
  return intra === 0 ? 1 : (extra * (n - m)) / (intra * (m - 1));
}

/** Davies-Bouldin: mean over clusters of the worst (scatter_i + scatter_j) / centroid distance ratio. */
export function daviesBouldin(X: Matrix, labels: ArrayLike<number>): number {
  assertValidMatrix(X);
  const { rows: n, cols: d, data } = X;
  const { codes, counts } = encodeLabels(labels, n);
  const m = counts.length;
  const means = clusterMeans(data, n, d, codes, counts);
  const scatter = new Float64Array(m);
  for (let i = 0; i < n; i++) scatter[codes[i]] += Math.sqrt(sqDistRows(data, i * d, means, codes[i] * d, d));
  for (let c = 0; c < m; c++) scatter[c] /= counts[c];
  const centreDist = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++) centreDist[a * m + b] = Math.sqrt(sqDistRows(means, a * d, means, b * d, d));
  // scikit-learn returns 0 when all scatters or all centroid distances are (close to) zero.
  if (allClose(scatter) || allClose(centreDist)) return 0;
  let total = 0;
  for (let a = 0; a < m; a++) {
    let worst = -Infinity;
    for (let b = 0; b < m; b++) {
      const dist = centreDist[a * m + b];
      const r = (scatter[a] + scatter[b]) / (dist === 0 ? Infinity : dist);
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / m;
}

/** numpy.allclose(a, 0): |a| <= 1e-8. */
function allClose(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > 1e-8) return false;
  return true;
}
