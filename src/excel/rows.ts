/**
 * Rows and cells named the way Excel shows them ("rows 5–9 of Data", "B90000 holds 7"), for messages: a
 * user finds a sheet row by its number in the row headers, never by a position counted from 0.
 */
import type { RawRange } from "./types";
import { columnLetter, rangeAddress, splitAddress } from "./address";
import { excelNumber } from "../engine/core/magnitude";
import { isBlankCell } from "./columns";

/** Runs listed in full before the rest are counted; a message names the first places to look. */
const MAX_RUNS = 3;

/**
 * Sheet rows (1-based, increasing) as Excel users name them: "row 5 of Data", "rows 5–9 and 12 of Data",
 * "rows 5–9, 12, 20–25 and 40 more rows of Data". Sheet names are written as Excel writes them in words,
 * unquoted.
 */
export function describeRows(rows: readonly number[], sheetName: string): string {
  const runs: [number, number][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  const shown = runs.slice(0, MAX_RUNS).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  const rest = runs.slice(MAX_RUNS).reduce((sum, [a, b]) => sum + b - a + 1, 0);
  if (rest > 0) shown.push(`${rest} more row${rest === 1 ? "" : "s"}`);
  const list =
    shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown[0];
  const plural = rows.length > 1;
  return `${plural ? "rows" : "row"} ${list} of ${sheetName}`;
}

/** What a cell shows, for a message: 7, 3E+200, "text", TRUE, #N/A. */
export function shownValue(value: unknown, valueType: string | undefined): string {
  if (typeof value === "number") return excelNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (valueType === "Error") return String(value);
  const text = String(value);
  return `"${text.length > 20 ? text.slice(0, 20) + "…" : text}"`;
}

/**
 * A run of fully blank rows at least this long, and longer than the rows holding anything, is no part of
 * the data: a whole-column selection reaches down to a stray value far below the table (the used range
 * runs to it), and every row between would be reported as skipped.
 */
export const LONG_BLANK_RUN = 1000;

/** Cells of the stray part named in full; more are counted. */
const MAX_STRAY_CELLS = 2;

/**
 * A sentence when a long run of blank rows splits the range into the data and a few stray cells, e.g.
 * "Rows 152–89999 of Data are blank; B90000 holds 7 far below the data: clear it or select A1:D151.";
 * null otherwise. The run goes ahead on the rows with data (the stray row, missing the other columns, is
 * skipped like any other), so this is a notice, not an error.
 */
export function strayValueNotice(raw: RawRange): string | null {
  const rowCount = raw.values.length;
  const columnCount = rowCount > 0 ? raw.values[0].length : 0;
  const filled = new Uint8Array(rowCount);
  let filledRows = 0;
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let r = 0; r <= rowCount; r++) {
    let blank = r < rowCount;
    for (let c = 0; blank && c < columnCount; c++)
      blank = isBlankCell(raw.values[r][c], raw.valueTypes[r]?.[c]);
    if (r < rowCount && !blank) {
      filled[r] = 1;
      filledRows++;
    }
    if (blank && start < 0) start = r;
    if (!blank && start >= 0) {
      if (r - start > best.length) best = { start, length: r - start };
      start = -1;
    }
  }
  if (best.length <= LONG_BLANK_RUN || best.length <= filledRows) return null;

  const sheetRow = (r: number) => raw.firstRow + r + 1;
  const end = best.start + best.length;
  const above = countFilled(filled, 0, best.start);
  const below = countFilled(filled, end, rowCount);
  const blankRows = `${best.length === 1 ? "Row" : "Rows"} ${sheetRow(best.start)}–${sheetRow(end - 1)} of ${raw.sheetName} are blank`;
  const local = (from: number, to: number) =>
    splitAddress(rangeAddress(raw.sheetName, raw.firstRow + from, raw.firstColumn, to - from, columnCount))
      .local;
  if (above === 0 || below === 0) {
    // Nothing on one side (a stored address read again after the stray value was cleared).
    const [from, to] = above === 0 ? [end, rowCount] : [0, best.start];
    return `${blankRows}: select ${local(firstFilled(filled, from, to), lastFilled(filled, from, to) + 1)}, the rows with data.`;
  }
  // The side with fewer rows holding anything is the stray one; the other is the data.
  const strayBelow = below <= above;
  const [from, to] = strayBelow ? [end, rowCount] : [0, best.start];
  const [dataFrom, dataTo] = strayBelow ? [0, best.start] : [end, rowCount];
  const cells: string[] = [];
  let count = 0;
  for (let r = from; r < to; r++) {
    if (!filled[r]) continue;
    for (let c = 0; c < columnCount; c++) {
      const v = raw.values[r][c];
      const t = raw.valueTypes[r]?.[c];
      if (isBlankCell(v, t)) continue;
      count++;
      if (cells.length < MAX_STRAY_CELLS) {
        cells.push(`${columnLetter(raw.firstColumn + c)}${sheetRow(r)} holds ${shownValue(v, t)}`);
      }
    }
  }
  const more = count - cells.length;
  const what =
    more === 0
      ? cells.join(" and ")
      : `${cells.join(", ")} and ${more} more cell${more === 1 ? " holds a value" : "s hold values"}`;
  const where = strayBelow ? "far below" : "far above";
  const data = local(firstFilled(filled, dataFrom, dataTo), lastFilled(filled, dataFrom, dataTo) + 1);
  return `${blankRows}; ${what} ${where} the data: clear ${count === 1 ? "it" : "them"} or select ${data}.`;
}

function countFilled(filled: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let r = from; r < to; r++) n += filled[r];
  return n;
}

function firstFilled(filled: Uint8Array, from: number, to: number): number {
  for (let r = from; r < to; r++) if (filled[r]) return r;
  return from;
}

function lastFilled(filled: Uint8Array, from: number, to: number): number {
  for (let r = to - 1; r >= from; r--) if (filled[r]) return r;
  return to - 1;
}
