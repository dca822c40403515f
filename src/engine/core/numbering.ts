import type { Matrix } from "./matrix";

/** How clusters are numbered: as scikit-learn returns them, or by size, largest first. */
export type Numbering = "sklearn" | "size";
export const NUMBERINGS: readonly Numbering[] = ["sklearn", "size"];

/**
 * The new number of each cluster (old → new, 0-based) when numbered by size, largest first; clusters of
 * equal size keep scikit-learn's order between them, so the numbering is a function of the labels alone.
 */
export function sizeOrder(labels: ArrayLike<number>, k: number): Int32Array {
  const size = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) size[labels[i]]++;
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => size[b] - size[a] || a - b);
  const map = new Int32Array(k);
  order.forEach((old, rank) => (map[old] = rank));
  return map;
}

/** The labels renumbered by map (old → new); -1 (noise) stays -1. */
export function renumberLabels(labels: Int32Array, map: Int32Array): Int32Array {
  return labels.map((c) => (c < 0 ? c : map[c]));
}

/** The centres' rows reordered so that row map[c] holds old row c. */
export function renumberRows(m: Matrix, map: Int32Array): Matrix {
  const out = new Float64Array(m.data.length);
  for (let c = 0; c < m.rows; c++) out.set(m.data.subarray(c * m.cols, (c + 1) * m.cols), map[c] * m.cols);
  return { data: out, rows: m.rows, cols: m.cols };
}
