/** Range, its format (font, fill), and RangeAreas with its collection of ranges, as Excel answers them. */
import {
  address as formatAddress,
  bound,
  inGrid,
  intersect,
  localAddress,
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
} from "../a1";
import { SHAPE_MESSAGE } from "../errors";
import { STANDARD_WIDTH, type Cell, type Sheet } from "../workbook";
import { checkArgument, excelError, type Server } from "./protocol";
import type { Args, HostObject, PropertySpec, TypeTable } from "./types";
import { conditionalFormatsOf } from "./conditionalFormats";
import { sheetOf } from "./worksheets";

export type RangeObject = { type: "Range"; sheet: Sheet; rect: Rect };
type PartObject = { type: "RangeFormat" | "RangeFont" | "RangeFill"; sheet: Sheet; rect: Rect };
type AreasObject = { type: "RangeAreas" | "RangeCollection"; sheet: Sheet; rects: Rect[] };

export function rangeOf(sheet: Sheet, rect: Rect): RangeObject {
  if (!inGrid(rect)) throw excelError("InvalidArgument");
  return { type: "Range", sheet, rect };
}

/** A range argument: a Range object of this request, or an address ("B2:C3", "Data!B2"). */
export function rangeArgument(arg: unknown, defaultSheet: Sheet, s: Server): { sheet: Sheet; rect: Rect } {
  if (typeof arg === "string") return s.workbook.resolve(arg, defaultSheet);
  const o = arg as RangeObject | null;
  if (o && o.type === "Range") return { sheet: o.sheet, rect: o.rect };
  throw excelError("InvalidArgument");
}

/** Calls each(r, c, value) for a 2-D input that must fit rect exactly, or a single value for every cell. */
function eachInput(rect: Rect, input: unknown, each: (r: number, c: number, v: unknown) => void): void {
  if (!Array.isArray(input)) {
    for (let r = 0; r < rect.rowCount; r++) for (let c = 0; c < rect.columnCount; c++) each(r, c, input);
    return;
  }
  const fits =
    input.length === rect.rowCount &&
    input.every((line) => Array.isArray(line) && line.length === rect.columnCount);
  if (!fits) throw excelError("InvalidArgument", SHAPE_MESSAGE);
  for (let r = 0; r < rect.rowCount; r++) {
    const line = input[r] as unknown[];
    for (let c = 0; c < rect.columnCount; c++) each(r, c, line[c]);
  }
}

/** f of each cell of the range, as a 2-D array. */
function cellGrid<T>({ sheet, rect }: { sheet: Sheet; rect: Rect }, f: (cell: Cell | undefined) => T): T[][] {
  return Array.from({ length: rect.rowCount }, (_, r) =>
    Array.from({ length: rect.columnCount }, (_, c) => f(sheet.get(rect.row + r, rect.column + c))),
  );
}

function hiddenState(set: Set<number>, start: number, count: number): boolean | null {
  if (set.size === 0) return false;
  let hidden = 0;
  for (const i of set) if (i >= start && i < start + count) hidden++;
  return hidden === 0 ? false : hidden === count ? true : null;
}

export function displayText(v: unknown, fmt: string | undefined): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "number") return String(v ?? "");
  if (fmt && /%$/.test(fmt)) {
    const decimals = (/\.(0+)%$/.exec(fmt)?.[1] ?? "").length;
    return `${(v * 100).toFixed(decimals)}%`;
  }
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

const rowsHidden = ({ sheet, rect }: RangeObject) => hiddenState(sheet.hiddenRows, rect.row, rect.rowCount);
const columnsHidden = ({ sheet, rect }: RangeObject) =>
  hiddenState(sheet.hiddenColumns, rect.column, rect.columnCount);
const addressOf = ({ sheet, rect }: { sheet: Sheet; rect: Rect }) => formatAddress(sheet.name, rect);

function log(s: Server, kind: string, target: string): void {
  s.workbook.log(kind, target, "add-in");
}

/** A setter that writes each cell of the range (one value for all, or a 2-D array that fits). */
const cellWriter =
  (kind: string, write: "writeCell" | "writeFormat"): PropertySpec<RangeObject>["set"] =>
  (t, v, s) => {
    eachInput(t.rect, v, (r, c, x) => s.workbook[write](t.sheet, t.rect.row + r, t.rect.column + c, x));
    log(s, kind, addressOf(t));
  };

/** The rowHidden or columnHidden setter. */
const hider =
  (kind: "rowHidden" | "columnHidden"): PropertySpec<RangeObject>["set"] =>
  (t, v, s) => {
    checkArgument(typeof v === "boolean");
    const rows = kind === "rowHidden";
    const hidden = rows ? t.sheet.hiddenRows : t.sheet.hiddenColumns;
    const start = rows ? t.rect.row : t.rect.column;
    const end = start + (rows ? t.rect.rowCount : t.rect.columnCount);
    for (let i = start; i < end; i++) {
      if (v) hidden.add(i);
      else hidden.delete(i);
    }
    log(s, kind, addressOf(t));
  };

const read = (get: (t: RangeObject, s: Server) => unknown): PropertySpec<RangeObject> => ({ get });
const readAreas = (get: (t: AreasObject) => unknown): PropertySpec<AreasObject> => ({ get });

/** A range derived from this one; ItemNotFound when it does not exist, InvalidArgument off the grid. */
function derived(f: (t: RangeObject, args: Args, s: Server) => Rect | null, orNull = false) {
  return (t: RangeObject, args: Args, s: Server): RangeObject | null => {
    const rect = f(t, args, s);
    if (rect === null) {
      if (orNull) return null;
      throw excelError("ItemNotFound");
    }
    return rangeOf(t.sheet, rect);
  };
}

const n = (v: unknown) => Number(v);

/** Another range on the same sheet; InvalidArgument (or with orNull a null object) on another sheet. */
function combined(combine: (a: Rect, b: Rect) => Rect | null, orNull = false) {
  return derived((t, args, s) => {
    const o = rangeArgument(args[0], t.sheet, s);
    if (o.sheet === t.sheet) return combine(t.rect, o.rect);
    if (orNull) return null;
    throw excelError("InvalidArgument");
  }, orNull);
}

const rows = (from: (rect: Rect, args: Args) => number, count: (args: Args) => number) =>
  derived(({ rect }, args) => ({ ...rect, row: rect.row + from(rect, args), rowCount: count(args) }));
const columns = (from: (rect: Rect, args: Args) => number, count: (args: Args) => number) =>
  derived(({ rect }, args) => ({
    ...rect,
    column: rect.column + from(rect, args),
    columnCount: count(args),
  }));
const countArg = (args: Args) => (args[0] === undefined || args[0] === null ? 1 : n(args[0]));

// ------------------------------------------------------------------------------------------- format

/** Calls f with the "row,column" key of each cell of the range. */
function eachCell({ rect }: { rect: Rect }, f: (key: string) => void): void {
  for (let r = 0; r < rect.rowCount; r++)
    for (let c = 0; c < rect.columnCount; c++) f(`${rect.row + r},${rect.column + c}`);
}

/**
 * "Specifies the width of all columns within the range. If the column widths are not uniform, null will be
 * returned." (Excel.RangeFormat class, https://learn.microsoft.com/javascript/api/excel/excel.rangeformat)
 */
function columnWidthOf({ sheet, rect }: PartObject): number | null {
  const width = (c: number) => sheet.columnWidths.get(c) ?? STANDARD_WIDTH;
  for (let c = rect.column + 1; c < rect.column + rect.columnCount; c++)
    if (width(c) !== width(rect.column)) return null;
  return width(rect.column);
}

/** "A null value indicates that the entire range doesn't have a uniform wrap setting" (Excel.RangeFormat). */
function wrapTextOf(t: PartObject): boolean | null {
  let wrapped = 0;
  eachCell(t, (key) => void (t.sheet.wrapped.has(key) && wrapped++));
  return wrapped === 0 ? false : wrapped === t.rect.rowCount * t.rect.columnCount ? true : null;
}

/**
 * Text is measured in characters of the Normal style: "One unit of column width is equal to the width of one
 * character in the Normal style" (Range.ColumnWidth property, VBA reference,
 * https://learn.microsoft.com/office/vba/api/excel.range.columnwidth); the standard column is 8.43 of them
 * in 48 points. A width in points is an approximation of Excel's font measurement, good for comparing
 * widths, not for pixels.
 */
const POINTS_PER_CHARACTER = STANDARD_WIDTH / 8.43;
/**
 * "Column width: 255 characters" (Microsoft support, Excel worksheet and workbook limits,
 * https://support.microsoft.com/office/c13798fc-f1d5-4e73-998d-c02268bc65ae).
 */
const MAX_WIDTH_POINTS = 255 * POINTS_PER_CHARACTER;

/**
 * The best-fit width of a column, or null when it holds nothing to fit. Excel fits the data of the whole
 * column, not only of the range autofitColumns() was called on: "Range.format.autofitColumns uses entire
 * column contents instead of only the specified range" (office-js #5999, as #1017 before it). No Microsoft
 * source says how column autofit treats wrapped cells, so a wrapped cell counts at its full one-line
 * length, the widest Excel could make it: the add-in must not count on wrapping to keep a column narrow.
 */
function autofitWidth(sheet: Sheet, column: number): number | null {
  let longest = -1;
  for (const line of sheet.rows.values()) {
    const cell = line[column];
    if (cell && cell.t !== "Empty") longest = Math.max(longest, displayText(cell.v, cell.fmt).length);
  }
  if (longest < 0) return null;
  // One character of padding, as the cell margins.
  return Math.min(MAX_WIDTH_POINTS, Math.round((longest + 1) * POINTS_PER_CHARACTER * 100) / 100);
}

/** A format property Excel keeps but the test workbook only logs when the add-in sets it. */
const logged = (what: string, value: unknown): PropertySpec<PartObject> => ({
  get: () => value,
  set: (t, _v, s) => log(s, "format", `${addressOf(t)} ${what}`),
});

const part = (type: PartObject["type"]) => (t: { sheet: Sheet; rect: Rect }) => ({
  type,
  sheet: t.sheet,
  rect: t.rect,
});

// ------------------------------------------------------------------------------------------- types

export const RANGE_TYPES: TypeTable = {
  Range: {
    referable: true,
    properties: {
      Address: read(addressOf),
      AddressLocal: read(addressOf),
      CellCount: read(({ rect }) => rect.rowCount * rect.columnCount),
      ColumnCount: read(({ rect }) => rect.columnCount),
      ColumnHidden: { get: columnsHidden, set: hider("columnHidden") },
      ColumnIndex: read(({ rect }) => rect.column),
      Formulas: {
        get: (t) => cellGrid(t, (cell) => cell?.f ?? cell?.v ?? ""),
        set: cellWriter("formulas", "writeCell"),
      },
      Hidden: read((t) => rowsHidden(t) === true || columnsHidden(t) === true),
      IsEntireColumn: read(({ rect }) => rect.row === 0 && rect.rowCount === MAX_ROWS),
      IsEntireRow: read(({ rect }) => rect.column === 0 && rect.columnCount === MAX_COLUMNS),
      NumberFormat: {
        get: (t) => cellGrid(t, (cell) => cell?.fmt ?? "General"),
        set: cellWriter("numberFormat", "writeFormat"),
      },
      RowCount: read(({ rect }) => rect.rowCount),
      RowHidden: { get: rowsHidden, set: hider("rowHidden") },
      RowIndex: read(({ rect }) => rect.row),
      Text: read((t) => cellGrid(t, (cell) => displayText(cell?.v ?? "", cell?.fmt))),
      ValueTypes: read(({ sheet, rect }, s) => s.workbook.typesOf(sheet, rect)),
      Values: {
        get: ({ sheet, rect }, s) => s.workbook.valuesOf(sheet, rect),
        set: cellWriter("values", "writeCell"),
      },
    },
    children: {
      Format: part("RangeFormat"),
      /** "The collection of ConditionalFormats that intersect the range" (Excel.Range, ExcelApi 1.6). */
      ConditionalFormats: (t: RangeObject) => conditionalFormatsOf(t.sheet, t.rect),
      Worksheet: (t: RangeObject) => sheetOf(t.sheet),
      GetCell: derived(({ rect }, [row, column]) => ({
        row: rect.row + n(row),
        column: rect.column + n(column),
        rowCount: 1,
        columnCount: 1,
      })),
      GetOffsetRange: derived(({ rect }, [rowOffset, columnOffset]) => ({
        ...rect,
        row: rect.row + n(rowOffset),
        column: rect.column + n(columnOffset),
      })),
      GetResizedRange: derived(({ rect }, [deltaRows, deltaColumns]) => ({
        ...rect,
        rowCount: rect.rowCount + n(deltaRows),
        columnCount: rect.columnCount + n(deltaColumns),
      })),
      GetAbsoluteResizedRange: derived(({ rect }, [numRows, numColumns]) => ({
        ...rect,
        rowCount: n(numRows),
        columnCount: n(numColumns),
      })),
      GetRow: derived(({ rect }, [row]) =>
        n(row) >= 0 && n(row) < rect.rowCount
          ? { ...rect, row: rect.row + n(row), rowCount: 1 }
          : { ...rect, rowCount: 0 },
      ),
      GetColumn: derived(({ rect }, [column]) =>
        n(column) >= 0 && n(column) < rect.columnCount
          ? { ...rect, column: rect.column + n(column), columnCount: 1 }
          : { ...rect, columnCount: 0 },
      ),
      GetEntireColumn: derived(({ rect }) => ({ ...rect, row: 0, rowCount: MAX_ROWS })),
      GetEntireRow: derived(({ rect }) => ({ ...rect, column: 0, columnCount: MAX_COLUMNS })),
      GetLastRow: rows(
        (rect) => rect.rowCount - 1,
        () => 1,
      ),
      GetLastColumn: columns(
        (rect) => rect.columnCount - 1,
        () => 1,
      ),
      GetLastCell: derived(({ rect }) => ({
        row: rect.row + rect.rowCount - 1,
        column: rect.column + rect.columnCount - 1,
        rowCount: 1,
        columnCount: 1,
      })),
      GetRowsBelow: rows((rect) => rect.rowCount, countArg),
      GetRowsAbove: rows((_rect, args) => -countArg(args), countArg),
      GetColumnsAfter: columns((rect) => rect.columnCount, countArg),
      GetColumnsBefore: columns((_rect, args) => -countArg(args), countArg),
      GetIntersection: combined(intersect),
      GetIntersectionOrNullObject: combined(intersect, true),
      GetBoundingRect: combined(bound),
      GetUsedRange: derived((t, [valuesOnly]) => t.sheet.usedWithin(t.rect, valuesOnly === true)),
      GetUsedRangeOrNullObject: derived(
        (t, [valuesOnly]) => t.sheet.usedWithin(t.rect, valuesOnly === true),
        true,
      ),
    },
    methods: {
      /**
       * Microsoft's client splits a write of more than 1,500 cells into row blocks and first asks Excel to
       * check the array's size against the range ("_ValidateArraySize", observed on the wire).
       */
      _ValidateArraySize: (t: RangeObject, [rowCount, columnCount]) => {
        if (n(rowCount) !== t.rect.rowCount || n(columnCount) !== t.rect.columnCount)
          throw excelError("InvalidArgument", SHAPE_MESSAGE);
        return null;
      },
      Clear: (t: RangeObject, [applyTo], s) => {
        const what = (applyTo ?? "All") as "All" | "Contents" | "Formats";
        checkArgument(what === "All" || what === "Contents" || what === "Formats");
        for (let r = 0; r < t.rect.rowCount; r++)
          for (let c = 0; c < t.rect.columnCount; c++)
            s.workbook.clearCell(t.sheet, t.rect.row + r, t.rect.column + c, what);
        log(s, "clear", addressOf(t));
        return null;
      },
      Select: (t: RangeObject, _args, s) => {
        s.workbook.select(t.sheet.name, localAddress(t.rect));
        return null;
      },
    },
  },

  RangeFormat: {
    properties: {
      // Whole columns: the width of every column the range touches.
      ColumnWidth: {
        get: columnWidthOf,
        set: (t: PartObject, v, s) => {
          checkArgument(typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= MAX_WIDTH_POINTS);
          for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++)
            t.sheet.columnWidths.set(c, v as number);
          log(s, "format", `${addressOf(t)} columnWidth`);
        },
      },
      RowHeight: logged("rowHeight", 15),
      HorizontalAlignment: logged("horizontalAlignment", "General"),
      WrapText: {
        get: wrapTextOf,
        set: (t: PartObject, v, s) => {
          checkArgument(typeof v === "boolean");
          eachCell(t, (key) => (v ? t.sheet.wrapped.add(key) : t.sheet.wrapped.delete(key)));
          log(s, "format", `${addressOf(t)} wrapText`);
        },
      },
    },
    children: { Font: part("RangeFont"), Fill: part("RangeFill") },
    methods: {
      AutofitColumns: (t: PartObject, _args, s) => {
        t.sheet.autofitted.push(t.rect);
        for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++) {
          const width = autofitWidth(t.sheet, c);
          if (width !== null) t.sheet.columnWidths.set(c, width);
        }
        log(s, "format", `${addressOf(t)} autofitColumns`);
        return null;
      },
      AutofitRows: (t: PartObject, _args, s) => {
        log(s, "format", `${addressOf(t)} autofitRows`);
        return null;
      },
    },
  },

  RangeFont: {
    properties: {
      Bold: {
        get: ({ sheet, rect }: PartObject) => {
          let bold = 0;
          eachCell({ rect }, (key) => void (sheet.bold.has(key) && bold++));
          return bold === 0 ? false : bold === rect.rowCount * rect.columnCount ? true : null;
        },
        set: (t: PartObject, v, s) => {
          checkArgument(typeof v === "boolean");
          eachCell(t, (key) => (v ? t.sheet.bold.add(key) : t.sheet.bold.delete(key)));
          log(s, "format", `${addressOf(t)} bold`);
        },
      },
      Italic: logged("italic", false),
      Color: logged("font color", "#000000"),
      Name: logged("font name", "Aptos Narrow"),
      Size: logged("font size", 11),
    },
  },

  RangeFill: {
    properties: { Color: logged("fill color", null) },
    methods: {
      Clear: (t: PartObject, _args, s) => {
        log(s, "format", `${addressOf(t)} fill clear`);
        return null;
      },
    },
  },

  RangeAreas: {
    properties: {
      Address: readAreas(areasAddress),
      AddressLocal: readAreas(areasAddress),
      AreaCount: readAreas(({ rects }) => rects.length),
      CellCount: readAreas(({ rects }) => rects.reduce((k, r) => k + r.rowCount * r.columnCount, 0)),
      IsEntireColumn: readAreas(({ rects }) => rects.every((r) => r.row === 0 && r.rowCount === MAX_ROWS)),
      IsEntireRow: readAreas(({ rects }) =>
        rects.every((r) => r.column === 0 && r.columnCount === MAX_COLUMNS),
      ),
    },
    children: {
      Areas: (t: AreasObject) => ({ type: "RangeCollection", sheet: t.sheet, rects: t.rects }),
      Worksheet: (t: AreasObject) => sheetOf(t.sheet),
    },
  },

  RangeCollection: {
    properties: {
      Count: { get: ({ rects }: AreasObject) => rects.length },
    },
    items: (t: AreasObject) => t.rects.map((rect) => rangeOf(t.sheet, rect)),
    children: {
      GetItemAt: (t: AreasObject, [index]) => {
        const rect = t.rects[n(index)];
        if (!rect) throw excelError("ItemNotFound");
        return rangeOf(t.sheet, rect);
      },
    },
    methods: { GetCount: (t: AreasObject) => t.rects.length },
  },
};

function areasAddress({ sheet, rects }: AreasObject): string {
  return rects.map((r) => formatAddress(sheet.name, r)).join(", ");
}

export type { HostObject };
