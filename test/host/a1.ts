/**
 * A1 addresses for the test workbook, written independently of src/excel/address.ts so that a mistake
 * there is not mirrored here. Rectangles are 0-based; addresses are written the way Excel writes them.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (A to XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export type Rect = { row: number; column: number; rowCount: number; columnCount: number };

export function letters(column: number): string {
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnOf(text: string): number {
  let n = 0;
  for (const ch of text.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Excel quotes a sheet name unless it is a plain name that cannot be read as a cell reference. */
export function quoteSheet(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name);
  const cellLike =
    /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
  return plain && !cellLike ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The local part: "B2", "A1:D151", "A:A" for whole columns, "3:5" for whole rows. */
export function localAddress(rect: Rect): string {
  const wholeColumns = rect.row === 0 && rect.rowCount === MAX_ROWS;
  const wholeRows = rect.column === 0 && rect.columnCount === MAX_COLUMNS;
  const lastRow = rect.row + rect.rowCount;
  const lastColumn = rect.column + rect.columnCount - 1;
  if (wholeColumns && !wholeRows) return `${letters(rect.column)}:${letters(lastColumn)}`;
  if (wholeRows && !wholeColumns) return `${rect.row + 1}:${lastRow}`;
  const topLeft = `${letters(rect.column)}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return topLeft;
  return `${topLeft}:${letters(lastColumn)}${lastRow}`;
}

export function address(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${localAddress(rect)}`;
}

/** Splits "'My Sheet'!A1:B2" into the sheet name (null when absent) and the local part. */
export function splitSheet(text: string): { sheet: string | null; local: string } {
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: text.trim() };
  let sheet = text.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) {
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  return { sheet, local: text.slice(bang + 1).trim() };
}

type Corner = { row: number | null; column: number | null };

function parseCorner(text: string): Corner | null {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  const column = m[1] === "" ? null : columnOf(m[1]);
  const row = m[2] === "" ? null : Number(m[2]) - 1;
  if (column !== null && (column < 0 || column >= MAX_COLUMNS)) return null;
  if (row !== null && (row < 0 || row >= MAX_ROWS)) return null;
  return { row, column };
}

/**
 * "B2", "A1:D151", "$A$1:$B$2", "A:D" (whole columns), "3:5" (whole rows) → a rectangle, or null when
 * the text is not a single-area A1 reference. Corners may come in any order, as in Excel.
 */
export function parseLocal(local: string): Rect | null {
  const parts = local.split(":");
  if (parts.length > 2) return null;
  const a = parseCorner(parts[0]);
  const b = parts.length === 2 ? parseCorner(parts[1]) : a;
  if (!a || !b) return null;
  const columnsOnly = a.row === null && b.row === null && a.column !== null && b.column !== null;
  const rowsOnly = a.column === null && b.column === null && a.row !== null && b.row !== null;
  if (parts.length === 1 && (columnsOnly || rowsOnly)) return null; // "A" or "3" alone is not a reference
  if (columnsOnly) {
    const left = Math.min(a.column!, b.column!);
    return { row: 0, column: left, rowCount: MAX_ROWS, columnCount: Math.abs(a.column! - b.column!) + 1 };
  }
  if (rowsOnly) {
    const top = Math.min(a.row!, b.row!);
    return { row: top, column: 0, rowCount: Math.abs(a.row! - b.row!) + 1, columnCount: MAX_COLUMNS };
  }
  if (a.row === null || a.column === null || b.row === null || b.column === null) return null;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return {
    row,
    column,
    rowCount: Math.abs(a.row - b.row) + 1,
    columnCount: Math.abs(a.column - b.column) + 1,
  };
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const bottom = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const right = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  return bottom > row && right > column
    ? { row, column, rowCount: bottom - row, columnCount: right - column }
    : null;
}

export function bound(a: Rect, b: Rect): Rect {
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  const bottom = Math.max(a.row + a.rowCount, b.row + b.rowCount);
  const right = Math.max(a.column + a.columnCount, b.column + b.columnCount);
  return { row, column, rowCount: bottom - row, columnCount: right - column };
}

export function inGrid(rect: Rect): boolean {
  return (
    Number.isInteger(rect.row) &&
    Number.isInteger(rect.column) &&
    Number.isInteger(rect.rowCount) &&
    Number.isInteger(rect.columnCount) &&
    rect.row >= 0 &&
    rect.column >= 0 &&
    rect.rowCount >= 1 &&
    rect.columnCount >= 1 &&
    rect.row + rect.rowCount <= MAX_ROWS &&
    rect.column + rect.columnCount <= MAX_COLUMNS
  );
}

export function sameRect(a: Rect, b: Rect): boolean {
  return (
    a.row === b.row && a.column === b.column && a.rowCount === b.rowCount && a.columnCount === b.columnCount
  );
}
