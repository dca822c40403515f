import { EngineError } from "../core/errors";
import { assertValidMatrix, type Matrix } from "../core/matrix";
import {
  buildKdTree,
  INSIDE,
  isWithin,
  neighboursWithin,
  nodeReach,
  OUTSIDE,
  PARTLY,
} from "../neighbours/kdTree";

export type DbscanOptions = {
  /** Neighbourhood radius: rows at distance <= eps are neighbours. */
  eps: number;
  /** Neighbours (the row itself included) a row needs to be a core sample. */
  minSamples: number;
  metric?: "euclidean";
};

export type DbscanResult = {
  /** Cluster of each row, 0, 1, ... in scikit-learn's order; -1 for noise. */
  labels: Int32Array;
  /** Rows that are core samples, ascending. */
  coreSampleIndices: Int32Array;
  nClusters: number;
  nNoise: number;
};

/**
 * scikit-learn's DBSCAN(eps, min_samples).fit(X): the same core samples and the same labels, number for
 * number.
 *
 * scikit-learn labels by a depth-first walk (`_dbscan_inner`): rows in index order, a new cluster at each
 * unlabelled core row, expanding only through core rows, with a border row taking the label of whichever
 * walk reaches it first. Each walk runs to the end before the next starts, and it labels everything
 * reachable from its start whatever order the neighbourhoods list their rows in (radius_neighbors gives
 * k-d tree order, not index order). So the labels depend only on who neighbours whom:
 *   - the clusters are the connected components of core rows, numbered by their smallest row index;
 *   - a border row (not core, with a core neighbour) takes the smallest number among its core
 *     neighbours' clusters;
 *   - every other row is noise (-1).
 * That is what is computed here, with union-find over the core rows instead of a walk.
 *
 * Neighbours are decided as scikit-learn's tree decides them in its leaves: the squared differences
 * summed in column order, compared with eps * eps (a tie at exactly eps is a neighbour). Where
 * scikit-learn can still differ:
 *   - its tree takes a whole node when the square root of the node's farthest bound is <= eps, which can
 *     admit a row whose sum is an ulp or so over eps * eps (only for a distance within rounding of eps);
 *   - with fewer than 12 rows, algorithm="auto" is brute force, which computes |a|^2 - 2 a.b + |b|^2;
 *     its error grows with the rows' size, not eps: (1e8, 0) and (1e8 + 0.3, 0) are neighbours at
 *     eps 0.2 there, and not here or in scikit-learn's own k-d tree.
 * Integer data, or any whose differences and squares are exact, agrees at exactly eps as well.
 */
export function dbscan(X: Matrix, options: DbscanOptions): DbscanResult {
  const { eps, minSamples } = validate(X, options);
  const n = X.rows;
  const d = X.cols;
  const tree = buildKdTree(X);
  const { order, points, start, end, firstLeaf, stack } = tree;
  const eps2 = eps * eps;

  // By tree position from here on. A count can stop as soon as the row is known to be core; a row that
  // is not core has fewer than minSamples neighbours, all found, and they are kept for its label.
  const core = new Uint8Array(n);
  const few = new Int32Array(n + 1);
  let fewRows = new Int32Array(Math.max(16, n));
  let used = 0;
  const buf = new Int32Array(Math.min(minSamples, n));
  for (let p = 0; p < n; p++) {
    const count = neighboursWithin(tree, p, eps2, minSamples, buf);
    if (count >= minSamples) {
      core[p] = 1;
    } else {
      if (used + count > fewRows.length) {
        const grown = new Int32Array(Math.max(2 * fewRows.length, used + count));
        grown.set(fewRows.subarray(0, used));
        fewRows = grown;
      }
      fewRows.set(buf.subarray(0, count), used);
      used += count;
    }
    few[p + 1] = used;
  }

  // Core rows per node, so the walks below skip subtrees that hold none.
  const nodes = start.length;
  const coresIn = new Int32Array(nodes);
  for (let node = nodes - 1; node >= 0; node--) {
    if (node >= firstLeaf) {
      let c = 0;
      for (let q = start[node]; q < end[node]; q++) c += core[q];
      coresIn[node] = c;
    } else {
      coresIn[node] = coresIn[2 * node + 1] + coresIn[2 * node + 2];
    }
  }

  // Union-find over core rows; each pair is looked at once, from its earlier position.
  const parent = new Int32Array(n);
  for (let p = 0; p < n; p++) parent[p] = p;
  const find = (p: number): number => {
    while (parent[p] !== p) {
      parent[p] = parent[parent[p]];
      p = parent[p];
    }
    return p;
  };
  for (let p = 0; p < n; p++) {
    if (!core[p]) continue;
    const po = p * d;
    const root = find(p);
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      const e = end[node];
      if (e <= p + 1 || coresIn[node] === 0) continue;
      const reach = nodeReach(tree, node, po, eps2);
      if (reach === OUTSIDE) continue;
      if (reach === PARTLY && node < firstLeaf) {
        stack[top++] = 2 * node + 2;
        stack[top++] = 2 * node + 1;
        continue;
      }
      for (let q = start[node] > p ? start[node] : p + 1; q < e; q++) {
        if (!core[q]) continue;
        // Already joined: no distance needed. Keeping root the root makes the link below one write.
        const r = find(q);
        if (r === root) continue;
        if (reach === INSIDE || isWithin(points, po, q * d, d, eps2)) parent[r] = root;
      }
    }
  }

  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) position[order[p]] = p;
  const labels = new Int32Array(n).fill(-1);
  const clusterOfRoot = new Int32Array(n).fill(-1);
  let nClusters = 0;
  let nCore = 0;
  for (let i = 0; i < n; i++) {
    const p = position[i];
    if (!core[p]) continue;
    nCore++;
    const r = find(p);
    if (clusterOfRoot[r] < 0) clusterOfRoot[r] = nClusters++;
    labels[i] = clusterOfRoot[r];
  }

  let nNoise = 0;
  for (let p = 0; p < n; p++) {
    if (core[p]) continue;
    let best = -1;
    for (let c = few[p]; c < few[p + 1]; c++) {
      const q = fewRows[c];
      if (!core[q]) continue;
      const l = clusterOfRoot[find(q)];
      if (best < 0 || l < best) best = l;
    }
    labels[order[p]] = best;
    if (best < 0) nNoise++;
  }

  const coreSampleIndices = new Int32Array(nCore);
  for (let i = 0, c = 0; i < n; i++) if (core[position[i]]) coreSampleIndices[c++] = i;
  return { labels, coreSampleIndices, nClusters, nNoise };
}

function validate(X: Matrix, options: DbscanOptions): { eps: number; minSamples: number } {
  if (!options || typeof options !== "object") {
    throw new EngineError("BAD_OPTION", "options must be an object with eps and minSamples");
  }
  const { eps, minSamples, metric = "euclidean" } = options;
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps <= 0) {
    throw new EngineError("OUT_OF_RANGE", `eps=${String(eps)} should be a finite number > 0`);
  }
  if (typeof minSamples !== "number" || !Number.isInteger(minSamples) || minSamples < 1) {
    throw new EngineError("OUT_OF_RANGE", `minSamples=${String(minSamples)} should be an integer >= 1`);
  }
  if (metric !== "euclidean") {
    throw new EngineError("BAD_OPTION", `metric=${String(metric)} should be "euclidean"`);
  }
  assertValidMatrix(X);
  return { eps, minSamples };
}
