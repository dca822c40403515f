/**
 * Which columns hold numbers and whether the first row is a header. The pane lists the columns from a
 * preview of the selection's first rows and the run uses the whole of it, so both are decided from the
 * first KIND_ROWS rows alone: the list the user ticks is the list the run uses, however the rows below
 * differ. What the rows below say otherwise comes back as a note, not as a different column list.
 */
import type { ColumnInfo, HeaderChoice, RawRange } from "./types";
import { columnLetter } from "./address";

/**
 * Rows, from the top of the range (header included), that decide each column's kind and the header. The
 * pane's preview must read at least this many (src/taskpane/useSelection.ts reads 20). Power Query decides
 * column types from the first rows the same way, for the same reason: a look at the top must hold.
 */
export const KIND_ROWS = 20;

/** Why the first row was, or was not, taken as the header: the pane says which. */
export type HeaderReason =
  | "text over numbers"
  | "whole numbers such as years over measurements"
  | "increasing whole numbers such as years over other numbers"
  | "none"
  | "chosen";

export type ColumnAnalysis = {
  hasHeader: boolean;
  headerReason: HeaderReason;
  columns: ColumnInfo[];
  /** One sentence per column left out though the rows below its first ones are mostly numbers. */
  columnNotes: string[];
};

/**
 * A number Excel holds as a number. Text that looks like a number ("12", "1,5") stays text: Excel itself
 * would not sum it, and guessing a locale's decimal separator would silently change values.
 */
export function isNumberCell(value: unknown, valueType: string | undefined): boolean {
  return (
    (valueType === "Double" || valueType === "Integer") && typeof value === "number" && Number.isFinite(value)
  );
}

export function isTextCell(value: unknown, valueType: string | undefined): boolean {
  return valueType === "String" && typeof value === "string" && value.trim() !== "";
}

/** Nothing in it: an empty cell, or text of spaces only (which reads as empty). */
export function isBlankCell(value: unknown, valueType: string | undefined): boolean {
  return (
    valueType === "Empty" ||
    value === "" ||
    value === null ||
    value === undefined ||
    (typeof value === "string" && value.trim() === "")
  );
}

/**
 * A column is numeric when more than half of its non-blank cells in rows [from, KIND_ROWS) are numbers.
 * Blanks do not count against it (a gap skips its row, it does not make a column text); a column blank
 * there is not numeric. Only the first rows decide, so a preview of them decides as the whole range does.
 */
function numericIn(raw: RawRange, from: number): boolean[] {
  const end = Math.min(raw.values.length, KIND_ROWS);
  const columnCount = raw.values[0]?.length ?? 0;
  const numeric: boolean[] = [];
  for (let c = 0; c < columnCount; c++) {
    let numbers = 0;
    let filled = 0;
    for (let r = from; r < end; r++) {
      const v = raw.values[r][c];
      const t = raw.valueTypes[r]?.[c];
      if (isBlankCell(v, t)) continue;
      filled++;
      if (isNumberCell(v, t)) numbers++;
    }
    numeric.push(filled > 0 && numbers * 2 > filled);
  }
  return numeric;
}

/** Header row and column names, without building the matrix: what the pane lists before clustering. */
export function analyseColumns(raw: RawRange, header: HeaderChoice = "auto"): ColumnAnalysis {
  const rowCount = raw.values.length;
  const columnCount = rowCount > 0 ? raw.values[0].length : 0;
  let hasHeader: boolean;
  let headerReason: HeaderReason;
  let numeric: boolean[];
  if (header === "yes" || header === "no") {
    hasHeader = header === "yes" && rowCount > 0;
    headerReason = "chosen";
    numeric = numericIn(raw, hasHeader ? 1 : 0);
  } else {
    const below = numericIn(raw, 1);
    headerReason = rowCount > 1 ? detectHeader(raw, below) : "none";
    hasHeader = headerReason !== "none";
    numeric = hasHeader ? below : numericIn(raw, 0);
  }

  const columns: ColumnInfo[] = [];
  for (let c = 0; c < columnCount; c++) {
    const fallback = `Column ${columnLetter(raw.firstColumn + c)}`;
    const name = hasHeader ? headerText(raw.values[0][c]) || fallback : fallback;
    columns.push({ index: c, name, numeric: numeric[c] });
  }
  return { hasHeader, headerReason, columns, columnNotes: notesBelow(raw, columns, hasHeader ? 1 : 0) };
}

function headerText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value).trim();
}

/**
 * The first row is a header when (1) a text cell sits over a numeric column, or (2) it is a row of whole
 * numbers, all different, over numeric columns that do not look like it:
 *
 * - "whole numbers such as years over measurements": in most of those columns the values below are
 *   mostly fractional and the top value lies outside their range by more than the range's own width
 *   (2019 over 0.5..4.75);
 * - "increasing whole numbers such as years over other numbers": the top values go up in equal steps
 *   (2019, 2020, 2021 or 1, 2, 3, at least three of them), and in most columns the top value lies outside
 *   the range below or the values below are fractional.
 *
 * A first row of data fails both: iris' first row is fractional; a row of counts sits inside its columns'
 * ranges and is rarely an arithmetic run; a fractional column's first value is rarely whole and far
 * outside the rest. Only rows 1 to KIND_ROWS - 1 are looked at, as for the column kinds.
 */
function detectHeader(raw: RawRange, below: boolean[]): HeaderReason {
  const top = raw.values[0];
  const topTypes = raw.valueTypes[0] ?? [];
  if (below.some((isNumeric, c) => isNumeric && isTextCell(top[c], topTypes[c]))) return "text over numbers";

  const end = Math.min(raw.values.length, KIND_ROWS);
  const tops: number[] = [];
  const unlike: { outside: boolean; far: boolean; fractional: boolean }[] = [];
  for (let c = 0; c < below.length; c++) {
    if (!below[c]) continue;
    const v = top[c];
    if (isBlankCell(v, topTypes[c])) continue;
    if (!isNumberCell(v, topTypes[c]) || !Number.isInteger(v)) return "none";
    let lo = Infinity;
    let hi = -Infinity;
    let count = 0;
    let fractional = 0;
    for (let r = 1; r < end; r++) {
      const x = raw.values[r][c];
      if (!isNumberCell(x, raw.valueTypes[r]?.[c])) continue;
      const n = x as number;
      count++;
      if (!Number.isInteger(n)) fractional++;
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
    const t = v as number;
    const distance = t < lo ? lo - t : t > hi ? t - hi : 0;
    tops.push(t);
    unlike.push({
      outside: distance > 0,
      // Two values below at least, or "far" would mean merely "different".
      far: count >= 2 && hi > lo && distance > hi - lo,
      fractional: fractional * 2 > count,
    });
  }
  if (tops.length === 0 || new Set(tops).size !== tops.length) return "none";
  const most = (test: (u: (typeof unlike)[number]) => boolean) =>
    unlike.filter(test).length * 2 > unlike.length;
  if (most((u) => u.far && u.fractional)) return "whole numbers such as years over measurements";
  if (isRun(tops) && most((u) => u.outside || u.fractional)) {
    return "increasing whole numbers such as years over other numbers";
  }
  return "none";
}

/** At least three values going up in one equal step. */
function isRun(values: number[]): boolean {
  if (values.length < 3) return false;
  const step = values[1] - values[0];
  if (step <= 0) return false;
  for (let i = 2; i < values.length; i++) if (values[i] - values[i - 1] !== step) return false;
  return true;
}

const format = (n: number) => n.toLocaleString("en-US");

/**
 * A column judged not numeric on its first rows whose rows below are mostly numbers: most likely the
 * numbers are the data and the first rows a note or a placeholder. The column stays out (the pane listed
 * it so), and the note says how to bring it in.
 */
function notesBelow(raw: RawRange, columns: ColumnInfo[], headerRows: number): string[] {
  const rowCount = raw.values.length;
  if (rowCount <= KIND_ROWS) return [];
  const notes: string[] = [];
  const firstRow = raw.firstRow + headerRows + 1;
  const lastRow = raw.firstRow + KIND_ROWS;
  for (const column of columns) {
    if (column.numeric) continue;
    const c = column.index;
    let numbers = 0;
    let others = 0;
    for (let r = KIND_ROWS; r < rowCount; r++) {
      const v = raw.values[r][c];
      const t = raw.valueTypes[r]?.[c];
      if (isNumberCell(v, t)) numbers++;
      else if (!isBlankCell(v, t)) others++;
    }
    if (numbers <= others) continue;
    let filled = false;
    for (let r = headerRows; r < KIND_ROWS && !filled; r++)
      filled = !isBlankCell(raw.values[r][c], raw.valueTypes[r]?.[c]);
    const letter = columnLetter(raw.firstColumn + c);
    const label =
      column.name === `Column ${letter}` ? `Column ${letter}` : `Column ${column.name} (${letter})`;
    notes.push(
      `${label} is not clustered: its rows ${firstRow}–${lastRow} ${filled ? "hold mostly text or other values that are not numbers" : "are blank"}, ` +
        `though ${format(numbers)} cell${numbers === 1 ? "" : "s"} below hold${numbers === 1 ? "s a number" : " numbers"}. ` +
        `Put numbers in its first rows (or select from the first row of numbers) to cluster it.`,
    );
  }
  return notes;
}
