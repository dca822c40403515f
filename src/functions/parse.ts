/**
 * Range arguments as Excel passes them turned into matrices. Pure, so tests call it on literals.
 *
 * A blank cell reaches an `any` matrix argument as null on the web and as 0 on Windows and Mac (office-js
 * #4702, #5262; #1951 saw 0 on the web too); a formula's "" arrives as ""; an error cell, with the
 * metadata's allowErrorForDataTypeAny, as an error value. Which zeros are blanks the caller finds out from
 * the cells' types (inputs.ts) and passes in as `blank`.
 */
import { excelNumber, magnitudeProblem, type Matrix, type ScalingMethod } from "../engine";
import { cellOfRange } from "../excel/address";
import { invalidValue, notAvailable } from "./errors";

/** A data argument's usable rows, and where each came from so results line up with the input. */
export type ParsedData = {
  /** Rows with a number in every column, in original units. */
  X: Matrix;
  /** For each row of X, its 0-based position in the argument. */
  rows: Int32Array;
  /** Rows in the argument, usable or not. */
  total: number;
  /** The argument's range address ("Sheet1!A2:D151") when Excel gave it: messages then name cells. */
  where?: string;
};

/**
 * Only real numbers count, as in the task pane: text that looks like a number, TRUE/FALSE, blanks and
 * errors (whether Excel sends an error object or its "#N/A" text) leave their row out.
 */
export function isNumberCell(value: unknown): value is number {
  // x - x is 0 exactly for finite x (NaN for NaN and ±Infinity), without a global lookup per cell.
  return typeof value === "number" && value - value === 0;
}

const isArray = Array.isArray;

/** A single cell arrives as a scalar when a test or another function passes one; treat it as 1 × 1. */
export function asGrid(value: unknown): unknown[][] {
  if (!isArray(value)) return [[value]];
  return value.map((row: unknown) => (isArray(row) ? row : [row]));
}

export function widthOf(grid: unknown[][]): number {
  let width = 0;
  for (const row of grid) width = Math.max(width, row.length);
  return width;
}

/** A cell Excel sent for a blank on the web (null), or a formula's empty text. */
export function isBlankValue(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/**
 * Rows up to the last one holding anything but blanks: Excel hands a whole column (A:D) as all its
 * 1,048,576 rows, and the empty ones below the data are no part of it.
 */
export function rowsInUse(grid: unknown[][]): number {
  for (let i = grid.length - 1; i >= 0; i--) {
    const row = grid[i];
    for (let j = 0; j < row.length; j++) if (!isBlankValue(row[j])) return i + 1;
  }
  return 0;
}

/** The first and last of the first `rows` rows that hold a 0 (which may be a blank cell); null if none. */
export function rowsWithZeros(grid: unknown[][], rows: number): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < rows; i++) {
    if (grid[i].includes(0)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? null : { first, last };
}

export type ParseOptions = {
  /** The argument's range address, kept with the result so later checks can name its cells. */
  where?: string;
  /** Rows of the grid to use (the rest are blank); all if not given. */
  rows?: number;
  /** Whether the 0 at row i, column j is really a blank cell. */
  blank?: (i: number, j: number) => boolean;
};

/** Rows with a blank, text, boolean or error cell are skipped, not fatal: the result keeps their place. */
export function parseData(value: unknown, name = "data", options: ParseOptions = {}): ParsedData {
  const whole = asGrid(value);
  const grid =
    options.rows !== undefined && options.rows < whole.length ? whole.slice(0, options.rows) : whole;
  const total = grid.length;
  const d = widthOf(grid);
  const blank = options.blank;
  const usable = new Uint8Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) {
    const row = grid[i];
    let ok = row.length === d && d > 0;
    for (let j = 0; ok && j < d; j++) ok = isNumberCell(row[j]) && !(blank && row[j] === 0 && blank(i, j));
    if (ok) {
      usable[i] = 1;
      n++;
    }
  }
  if (n === 0) {
    throw notAvailable(
      `No row of ${name} has a number in every column. Select numbers only: a row with a blank, text, TRUE/FALSE or an error is left out.`,
    );
  }
  const data = new Float64Array(n * d);
  const rows = new Int32Array(n);
  for (let i = 0, r = 0; i < total; i++) {
    if (!usable[i]) continue;
    const row = grid[i] as number[];
    for (let j = 0; j < d; j++) data[r * d + j] = row[j];
    rows[r++] = i;
  }
  return { X: { data, rows: n, cols: d }, rows, total, where: options.where };
}

/**
 * A table that must be all numbers (centroids): any other cell is an error naming where it is, as Excel
 * names a cell ("cell H3 of Sheet1") when the table's address (`where`) is known.
 */
export function parseNumbers(
  value: unknown,
  name: string,
  options: { blank?: (i: number, j: number) => boolean; where?: string } = {},
): Matrix {
  const grid = asGrid(value);
  const d = widthOf(grid);
  if (grid.length === 0 || d === 0) throw invalidValue(`${name} is empty.`);
  const data = new Float64Array(grid.length * d);
  for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < d; j++) {
      const v = grid[i][j];
      const isBlank = v === 0 && options.blank?.(i, j) === true;
      if (!isNumberCell(v) || isBlank) {
        const at = placeOf(options.where, name, i, j);
        throw invalidValue(
          `${name} must hold numbers only, one row per cluster; ${at} holds ${isBlank ? "a blank" : describeCell(v)}.`,
        );
      }
      data[i * d + j] = v;
    }
  }
  return { data, rows: grid.length, cols: d };
}

/** What a cell holds, for a message: "a blank", "TRUE", "the text \"n/a\"", "the error #N/A", "0". */
export function describeCell(v: unknown): string {
  if (v === "" || v === null || v === undefined) return "a blank";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return `the text "${v.length > 20 ? v.slice(0, 20) + "…" : v}"`;
  if (typeof v === "object" && typeof (v as { code?: unknown }).code === "string") {
    return `the error ${(v as { code: string }).code}`;
  }
  return `${String(v)}`;
}

/**
 * Row i, column j (0-based) of an argument as a user finds it: "cell H3 of Sheet1" when the range's
 * address is known, else counted from 1 within the argument, "row 3, column 2 of data".
 */
export function placeOf(where: string | undefined, name: string, i: number, j: number): string {
  return where ? cellOfRange(where, i, j) : `row ${i + 1}, column ${j + 1} of ${name}`;
}

/**
 * #VALUE! when the rows cannot be clustered with this scaling, naming the first offending cells (see
 * excel/prepare.ts checkMagnitudes, the pane's twin): standard and min-max scaling bring any finite values
 * into range; with none, the distances are taken in the data's own units, and values whose squares leave
 * the range of Excel's numbers cannot be clustered. `data` is a data argument (parseData's rows keep the
 * cells' places) or a plain table such as the centroids.
 */
export function checkMagnitudes(
  data: { X: Matrix; rows?: ArrayLike<number>; where?: string },
  scaling: ScalingMethod,
  name = "data",
): void {
  if (scaling !== "none") return;
  const problem = magnitudeProblem(data.X);
  if (!problem) return;
  const cols = data.X.cols;
  const at = (index: number) => {
    const i = Math.floor(index / cols);
    return placeOf(data.where, name, data.rows ? data.rows[i] : i, index % cols);
  };
  const first = problem.indices[0];
  const value = excelNumber(data.X.data[first]);
  const limit = excelNumber(Number(problem.limit.toPrecision(1)));
  const choose = `give scaling "standard" or "minmax"`;
  throw invalidValue(
    problem.kind === "large"
      ? `${capitalise(at(first))} holds ${value}: with no scaling, values beyond about ${limit} cannot be clustered (their squared distances exceed the largest number Excel holds); ${choose}.`
      : `The largest value of ${name}, ${value} in ${at(first)}, is below ${limit}: with no scaling, values this small cannot be clustered (their squared distances fall below the smallest number Excel holds); ${choose}.`,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
