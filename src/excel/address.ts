/** A1 addresses written the way Excel writes them, so messages match what the user sees in the Name Box. */

/** Excel's last column is XFD. */
export const MAX_COLUMNS = 16384;

/** 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD". */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`column index ${index} should be an integer >= 0`);
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Excel quotes a sheet name in a reference unless it is a plain identifier: letters, digits, underscores
 * and periods, not starting with a digit, and not readable as a cell reference (A1 or R1C1 style).
 */
export function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name);
  const looksLikeA1 = /^[A-Za-z]{1,3}\d+$/.test(name);
  const looksLikeR1C1 = /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
  if (plain && !looksLikeA1 && !looksLikeR1C1) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

/** 0-based sheet row and column → "Sheet1!B7" (or "'My Sheet'!B7"). */
export function cellAddress(sheetName: string, row: number, column: number): string {
  return `${quoteSheetName(sheetName)}!${columnLetter(column)}${row + 1}`;
}

/** A rectangle as "Sheet1!E1:E151"; a single cell as "Sheet1!E1". */
export function rangeAddress(
  sheetName: string,
  row: number,
  column: number,
  rowCount: number,
  columnCount: number,
): string {
  const topLeft = `${columnLetter(column)}${row + 1}`;
  const local =
    rowCount === 1 && columnCount === 1
      ? topLeft
      : `${topLeft}:${columnLetter(column + columnCount - 1)}${row + rowCount}`;
  return `${quoteSheetName(sheetName)}!${local}`;
}

/** "'My Sheet'!A1:D5" → { sheetName: "My Sheet", local: "A1:D5" }; no sheet part → sheetName null. */
export function splitAddress(address: string): { sheetName: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheetName: null, local: address };
  const sheet = address.slice(0, bang);
  const local = address.slice(bang + 1);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) {
    return { sheetName: sheet.slice(1, -1).replace(/''/g, "'"), local };
  }
  return { sheetName: sheet, local };
}

/** "A" → 0, "XFD" → 16383. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The cell at row i, column j (0-based) of the range at `address`, as Excel names a cell in words:
 * "cell H3 of Sheet1". A whole-column range ("Sheet1!A:D") starts at row 1.
 */
export function cellOfRange(address: string, i: number, j: number): string {
  const { sheetName, local } = splitAddress(address);
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)/.exec(local);
  const column = m && m[1] ? columnIndex(m[1]) : 0;
  const row = m && m[2] ? Number(m[2]) - 1 : 0;
  const cell = `${columnLetter(column + j)}${row + i + 1}`;
  return sheetName === null ? `cell ${cell}` : `cell ${cell} of ${sheetName}`;
}
