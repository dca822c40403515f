/**
 * Range arguments as Excel passes them turned into matrices. Pure, so tests call it on literals.
 *
 * A blank cell reaches an `any` matrix argument as null on the web and as 0 on Windows and Mac (office-js
 * #4702, #5262; #1951 saw 0 on the web too); a formula's "" arrives as ""; an error cell, with the
 * metadata's allowErrorForDataTypeAny, as an error value. Which zeros are blanks the caller finds out from
 * the cells' types (inputs.ts) and passes in as `blank`.
 */
import type { Matrix } from "../engine";
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
  return { X: { data, rows: n, cols: d }, rows, total };
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
        const at = options.where ? cellOf(options.where, i, j) : `row ${i + 1}, column ${j + 1}`;
        throw invalidValue(
          `${name} must hold numbers only, one row per cluster; ${at} holds ${isBlank ? "a blank" : describe(v)}.`,
        );
      }
      data[i * d + j] = v;
    }
  }
  return { data, rows: grid.length, cols: d };
}

function describe(v: unknown): string {
  if (v === "" || v === null || v === undefined) return "a blank";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return `the text "${v.length > 20 ? v.slice(0, 20) + "…" : v}"`;
  if (typeof v === "object" && typeof (v as { code?: unknown }).code === "string") {
    return `the error ${(v as { code: string }).code}`;
  }
  return `${String(v)}`;
}

/** "cell H3 of Sheet1" for row i, column j of the range at address "Sheet1!G2:J4". */
function cellOf(address: string, i: number, j: number): string {
  return cellOfRange(address, i, j);
}
