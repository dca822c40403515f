/**
 * Turns a range read from the sheet into a feature matrix. Pure: no Office.js, so the pane can call it on
 * a preview and tests can call it on literals.
 */
import type { PreparedData, PrepareOptions, RawRange } from "./types";
import { cellAddress, columnLetter } from "./address";
import { DataError } from "./errors";
import { analyseColumns, isBlankCell, isNumberCell, KIND_ROWS, type HeaderReason } from "./columns";
import { describeRows, strayValueNotice } from "./rows";
import { excelNumber, magnitudeProblem, type ScalingMethod } from "../engine";

export { DataError, isDataError, type DataErrorCode } from "./errors";
export { cellAddress, columnLetter, quoteSheetName, rangeAddress, splitAddress } from "./address";
export { analyseColumns, isNumberCell, KIND_ROWS, type ColumnAnalysis, type HeaderReason } from "./columns";

/** How many offending cells a message names; more would bury the first one. */
const MAX_EXAMPLES = 5;

export const SINGLE_CELL_MESSAGE = "Select the data to cluster: a single cell is not a data range.";

/**
 * What prepareData tells beyond PreparedData (types.ts): why the header was or was not taken, sentences
 * to show with the run (which goes ahead), and the hidden rows it left out, named as Excel names them.
 */
export type PrepareNotes = {
  headerReason: HeaderReason;
  /**
   * Sentences for the pane and the results sheet: a stray value far below the data, a column left out
   * though the rows below its first ones are numbers. The run goes ahead on the rows with data.
   */
  notices: string[];
  /** The hidden rows left out, e.g. "rows 5–9 of Data"; "" when none. */
  hiddenRows: string;
};

export type Prepared = PreparedData & PrepareNotes;

export function prepareData(raw: RawRange, options: PrepareOptions = {}): Prepared {
  const rowCount = raw.values.length;
  const columnCount = rowCount > 0 ? raw.values[0].length : 0;
  if (rowCount === 0 || columnCount === 0) {
    throw new DataError("EMPTY_RANGE", "Select the data to cluster: the selection has no cells.");
  }
  if (rowCount === 1 && columnCount === 1) {
    throw new DataError("SINGLE_CELL", SINGLE_CELL_MESSAGE);
  }
  checkShape(raw, rowCount, columnCount);
  if (raw.values.every((line, r) => line.every((v, c) => isBlankCell(v, raw.valueTypes[r][c])))) {
    throw new DataError(
      "NO_VALUES",
      `The selection ${raw.address} has no values: select the data to cluster.`,
    );
  }

  const { hasHeader, headerReason, columns, columnNotes } = analyseColumns(raw, options.header ?? "auto");
  const headerRows = hasHeader ? 1 : 0;
  const numericColumns = columns.filter((c) => c.numeric);
  if (numericColumns.length === 0) {
    const rows = `rows ${raw.firstRow + headerRows + 1}–${raw.firstRow + Math.min(rowCount, KIND_ROWS)}`;
    throw new DataError(
      "NO_NUMERIC_COLUMN",
      [
        `No column of ${raw.address} holds mostly numbers in its ${rows}${hasHeader ? " (below the header)" : ""}, which decide what each column holds, so there is nothing to cluster.`,
        ...columnNotes,
      ].join(" "),
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

  const dataRowCount = rowCount - headerRows;
  const hidden = options.visibleOnly && raw.hiddenRows ? raw.hiddenRows : null;
  const usable = new Uint8Array(dataRowCount);
  const examples: string[] = [];
  const hiddenSheetRows: number[] = [];
  const allNumbers = (r: number) =>
    features.every((c) => isNumberCell(raw.values[r][c], raw.valueTypes[r][c]));
  let offending = 0;
  let hiddenUsable = 0;
  let n = 0;
  for (let i = 0; i < dataRowCount; i++) {
    const r = i + headerRows;
    if (hidden && hidden[r]) {
      // Left out for being hidden, whatever its cells hold: a hidden row's blank is not reported as one.
      hiddenSheetRows.push(raw.firstRow + r + 1);
      if (allNumbers(r)) hiddenUsable++;
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
  const hiddenRows = hiddenSheetRows.length > 0 ? describeRows(hiddenSheetRows, raw.sheetName) : "";

  if (n === 0) {
    throw new DataError(
      "NO_USABLE_ROWS",
      noUsableRows({
        dataRowCount,
        hidden: hiddenSheetRows.length,
        hiddenRows,
        hiddenUsable,
        cells:
          examples.length > 0
            ? `${examples.join(", ")}${offending > examples.length ? " and others" : ""}`
            : "",
      }),
    );
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

  const stray = strayValueNotice(raw);
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
    hiddenSkipped: hiddenSheetRows.length,
    headerReason,
    notices: [...(stray ? [stray] : []), ...columnNotes],
    hiddenRows,
  };
}

/**
 * Why no row can be clustered, hidden rows first: when every row with numbers is hidden, that is the
 * cause, whatever the visible rows hold.
 */
function noUsableRows(s: {
  dataRowCount: number;
  hidden: number;
  hiddenRows: string;
  hiddenUsable: number;
  cells: string;
}): string {
  const show = "show them or clear the filter to cluster them";
  if (s.dataRowCount === 0)
    return "No row has a number in every feature column: there are no rows below the header.";
  if (s.hidden === s.dataRowCount) {
    return `Every row is hidden or filtered out: ${s.hiddenRows} ${s.hidden === 1 ? "is" : "are"} hidden; ${show}.`;
  }
  const visible = `The visible rows have a blank, text, TRUE/FALSE or error in a feature column: ${s.cells}.`;
  if (s.hiddenUsable > 0) {
    return `Every row with a number in each feature column is hidden: ${s.hiddenRows} ${s.hidden === 1 ? "is" : "are"} hidden; ${show}. ${visible}`;
  }
  const hiddenToo =
    s.hidden > 0 ? ` The hidden ${s.hiddenRows} ${s.hidden === 1 ? "is" : "are"} left out too.` : "";
  return `No row has a number in every feature column: ${s.cells} hold blanks, text, TRUE/FALSE or errors.${hiddenToo}`;
}

/**
 * Why rows were left out, hidden rows apart from bad cells (a hidden row is counted as hidden only, whatever
 * it holds): "2 hidden or filtered out: rows 5–6 of Data; 1 with a blank, text, TRUE/FALSE or error in a
 * feature column (e.g. Data!B7)". "" when none were. For the pane's summary and the results sheet.
 */
export function skippedReasons(prepared: PreparedData & Partial<PrepareNotes>): string {
  const { count, examples } = prepared.skipped;
  const hidden = prepared.hiddenSkipped;
  return [
    hidden > 0
      ? `${hidden} hidden or filtered out${prepared.hiddenRows ? `: ${prepared.hiddenRows}` : ""}`
      : "",
    count > hidden
      ? `${count - hidden} with a blank, text, TRUE/FALSE or error in a feature column${examples.length > 0 ? ` (e.g. ${examples.join(", ")})` : ""}`
      : "",
  ]
    .filter(Boolean)
    .join("; ");
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

/**
 * Why the data cannot be clustered with this scaling, naming the first offending cells, or null when it
 * can. Standard and min-max scaling bring any finite values into range (the engine works on columns of
 * huge or tiny values divided by a power of two); with none, the distances are taken in the data's own
 * units, and values whose squares leave the range of a double (Excel's numbers) cannot be clustered.
 * prepareData cannot know the scaling, so the pane calls this once it does, before clustering.
 */
export function checkMagnitudes(prepared: PreparedData, scaling: ScalingMethod): string | null {
  if (scaling !== "none") return null;
  const problem = magnitudeProblem(prepared.X);
  if (!problem) return null;
  const { X, rows, features, source, hasHeader } = prepared;
  const cells = problem.indices.map((index) => ({
    cell: `${columnLetter(source.firstColumn + features[index % X.cols])}${source.firstRow + (hasHeader ? 2 : 1) + rows[Math.floor(index / X.cols)]}`,
    value: excelNumber(X.data[index]),
  }));
  const named = `${cells.length === 1 ? "cell" : "cells"} ${joinAnd(cells.map((c) => c.cell))} of ${source.sheetName}`;
  const values = joinAnd(cells.map((c) => c.value));
  const limit = excelNumber(Number(problem.limit.toPrecision(1)));
  if (problem.kind === "large") {
    return (
      `${capitalise(named)} ${cells.length === 1 ? "holds" : "hold"} ${values}: with no scaling, values beyond about ${limit} ` +
      `cannot be clustered (their squared distances exceed the largest number Excel holds); choose Standard or Min-max scaling.`
    );
  }
  return (
    `The largest value of the data, ${values} in ${named}, is below ${limit}: with no scaling, values this small ` +
    `cannot be clustered (their squared distances fall below the smallest number Excel holds); choose Standard or Min-max scaling.`
  );
}

function joinAnd(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}` : items[0];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
