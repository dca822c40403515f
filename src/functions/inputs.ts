/**
 * A data argument as the functions use it: the blank rows under the data dropped, blank cells told from
 * zeros, and a range too large for a worksheet function refused at once, before any work.
 */
import {
  canReadWorkbook,
  isRangeAddress,
  parameterAddressesSupported,
  readArgumentCells,
} from "../excel/argumentCells";
import { invalidValue } from "./errors";
import type { Matrix } from "../engine";
import {
  asGrid,
  describeCell,
  parseData,
  parseNumbers,
  placeOf,
  rowsInUse,
  rowsWithZeros,
  widthOf,
  type ParsedData,
} from "./parse";

/**
 * Cells a function's data argument may hold. Excel caps a custom function's payload near 5 MB (office-js
 * #4654) and a number takes up to 24 characters there, so about 218,000 cells can always arrive; the round
 * figure below keeps clear of the cap. The task pane reads in blocks and has no such limit.
 */
export const MAX_FUNCTION_CELLS = 200_000;

const format = (n: number) => n.toLocaleString("en-US");

/** The refusal for a range over the limit: what was given, what fits, and where to go instead. */
export function tooLargeMessage(name: string, rows: number, columns: number): string {
  const fits = Math.floor(MAX_FUNCTION_CELLS / Math.max(1, columns));
  return (
    `${name} has ${format(rows)} rows × ${format(columns)} columns (${format(rows * columns)} cells); ` +
    `a worksheet function can take at most ${format(MAX_FUNCTION_CELLS)} cells (${format(fits)} rows of ` +
    `${columns} columns). Use the K-Means task pane (Home → Cluster data), which has no such limit.`
  );
}

export const CANNOT_TELL_BLANKS =
  "This version of Excel passes blank cells to add-in functions as 0 and cannot tell the add-in which " +
  "they are (that needs CustomFunctionsRuntime 1.3). Update Excel, fill or remove the blank cells, or use " +
  "the K-Means task pane.";

/** Where a function's arguments are on the sheet, as far as Excel said. */
export type ArgumentPlaces = {
  /** The argument's entry of invocation.parameterAddresses: "" or absent for a value that is no range. */
  address(index: number): string | undefined;
  /** Whether Excel gave addresses at all (CustomFunctionsRuntime 1.3 and the metadata's request). */
  readonly given: boolean;
};

export const NO_PLACES: ArgumentPlaces = { address: () => undefined, given: false };

type Located = { grid: unknown[][]; rows: number; blank?: (i: number, j: number) => boolean; where?: string };

/** The argument's rows in use and, where it is a range with zeros in it, which of those zeros are blanks. */
async function locate(
  value: unknown,
  name: string,
  address: string | undefined,
  given: boolean,
): Promise<Located> {
  const grid = asGrid(value);
  const columns = widthOf(grid);
  let rows = rowsInUse(grid);
  const zeros = rowsWithZeros(grid, rows);
  const range = isRangeAddress(address) ? address : undefined;
  let blank: Located["blank"];
  if (zeros && range && canReadWorkbook()) {
    const cells = await readArgumentCells(range, columns, zeros, MAX_FUNCTION_CELLS);
    rows = Math.min(rows, cells.usedRows);
    blank = (i, j) => cells.empty[i - cells.firstRow]?.[j] ?? false;
  } else if (zeros && !given && canReadWorkbook() && !parameterAddressesSupported()) {
    // In Excel, without addresses: any 0 might be a blank cell, and clustering a blank as 0 is wrong.
    throw invalidValue(CANNOT_TELL_BLANKS);
  }
  if (rows * columns > MAX_FUNCTION_CELLS) throw invalidValue(tooLargeMessage(name, rows, columns));
  return { grid, rows, blank, where: range };
}

/** Rows to cluster (or assign): a row with a blank, text, boolean or error is left out. */
export async function readData(
  value: unknown,
  name: string,
  places: ArgumentPlaces,
  index: number,
): Promise<ParsedData> {
  const { grid, rows, blank, where } = await locate(value, name, places.address(index), places.given);
  return parseData(grid, name, { rows, blank, where });
}

/** A table of numbers only (centroids): a blank or other cell is refused, named as Excel names it. */
export async function readNumbers(
  value: unknown,
  name: string,
  places: ArgumentPlaces,
  index: number,
): Promise<Matrix> {
  const { grid, rows, blank, where } = await locate(value, name, places.address(index), places.given);
  return parseNumbers(grid.slice(0, Math.max(rows, 1)), name, { blank, where });
}

/** The names PROFILE and DESCRIBE give data's columns when no names are given: "Column 1", "Column 2", …. */
export function defaultNames(columns: number): string[] {
  return Array.from({ length: columns }, (_, j) => `Column ${j + 1}`);
}

/**
 * Column names (PROFILE's header, DESCRIBE's words): one row of text cells, one per column of data. Omitted
 * (or a single blank cell, as Excel may pass an omitted range), "Column 1", "Column 2", …. A blank, number,
 * TRUE/FALSE or error cell is refused, named as Excel names cells; on a desktop Excel, which passes a blank
 * cell as 0, the range's cell types tell a blank from a 0 where Excel gave the address.
 */
export async function readNames(
  value: unknown,
  columns: number,
  places: ArgumentPlaces,
  index: number,
): Promise<string[]> {
  if (value === null || value === undefined) return defaultNames(columns);
  const grid = asGrid(value);
  if (grid.length === 1 && grid[0].length === 1 && (grid[0][0] === null || grid[0][0] === "")) {
    if (columns !== 1) return defaultNames(columns);
  }
  const width = widthOf(grid);
  if (grid.length !== 1 || width !== columns) {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const shape =
      grid.length === 1
        ? plural(width, "cell")
        : `${plural(grid.length, "row")} × ${plural(width, "column")}`;
    throw invalidValue(
      `names must be one row of ${columns} header cells, one per column of data; it has ${shape}.`,
    );
  }
  const row = grid[0];
  const address = places.address(index);
  const where = isRangeAddress(address) ? address : undefined;
  let blankZero: (j: number) => boolean = () => false;
  if (where && row.includes(0) && canReadWorkbook()) {
    const cells = await readArgumentCells(where, columns, { first: 0, last: 0 }, MAX_FUNCTION_CELLS);
    blankZero = (j) => cells.usedRows === 0 || (cells.empty[0]?.[j] ?? false);
  }
  return row.map((v, j) => {
    const text = typeof v === "string" ? v.trim() : "";
    if (text !== "") return text;
    const held = v === 0 && blankZero(j) ? "a blank" : describeCell(v);
    throw invalidValue(
      `names must be text, one header cell per column of data; ${placeOf(where, "names", 0, j)} holds ${held}.`,
    );
  });
}
