/**
 * The fingerprint of a results sheet's cells, so a later run can tell the add-in's own sheet, unchanged,
 * from one the user wrote on (which is then kept). It is taken from what Excel holds (Range.formulas of the
 * used range, read back with the request that finishes the sheet) and predicted from the layout, so the
 * record can ride in that same request; a wrong prediction costs one request more, never a wrong answer.
 */
import { columnLetter } from "./address";
import type { LayoutBlock } from "./cells";
import { fingerprintCells, isFilled } from "./labelCells";
import type { LabelCell } from "./types";

/** From a used range as read: its local address and its formulas. */
export function usedFingerprint(address: string, formulas: readonly (readonly unknown[])[]): string {
  const cells: LabelCell[] = [{ offset: -1, formula: address.replace(/^.*!/, "") }];
  formulas.forEach((row, r) =>
    row.forEach((f, c) => {
      if (isFilled(f)) {
        cells.push({ offset: r * row.length + c, formula: f as LabelCell["formula"] });
      }
    }),
  );
  return fingerprintCells(cells);
}

/**
 * What usedFingerprint will say once the blocks are written: every string is written as text (cells.ts),
 * so Excel keeps it as given, and numbers and booleans stay what they are. Excel's used range (valuesOnly)
 * spans the non-empty cells.
 */
export function predictedFingerprint(blocks: readonly LayoutBlock[]): string {
  const filled = new Map<number, Map<number, LabelCell["formula"]>>();
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const b of blocks) {
    b.cells.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === "") return;
        const r = b.row + i;
        const c = b.column + j;
        if (!filled.has(r)) filled.set(r, new Map());
        filled.get(r)!.set(c, v);
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
  }
  if (bottom < 0) return fingerprintCells([]);
  const width = right - left + 1;
  const address =
    top === bottom && left === right
      ? `${columnLetter(left)}${top + 1}`
      : `${columnLetter(left)}${top + 1}:${columnLetter(right)}${bottom + 1}`;
  const cells: LabelCell[] = [{ offset: -1, formula: address }];
  for (const r of [...filled.keys()].sort((a, b) => a - b)) {
    const line = filled.get(r)!;
    for (const c of [...line.keys()].sort((a, b) => a - b)) {
      cells.push({ offset: (r - top) * width + (c - left), formula: line.get(c)! });
    }
  }
  return fingerprintCells(cells);
}
