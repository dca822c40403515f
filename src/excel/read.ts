/// <reference types="office-js" />
/**
 * Reading the selection. Each function takes a request context, so Excel.run stays in host.ts and tests
 * can pass a fake context.
 */
import type { RawRange, SelectionInfo } from "./types";
import { MAX_COLUMNS, rangeAddress, splitAddress } from "./address";
import { forEachRowBlock, utf8Bytes, type BlockLoopOptions } from "./blocks";
import { WorkbookError } from "./errors";

export type ReadOptions = BlockLoopOptions & {
  /** ExcelApi 1.9 (getSelectedRanges), so multi-area selections can be told apart. Default true. */
  multiAreaApi?: boolean;
  /** Read only the first rows (a preview); hidden rows are then not looked up. */
  maxRows?: number;
  /** Look up hidden and filtered rows. Default true. */
  hiddenRows?: boolean;
  /** Give up looking up hidden rows after this many row probes; the range is then read as all visible. */
  maxHiddenProbes?: number;
  /** Read values only and tell the types from them (valueTypeOf), which halves what a read moves. */
  typesFromValues?: boolean;
  /** Also learn, with the first block, whether the column right of the range is empty (labelColumnEmpty). */
  labelColumn?: boolean;
};

export const MULTI_AREA_MESSAGE = "Select one block of cells: multi-area selections cannot be clustered.";

/**
 * A selection with no values at all and more cells than this is refused rather than read: it is a whole
 * column or sheet selected on an empty sheet, and reading a million blanks only to report them is slow.
 */
const MAX_EMPTY_SELECTION_CELLS = 10_000;

/** Above this, filters leave so many separate runs of rows that looking them all up costs more than reading. */
export const DEFAULT_MAX_HIDDEN_PROBES = 20_000;
/** Row probes per request while looking up hidden rows; each is a small range with one property. */
export const HIDDEN_PROBES_PER_SYNC = 2_000;

/** A first guess at a value's bytes in a response, before one is measured: any number fits (`-1.2345678901234567e-100,`). */
const VALUE_BYTES_PER_CELL = 25;
/** A value type's bytes (`"Boolean",` is the longest). */
const TYPE_BYTES_PER_CELL = 10;

/**
 * Excel's error values as Range.values gives them: "Cells that contain an error will return the error
 * string" (Excel.Range.values, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 */
const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#CONNECT!",
  "#BUSY!",
  "#PYTHON!",
  "#TIMEOUT!",
]);

/**
 * A cell's Excel.RangeValueType told from its value alone. Values are numbers, booleans or strings, an empty
 * cell is "" and an error is its string, so one read of values says what clustering needs: a number or not,
 * and whether a header cell is text. Reading valueTypes as well would add a quoted type name (about 9 bytes)
 * to every cell of every response, more than the values themselves often take. The cases this cannot tell,
 * a formula showing "" (String, read as Empty) and text typed as an error's spelling, are neither numbers
 * nor header text either way.
 */
export function valueTypeOf(value: unknown): string {
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  if (value === "" || value === null || value === undefined) return "Empty";
  return typeof value === "string" && ERROR_VALUES.has(value) ? "Error" : "String";
}

type Place = {
  sheetName: string;
  address: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
};

export async function readSelectionInfo(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<SelectionInfo> {
  if (options.multiAreaApi === false) {
    const range = context.workbook.getSelectedRange();
    range.load("address, rowCount, columnCount");
    // The selection is always on the active sheet.
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    await context.sync();
    return {
      address: range.address,
      sheetName: sheet.name,
      rowCount: range.rowCount,
      columnCount: range.columnCount,
      areaCount: 1,
    };
  }
  const areas = context.workbook.getSelectedRanges();
  areas.load("address, areaCount");
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const first = areas.areas.getItemAt(0);
  first.load("rowCount, columnCount");
  await context.sync();
  return {
    address: areas.address,
    sheetName: sheet.name,
    rowCount: first.rowCount,
    columnCount: first.columnCount,
    areaCount: areas.areaCount,
  };
}

/**
 * The selected block's values, trimmed to the cells in it that hold values: selecting whole columns is
 * common, and the million empty rows below the data would otherwise be read and reported as skipped. A
 * stray value far below the data still stretches it; prepareData names that value (rows.ts).
 */
export async function readSelectedRange(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<RawRange> {
  let selected: Excel.Range;
  let areas: Excel.RangeAreas | null = null;
  if (options.multiAreaApi === false) {
    selected = context.workbook.getSelectedRange();
  } else {
    // Taking the first area (rather than getSelectedRange, which fails on several areas) lets one
    // request both count the areas and locate the data.
    areas = context.workbook.getSelectedRanges();
    areas.load("areaCount");
    selected = areas.areas.getItemAt(0);
  }
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  // Protection rides along: a protected sheet is told before the job runs, not after (preflight.ts).
  sheet.load("name, id, protection/protected");
  selected.load("address, rowIndex, columnIndex, rowCount, columnCount");
  // The selection's own used part: null when it holds no value, even on an empty sheet (whose used range
  // is A1, so intersecting with it would read A1 for a whole-column selection and call it a single cell),
  // and no taller than its last value (data elsewhere on the sheet does not stretch it).
  const trimmed = selected.getUsedRangeOrNullObject(true);
  trimmed.load("address, rowIndex, columnIndex, rowCount, columnCount, rowHidden");
  await context.sync();

  if (areas && areas.areaCount > 1) throw new WorkbookError("MULTI_AREA", MULTI_AREA_MESSAGE);
  let place: Place;
  let rowHidden: boolean | null;
  if (trimmed.isNullObject) {
    if (selected.rowCount * selected.columnCount > MAX_EMPTY_SELECTION_CELLS) {
      throw new WorkbookError(
        "EMPTY_SELECTION",
        `The selection ${selected.address} has no values: select the data to cluster.`,
      );
    }
    place = placeOf(sheet.name, selected);
    rowHidden = false;
  } else {
    place = placeOf(sheet.name, trimmed);
    rowHidden = trimmed.rowHidden;
  }
  return readPlace(context, sheet, place, rowHidden, options);
}

/** A range by its sheet-qualified address, as stored for Re-run; read exactly, not trimmed. */
export async function readRangeAt(
  context: Excel.RequestContext,
  address: string,
  options: ReadOptions = {},
): Promise<RawRange> {
  const { sheetName, local } = splitAddress(address);
  let sheet: Excel.Worksheet;
  if (sheetName === null) {
    sheet = context.workbook.worksheets.getActiveWorksheet();
  } else {
    const found = context.workbook.worksheets.getItemOrNullObject(sheetName);
    await context.sync();
    if (found.isNullObject) {
      throw new WorkbookError(
        "SOURCE_NOT_FOUND",
        `The sheet "${sheetName}" of ${address} no longer exists: select the data and cluster it again.`,
      );
    }
    sheet = found;
  }
  // Protection rides along: a protected sheet is told before the job runs, not after (preflight.ts).
  sheet.load("name, id, protection/protected");
  const range = sheet.getRange(local);
  range.load("address, rowIndex, columnIndex, rowCount, columnCount, rowHidden");
  await context.sync();
  return readPlace(context, sheet, placeOf(sheet.name, range), range.rowHidden, options);
}

function placeOf(sheetName: string, range: Excel.Range): Place {
  return {
    sheetName,
    address: range.address,
    row: range.rowIndex,
    column: range.columnIndex,
    rowCount: range.rowCount,
    columnCount: range.columnCount,
  };
}

async function readPlace(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  whole: Place,
  rowHidden: boolean | null,
  options: ReadOptions,
): Promise<RawRange> {
  const place =
    options.maxRows !== undefined && options.maxRows < whole.rowCount
      ? { ...whole, rowCount: Math.max(1, options.maxRows) }
      : whole;
  // Queued now, it travels with the first block: whether the label column beside the data is empty, which
  // the pane needs next and would otherwise ask for in a request of its own.
  const labelColumn = place === whole && options.labelColumn ? usedLabelColumn(sheet, place) : null;
  const { values, valueTypes } = await readValues(context, sheet, place, options);
  const raw: RawRange = {
    address:
      place === whole
        ? whole.address
        : rangeAddress(place.sheetName, place.row, place.column, place.rowCount, place.columnCount),
    sheetName: place.sheetName,
    // The sheet's id outlives a rename: at write time it tells a renamed data sheet from a deleted one.
    sheetId: sheet.id,
    sheetProtected: sheet.protection.protected,
    firstRow: place.row,
    firstColumn: place.column,
    values,
    valueTypes,
  };
  if (labelColumn) {
    try {
      raw.labelColumnEmpty = labelColumn.isNullObject;
    } catch {
      // Its block was refused for its size and retried smaller without it: the pane asks on its own.
    }
  }
  if (place === whole && options.hiddenRows !== false) {
    const hidden = await readHiddenRows(context, sheet, place, rowHidden, options.maxHiddenProbes);
    if (hidden) raw.hiddenRows = hidden;
  }
  return raw;
}

/** The used part of the column right of the range (null object when empty); null when there is none. */
function usedLabelColumn(sheet: Excel.Worksheet, place: Place): Excel.Range | null {
  const column = place.column + place.columnCount;
  if (column >= MAX_COLUMNS) return null;
  const used = sheet.getRangeByIndexes(place.row, column, place.rowCount, 1).getUsedRangeOrNullObject(true);
  used.load("rowCount");
  return used;
}

/**
 * Values and their types, a block of rows per request. With typesFromValues only values are read and
 * valueTypeOf gives the types; either way each block's response is measured, so the next block fills a
 * request (blocks.ts).
 */
export async function readValues(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  place: Pick<Place, "row" | "column" | "rowCount" | "columnCount">,
  options: BlockLoopOptions & { typesFromValues?: boolean } = {},
): Promise<{ values: unknown[][]; valueTypes: string[][] }> {
  const values: unknown[][] = [];
  const valueTypes: string[][] = [];
  const derive = options.typesFromValues === true;
  await forEachRowBlock(
    place.rowCount,
    place.columnCount,
    async ({ start, rows }) => {
      const block = sheet.getRangeByIndexes(place.row + start, place.column, rows, place.columnCount);
      block.load("values");
      if (!derive) block.load("valueTypes");
      await context.sync();
      const blockValues = block.values;
      const blockTypes = derive ? blockValues.map((line) => line.map(valueTypeOf)) : block.valueTypes;
      // Row by row: spreading a 50,000-row block into push() would overflow the call stack.
      for (let i = 0; i < rows; i++) {
        values.push(blockValues[i]);
        valueTypes.push(blockTypes[i]);
      }
      // What the response carried (JSON, as it travelled), to size the next block.
      return utf8Bytes(JSON.stringify(blockValues)) + (derive ? 0 : utf8Bytes(JSON.stringify(blockTypes)));
    },
    { bytesPerCell: VALUE_BYTES_PER_CELL + (derive ? 0 : TYPE_BYTES_PER_CELL), ...options },
  );
  return { values, valueTypes };
}

/**
 * Which rows are hidden (by hand or by a filter). Range.rowHidden is true when every row of a range is
 * hidden, false when none is, and null when some are, so the range is halved where it is mixed: a filter
 * that hides runs of rows costs a few requests, not one per row. Per-row ranges were the alternative (one
 * proxy per row); getVisibleView() lists visible cells but not their sheet rows cheaply; getSpecialCells
 * ("Visible") needs ExcelApi 1.9 and throws when nothing is visible. Returns undefined when the pattern is
 * too fragmented to look up within maxProbes: the caller then treats every row as visible.
 */
export async function readHiddenRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  place: Pick<Place, "row" | "column" | "rowCount">,
  wholeRowHidden: boolean | null,
  maxProbes = DEFAULT_MAX_HIDDEN_PROBES,
): Promise<boolean[] | undefined> {
  const hidden = new Array<boolean>(place.rowCount).fill(wholeRowHidden === true);
  if (wholeRowHidden === true || wholeRowHidden === false) return hidden;
  let mixed = [{ start: 0, rows: place.rowCount }];
  let probes = 0;
  while (mixed.length > 0) {
    const halves = mixed.flatMap(({ start, rows }) => {
      const h = Math.floor(rows / 2);
      return [
        { start, rows: h },
        { start: start + h, rows: rows - h },
      ];
    });
    probes += halves.length;
    if (probes > maxProbes) return undefined;
    mixed = [];
    for (let i = 0; i < halves.length; i += HIDDEN_PROBES_PER_SYNC) {
      const chunk = halves.slice(i, i + HIDDEN_PROBES_PER_SYNC);
      const ranges = chunk.map(({ start, rows }) => {
        const r = sheet.getRangeByIndexes(place.row + start, place.column, rows, 1);
        r.load("rowHidden");
        return r;
      });
      // One request per level of halving (and per chunk of probes): which ranges to probe next depends
      // on the answers, so the requests cannot be merged.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      chunk.forEach((segment, j) => {
        const value = ranges[j].rowHidden as boolean | null;
        if (value === true) hidden.fill(true, segment.start, segment.start + segment.rows);
        // A single row cannot be mixed; should a host say so anyway, it is read as visible.
        else if (value !== false && segment.rows > 1) mixed.push(segment);
      });
      // Each probe is read once. Excel.run would hold all of them (up to maxProbes) until it ends; untracked,
      // Excel lets go of a chunk at the next sync ("Untrack unneeded proxy objects", Resource limits and
      // performance optimization for Office Add-ins, https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization,
      // which "Performance optimization using the Excel JavaScript API" points to). The last chunk is left
      // to Excel.run, whose clean-up after the batch releases it: the untracking travels with the next
      // request, and after the last chunk there is none, so it would cost a request of its own.
      const last = mixed.length === 0 && i + HIDDEN_PROBES_PER_SYNC >= halves.length;
      if (!last) context.trackedObjects.remove(ranges);
    }
  }
  return hidden;
}
