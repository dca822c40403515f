import type { Matrix } from "../core/matrix";

/**
 * A k-d tree over the rows of X, laid out as arrays: node i has children 2i + 1 and 2i + 2, and every node
 * covers one contiguous block of positions, so a whole subtree is a range and no pointers are needed.
 * Row `order[p]` of X sits at position p, and `points` holds the rows in that order: the rows a query
 * reads are then close together in memory.
 *
 * Every distance test is `sum over columns, in column order, of (a_j - b_j)^2 <= eps^2`, the reduced
 * distance scikit-learn's KDTree compares in its leaves. The node bounds only ever skip or take whole
 * nodes when that test would give the same answer for every row in them: the gap (or the far side) per
 * column is a difference of the same kind, float subtraction and squaring are monotonic, and the terms
 * are summed in the same order, so a box's lower bound is never above, and its upper bound never below,
 * any of its rows' sums.
 */
export type KdTree = {
  rows: number;
  cols: number;
  order: Int32Array;
  points: Float64Array;
  /** Node i covers positions start[i] to end[i] - 1. */
  start: Int32Array;
  end: Int32Array;
  /** Each node's bounding box of its rows, nodes × cols. */
  lower: Float64Array;
  upper: Float64Array;
  /** Nodes from this index on are leaves. */
  firstLeaf: number;
  /** Scratch space for the depth-first walks: a query is never re-entered, so one stack serves all. */
  stack: Int32Array;
};

/** Rows per leaf, at least: small enough that leaves prune well in 2-D, large enough to keep the tree shallow. */
export const DEFAULT_LEAF_SIZE = 16;

export function buildKdTree(X: Matrix, leafSize = DEFAULT_LEAF_SIZE): KdTree {
  const { rows: n, cols: d, data } = X;
  // Balanced halving, so every leaf holds between leafSize and 2 * leafSize rows (fewer only when n is).
  const levels = n <= leafSize ? 1 : 1 + Math.floor(Math.log2((n - 1) / leafSize));
  const nodes = 2 ** levels - 1;
  const firstLeaf = 2 ** (levels - 1) - 1;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const start = new Int32Array(nodes);
  const end = new Int32Array(nodes);
  const lower = new Float64Array(nodes * d);
  const upper = new Float64Array(nodes * d);
  start[0] = 0;
  end[0] = n;
  // Parents come before children in index order, so one pass fills the tree top-down.
  for (let node = 0; node < nodes; node++) {
    const s = start[node];
    const e = end[node];
    const o = node * d;
    for (let j = 0; j < d; j++) {
      lower[o + j] = Infinity;
      upper[o + j] = -Infinity;
    }
    for (let p = s; p < e; p++) {
      const r = order[p] * d;
      for (let j = 0; j < d; j++) {
        const v = data[r + j];
        if (v < lower[o + j]) lower[o + j] = v;
        if (v > upper[o + j]) upper[o + j] = v;
      }
    }
    if (node >= firstLeaf) continue;
    let dim = 0;
    let spread = -1;
    for (let j = 0; j < d; j++) {
      if (upper[o + j] - lower[o + j] > spread) {
        spread = upper[o + j] - lower[o + j];
        dim = j;
      }
    }
    const mid = s + ((e - s) >> 1);
    selectNth(order, data, d, dim, s, e - 1, mid);
    start[2 * node + 1] = s;
    end[2 * node + 1] = mid;
    start[2 * node + 2] = mid;
    end[2 * node + 2] = e;
  }
  const points = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    const r = order[p] * d;
    for (let j = 0; j < d; j++) points[p * d + j] = data[r + j];
  }
  return {
    rows: n,
    cols: d,
    order,
    points,
    start,
    end,
    lower,
    upper,
    firstLeaf,
    stack: new Int32Array(levels + 2),
  };
}

/** Reorders idx[lo..hi] so idx[nth] holds the row with the nth smallest value in column dim, smaller ones before. */
function selectNth(
  idx: Int32Array,
  data: Float64Array,
  d: number,
  dim: number,
  lo: number,
  hi: number,
  nth: number,
): void {
  while (hi > lo) {
    const a = data[idx[lo] * d + dim];
    const b = data[idx[(lo + hi) >> 1] * d + dim];
    const c = data[idx[hi] * d + dim];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (data[idx[i] * d + dim] < pivot) i++;
      while (data[idx[j] * d + dim] > pivot) j--;
      if (i <= j) {
        const t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        i++;
        j--;
      }
    }
    // Now idx[lo..j] <= pivot <= idx[i..hi], and anything between equals the pivot.
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/** What a node's box says about the rows in it, for the row at offset po of points and radius eps. */
export const OUTSIDE = 0;
export const PARTLY = 1;
export const INSIDE = 2;

/** OUTSIDE: no row of the node is within eps; INSIDE: every row is; PARTLY: the rows must be tested. */
export function nodeReach(tree: KdTree, node: number, po: number, eps2: number): number {
  const { points, lower, upper, cols: d } = tree;
  const o = node * d;
  // The near side first, stopping once it is out of reach: most nodes a walk meets are.
  let lb = 0;
  for (let j = 0; j < d; j++) {
    const x = points[po + j];
    const g = x < lower[o + j] ? lower[o + j] - x : x > upper[o + j] ? x - upper[o + j] : 0;
    lb += g * g;
    if (lb > eps2) return OUTSIDE;
  }
  let ub = 0;
  for (let j = 0; j < d; j++) {
    const x = points[po + j];
    const a = x - lower[o + j];
    const b = upper[o + j] - x;
    const f = a > b ? a : b;
    ub += f * f;
    if (ub > eps2) return PARTLY;
  }
  return INSIDE;
}

/**
 * Whether rows at offsets po and qo of points are within eps: the sum of squares in column order, which
 * can stop early because the partial sums only grow.
 */
export function isWithin(points: Float64Array, po: number, qo: number, d: number, eps2: number): boolean {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const t = points[po + j] - points[qo + j];
    sum += t * t;
    if (sum > eps2) return false;
  }
  return true;
}

/**
 * Writes into `out` the positions of the rows within eps of the row at position p, itself included, and
 * returns how many; stops as soon as `limit` are found (so `out` needs room for min(limit, rows)).
 * The subtree holding p is searched first, where the nearest rows are, so a count that only has to reach
 * the limit usually stops in p's own leaf.
 */
export function neighboursWithin(
  tree: KdTree,
  p: number,
  eps2: number,
  limit: number,
  out: Int32Array,
): number {
  const { points, start, end, firstLeaf, stack, cols: d } = tree;
  const po = p * d;
  let count = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    const reach = nodeReach(tree, node, po, eps2);
    if (reach === OUTSIDE) continue;
    if (reach === INSIDE) {
      for (let q = start[node], e = end[node]; q < e; q++) {
        out[count++] = q;
        if (count >= limit) return count;
      }
    } else if (node >= firstLeaf) {
      for (let q = start[node], e = end[node]; q < e; q++) {
        if (isWithin(points, po, q * d, d, eps2)) {
          out[count++] = q;
          if (count >= limit) return count;
        }
      }
    } else {
      const left = 2 * node + 1;
      const pLeft = p < end[left];
      stack[top++] = pLeft ? left + 1 : left;
      stack[top++] = pLeft ? left : left + 1;
    }
  }
  return count;
}

/**
 * The k smallest squared distances from the row at position p to all rows (itself, at 0, included),
 * in `heap` (length k) as a max-heap: heap[0] is the kth smallest. Requires 1 <= k <= rows.
 */
export function kNearestSquared(tree: KdTree, p: number, heap: Float64Array): void {
  const { points, start, end, lower, upper, firstLeaf, stack, cols: d } = tree;
  const k = heap.length;
  heap.fill(Infinity);
  const po = p * d;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    const o = node * d;
    let lb = 0;
    for (let j = 0; j < d; j++) {
      const x = points[po + j];
      const g = x < lower[o + j] ? lower[o + j] - x : x > upper[o + j] ? x - upper[o + j] : 0;
      lb += g * g;
    }
    if (lb > heap[0]) continue;
    if (node >= firstLeaf) {
      for (let q = start[node], e = end[node]; q < e; q++) {
        const qo = q * d;
        let sum = 0;
        for (let j = 0; j < d; j++) {
          const t = points[po + j] - points[qo + j];
          sum += t * t;
        }
        if (sum < heap[0]) replaceTop(heap, k, sum);
      }
    } else {
      // The child holding p goes on top: its rows are the nearest, so the heap tightens before the
      // other side is tried.
      const left = 2 * node + 1;
      const pLeft = p < end[left];
      stack[top++] = pLeft ? left + 1 : left;
      stack[top++] = pLeft ? left : left + 1;
    }
  }
}

function replaceTop(heap: Float64Array, k: number, v: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= k) break;
    const r = l + 1;
    const c = r < k && heap[r] > heap[l] ? r : l;
    if (heap[c] <= v) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = v;
}
