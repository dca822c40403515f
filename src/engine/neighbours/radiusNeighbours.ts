import type { Matrix } from "../core/matrix";
import { buildKdTree, neighboursWithin } from "./kdTree";

/** Compressed rows: row i's neighbours are indices[offsets[i]] to indices[offsets[i + 1] - 1], ascending. */
export type Neighbourhoods = { offsets: Int32Array; indices: Int32Array };

/**
 * Every row's neighbours within eps (itself included), as scikit-learn's
 * NearestNeighbors(radius=eps).radius_neighbors(X) finds them but sorted by row index: scikit-learn lists
 * them in its tree's order, which nothing downstream depends on. Memory is O(rows + neighbours).
 */
export function radiusNeighbours(X: Matrix, eps: number): Neighbourhoods {
  const n = X.rows;
  const tree = buildKdTree(X);
  const eps2 = eps * eps;
  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) position[tree.order[p]] = p;
  const buf = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  let indices = new Int32Array(Math.max(16, n));
  let used = 0;
  for (let i = 0; i < n; i++) {
    const count = neighboursWithin(tree, position[i], eps2, n, buf);
    if (used + count > indices.length) {
      const grown = new Int32Array(Math.max(2 * indices.length, used + count));
      grown.set(indices.subarray(0, used));
      indices = grown;
    }
    for (let c = 0; c < count; c++) indices[used + c] = tree.order[buf[c]];
    indices.subarray(used, used + count).sort();
    used += count;
    offsets[i + 1] = used;
  }
  return { offsets, indices: indices.slice(0, used) };
}
