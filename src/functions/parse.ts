/**
 * Range arguments as Excel passes them (any[][] of numbers, text, booleans, "" for blanks and error
 * values) turned into matrices. Pure, so tests call it on literals.
 */
import type { Matrix } from "../engine";
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

function widthOf(grid: unknown[][]): number {
  let width = 0;
  for (const row of grid) width = Math.max(width, row.length);
  return width;
}

/** Rows with a blank, text, boolean or error cell are skipped, not fatal: the result keeps their place. */
export function parseData(value: unknown, name = "data"): ParsedData {
  const grid = asGrid(value);
  const total = grid.length;
  const d = widthOf(grid);
  const usable = new Uint8Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) {
    const row = grid[i];
    let ok = row.length === d && d > 0;
    for (let j = 0; ok && j < d; j++) ok = isNumberCell(row[j]);
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

/** A table that must be all numbers (centroids): any other cell is an error naming where it is. */
export function parseNumbers(value: unknown, name: string): Matrix {
  const grid = asGrid(value);
  const d = widthOf(grid);
  if (grid.length === 0 || d === 0) throw invalidValue(`${name} is empty.`);
  const data = new Float64Array(grid.length * d);
  for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < d; j++) {
      const v = grid[i][j];
      if (!isNumberCell(v)) {
        throw invalidValue(
          `${name} must hold numbers only, one row per cluster; row ${i + 1}, column ${j + 1} holds ${describe(v)}.`,
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
