/** The pieces every results-sheet layout is made of: cell values, blocks of cells and their formats. */

export const TEXT_FORMAT = "@";
export const GENERAL_FORMAT = "General";

export type CellValue = string | number | boolean;

/** A rectangle of cells at a 0-based sheet position, with the number format of each cell. */
export type LayoutBlock = { row: number; column: number; cells: CellValue[][]; formats: string[][] };

export type CellPosition = { row: number; column: number };

/** A rectangle of cells, 0-based. */
export type Rect = { row: number; column: number; rowCount: number; columnCount: number };

/**
 * Every string is forced to text: a results sheet never means a formula or a number by a string, and a
 * rule that guessed which strings Excel would reinterpret ("=x", "1e5", "TRUE", "1/2", "#N/A") could miss
 * one. Blank padding keeps the default format.
 */
export function formatOf(v: CellValue): string {
  return typeof v === "string" && v !== "" ? TEXT_FORMAT : GENERAL_FORMAT;
}

/** Rows of values as a block at (row, column), short rows padded with blanks. */
export function block(row: number, rows: CellValue[][], column = 0): LayoutBlock {
  // A loop, not Math.max(...): a scatter's block can have more rows than a call can take arguments.
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const cells = rows.map((r) => [...r, ...new Array<CellValue>(width - r.length).fill("")]);
  return { row, column, cells, formats: cells.map((r) => r.map(formatOf)) };
}

/** The cells a block covers. */
export function blockRect(b: LayoutBlock): Rect {
  return { row: b.row, column: b.column, rowCount: b.cells.length, columnCount: b.cells[0]?.length ?? 0 };
}

/** Whether two rectangles share a cell. */
export function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.rowCount > 0 &&
    a.columnCount > 0 &&
    b.rowCount > 0 &&
    b.columnCount > 0 &&
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}

/** A finite number, or blank: chart sources skip blank cells, where text such as "n/a" would plot as 0. */
export function numberOrBlank(v: number | null | undefined): CellValue {
  return typeof v === "number" && Number.isFinite(v) ? v : "";
}

/** 20000 → "20,000", the same in every locale, as the sheet's other texts are English. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
