/**
 * Turns a range read from the sheet into a feature matrix. Pure: no Office.js, so the pane can call it on
 * a preview and tests can call it on literals.
 */
import type { ColumnInfo, HeaderChoice, PreparedData, PrepareOptions, RawRange } from "./types";
import { cellAddress, columnLetter } from "./address";
import { DataError } from "./errors";

export { DataError, isDataError, type DataErrorCode } from "./errors";
export { cellAddress, columnLetter, quoteSheetName, rangeAddress, splitAddress } from "./address";

/** How many offending cells a message names; more would bury the first one. */
const MAX_EXAMPLES = 5;

/**
 * A number Excel holds as a number. Text that looks like a number ("12", "1,5") stays text: Excel itself
 * would not sum it, and guessing a locale's decimal separator would silently change values.
 */
export const SINGLE_CELL_MESSAGE = "Select the data to cluster: a single cell is not a data range.";

export function isNumberCell(value: unknown, valueType: string | undefined): boolean {
  return (
    (valueType === "Double" || valueType === "Integer") && typeof value === "number" && Number.isFinite(value)
  );
}

function isTextCell(value: unknown, valueType: string | undefined): boolean {
  return valueType === "String" && typeof value === "string" && value.trim() !== "";
}

/** Header row and column names, without building the matrix: what the pane lists before clustering. */
export function analyseColumns(
  raw: RawRange,
  header: HeaderChoice = "auto",
): { hasHeader: boolean; columns: ColumnInfo[] } {
  const rowCount = raw.values.length;
  const columnCount = rowCount > 0 ? raw.values[0].length : 0;
  const numericFrom = (firstDataRow: number) => {
    const numeric: boolean[] = [];
    const dataRows = rowCount - firstDataRow;
    for (let c = 0; c < columnCount; c++) {
      let numbers = 0;
      for (let r = firstDataRow; r < rowCount; r++) {
        if (isNumberCell(raw.values[r][c], raw.valueTypes[r]?.[c])) numbers++;
      }
      numeric.push(dataRows > 0 && numbers > dataRows / 2);
    }
    return numeric;
  };

  let hasHeader: boolean;
  let numeric: boolean[];
  if (header === "yes") {
    hasHeader = rowCount > 0;
    numeric = numericFrom(1);
  } else if (header === "no") {
    hasHeader = false;
    numeric = numericFrom(0);
  } else {
    // Text over numbers is what a header looks like; a first row of numbers is data.
    const below = numericFrom(1);
    hasHeader =
      rowCount > 1 && below.some((isNum, c) => isNum && isTextCell(raw.values[0][c], raw.valueTypes[0]?.[c]));
    numeric = hasHeader ? below : numericFrom(0);
  }

  const columns: ColumnInfo[] = [];
  for (let c = 0; c < columnCount; c++) {
    const fallback = `Column ${columnLetter(raw.firstColumn + c)}`;
    const name = hasHeader ? headerText(raw.values[0][c]) || fallback : fallback;
    columns.push({ index: c, name, numeric: numeric[c] });
  }
  return { hasHeader, columns };
}

function headerText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value).trim();
}

export function prepareData(raw: RawRange, options: PrepareOptions = {}): PreparedData {
  const rowCount = raw.values.length;
  const columnCount = rowCount > 0 ? raw.values[0].length : 0;
  if (rowCount === 0 || columnCount === 0) {
    throw new DataError("EMPTY_RANGE", "Select the data to cluster: the selection has no cells.");
  }
  if (rowCount === 1 && columnCount === 1) {
    throw new DataError("SINGLE_CELL", SINGLE_CELL_MESSAGE);
  }
  checkShape(raw, rowCount, columnCount);

  const { hasHeader, columns } = analyseColumns(raw, options.header ?? "auto");
  const numericColumns = columns.filter((c) => c.numeric);
  if (numericColumns.length === 0) {
    throw new DataError(
      "NO_NUMERIC_COLUMN",
      `No column of ${raw.address} holds numbers in more than half of its cells${hasHeader ? " below the header" : ""}, so there is nothing to cluster.`,
    );
  }
  const excluded = new Set(options.excludedColumns ?? []);
  const features = numericColumns.filter((c) => !excluded.has(c.index)).map((c) => c.index);
  if (features.length === 0) {
    throw new DataError(
      "ALL_COLUMNS_EXCLUDED",
      `All numeric columns are excluded: include at least one of ${numericColumns.map((c) => c.name).join(", ")}.`,
    );
  }

  const headerRows = hasHeader ? 1 : 0;
  const dataRowCount = rowCount - headerRows;
  const hidden = options.visibleOnly && raw.hiddenRows ? raw.hiddenRows : null;
  const usable = new Uint8Array(dataRowCount);
  const examples: string[] = [];
  let offending = 0;
  let hiddenSkipped = 0;
  let n = 0;
  for (let i = 0; i < dataRowCount; i++) {
    const r = i + headerRows;
    if (hidden && hidden[r]) {
      hiddenSkipped++;
      continue;
    }
    let ok = true;
    for (const c of features) {
      if (!isNumberCell(raw.values[r][c], raw.valueTypes[r][c])) {
        ok = false;
        offending++;
        if (examples.length < MAX_EXAMPLES) {
          examples.push(cellAddress(raw.sheetName, raw.firstRow + r, raw.firstColumn + c));
        }
      }
    }
    if (ok) {
      usable[i] = 1;
      n++;
    }
  }

  if (n === 0) {
    const detail =
      examples.length > 0
        ? `${examples.join(", ")}${offending > examples.length ? " and others" : ""} hold blanks, text, TRUE/FALSE or errors.`
        : dataRowCount === 0
          ? "there are no rows below the header."
          : `all ${dataRowCount} rows are hidden or filtered out.`;
    throw new DataError("NO_USABLE_ROWS", `No row has a number in every feature column: ${detail}`);
  }

  const d = features.length;
  const data = new Float64Array(n * d);
  const rows = new Int32Array(n);
  for (let i = 0, out = 0; i < dataRowCount; i++) {
    if (!usable[i]) continue;
    const values = raw.values[i + headerRows];
    for (let j = 0; j < d; j++) data[out * d + j] = values[features[j]] as number;
    rows[out++] = i;
  }

  return {
    source: {
      address: raw.address,
      sheetName: raw.sheetName,
      firstRow: raw.firstRow,
      firstColumn: raw.firstColumn,
      rowCount,
      columnCount,
    },
    hasHeader,
    columns,
    features,
    X: { data, rows: n, cols: d },
    rows,
    dataRowCount,
    skipped: { count: dataRowCount - n, examples },
    hiddenSkipped,
  };
}

function checkShape(raw: RawRange, rowCount: number, columnCount: number): void {
  const ragged =
    raw.valueTypes.length !== rowCount ||
    raw.values.some((row) => row.length !== columnCount) ||
    raw.valueTypes.some((row) => row.length !== columnCount) ||
    (raw.hiddenRows !== undefined && raw.hiddenRows.length !== rowCount);
  if (ragged) {
    throw new DataError(
      "BAD_SHAPE",
      `The data read from ${raw.address} is not rectangular (${rowCount} rows of values, ${raw.valueTypes.length} of types); select the range again.`,
    );
  }
}

/** A message when k asks for more clusters than there are usable rows; null when k fits. */
export function checkRowsForK(prepared: PreparedData, k: number): string | null {
  const n = prepared.X.rows;
  if (n >= k) return null;
  return `k=${k} needs at least ${k} usable rows; the selection has ${n}.`;
}
