/** Range, its format (font, fill), and RangeAreas with its collection of ranges. */
import {
  address as formatAddress,
  bound,
  inGrid,
  intersect,
  localAddress,
  MAX_COLUMNS,
  MAX_ROWS,
} from "../a1";
import type { Rect } from "../a1";
import { ErrorCodes, officeError, SHAPE_MESSAGE } from "../errors";
import { STANDARD_WIDTH, type Cell, type Sheet } from "../workbook";
import { checkArgument, ClientObject, found, proxyMaker, props, result } from "./clientObject";
import type { ClientResult, Fields } from "./clientObject";
import { CollectionApi, loadItems } from "./collections";
import { worksheetApi, type WorksheetApi } from "./worksheets";

export type RangeTarget = { sheet: Sheet; rect: Rect };
export type AreasTarget = { sheet: Sheet; rects: Rect[] };

/** Calls each(r, c, value) for a 2-D input that must fit rect exactly, or a single value for every cell. */
function eachInput(rect: Rect, input: unknown, each: (r: number, c: number, v: unknown) => void): void {
  if (!Array.isArray(input)) {
    for (let r = 0; r < rect.rowCount; r++) for (let c = 0; c < rect.columnCount; c++) each(r, c, input);
    return;
  }
  const fits =
    input.length === rect.rowCount &&
    input.every((line) => Array.isArray(line) && line.length === rect.columnCount);
  if (!fits) throw officeError(ErrorCodes.invalidArgument, SHAPE_MESSAGE);
  for (let r = 0; r < rect.rowCount; r++) {
    const line = input[r] as unknown[];
    for (let c = 0; c < rect.columnCount; c++) each(r, c, line[c]);
  }
}

/** f of each cell of the range, as a 2-D array. */
function cellGrid<T>({ sheet, rect }: RangeTarget, f: (cell: Cell | undefined) => T): T[][] {
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

function displayText(v: unknown, fmt: string | undefined): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "number") return String(v ?? "");
  if (fmt && /%$/.test(fmt)) {
    const decimals = (/\.(0+)%$/.exec(fmt)?.[1] ?? "").length;
    return `${(v * 100).toFixed(decimals)}%`;
  }
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

const rowsHidden = ({ sheet, rect }: RangeTarget) => hiddenState(sheet.hiddenRows, rect.row, rect.rowCount);
const columnsHidden = ({ sheet, rect }: RangeTarget) =>
  hiddenState(sheet.hiddenColumns, rect.column, rect.columnCount);
const addressOf = ({ sheet, rect }: RangeTarget) => formatAddress(sheet.name, rect);

export class RangeApi extends ClientObject<RangeTarget> {
  readonly format: RangeFormatApi = this._part(RangeFormatApi, "format", "RangeFormat");

  _fields(): Fields<RangeTarget> {
    const wb = this._wb;
    return {
      address: addressOf,
      addressLocal: addressOf,
      cellCount: ({ rect }) => rect.rowCount * rect.columnCount,
      columnCount: ({ rect }) => rect.columnCount,
      columnHidden: columnsHidden,
      columnIndex: ({ rect }) => rect.column,
      formulas: (t) => cellGrid(t, (cell) => cell?.f ?? cell?.v ?? ""),
      hidden: (t) => rowsHidden(t) === true || columnsHidden(t) === true,
      isEntireColumn: ({ rect }) => rect.row === 0 && rect.rowCount === MAX_ROWS,
      isEntireRow: ({ rect }) => rect.column === 0 && rect.columnCount === MAX_COLUMNS,
      numberFormat: (t) => cellGrid(t, (cell) => cell?.fmt ?? "General"),
      rowCount: ({ rect }) => rect.rowCount,
      rowHidden: rowsHidden,
      rowIndex: ({ rect }) => rect.row,
      text: (t) => cellGrid(t, (cell) => displayText(cell?.v ?? "", cell?.fmt)),
      valueTypes: ({ sheet, rect }) => wb.typesOf(sheet, rect),
      values: ({ sheet, rect }) => wb.valuesOf(sheet, rect),
    };
  }

  _nav(name: string): ClientObject | undefined {
    return name === "format" ? this.format : undefined;
  }

  /** Excel.run keeps every Range a request uses until the run ends or it is untracked (context.ts). */
  _keepsReference(): boolean {
    return true;
  }

  get worksheet(): WorksheetApi {
    return worksheetApi(this._ctx, `${this._path}.worksheet`, () => this._target().sheet);
  }

  private derived(label: string, f: (t: RangeTarget) => Rect | null, orNull = false): RangeApi {
    const r = rangeApi(this._ctx, `${this._path}.${label}`, () => {
      const t = this._locate();
      if (!t) return null;
      const rect = f(t);
      if (rect === null) {
        if (orNull) return null;
        throw officeError(ErrorCodes.itemNotFound);
      }
      if (!inGrid(rect)) throw officeError(ErrorCodes.invalidArgument);
      return { sheet: t.sheet, rect };
    });
    return orNull ? r._instantiate() : r;
  }

  getCell(row: number, column: number): RangeApi {
    return this.derived(`getCell(${row},${column})`, ({ rect }) => ({
      row: rect.row + row,
      column: rect.column + column,
      rowCount: 1,
      columnCount: 1,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeApi {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, ({ rect }) => ({
      ...rect,
      row: rect.row + rowOffset,
      column: rect.column + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeApi {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, ({ rect }) => ({
      ...rect,
      rowCount: rect.rowCount + deltaRows,
      columnCount: rect.columnCount + deltaColumns,
    }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeApi {
    return this.derived(`getAbsoluteResizedRange(${numRows},${numColumns})`, ({ rect }) => ({
      ...rect,
      rowCount: numRows,
      columnCount: numColumns,
    }));
  }

  getRow(row: number): RangeApi {
    return this.derived(`getRow(${row})`, ({ rect }) =>
      row >= 0 && row < rect.rowCount
        ? { ...rect, row: rect.row + row, rowCount: 1 }
        : { ...rect, rowCount: 0 },
    );
  }

  getColumn(column: number): RangeApi {
    return this.derived(`getColumn(${column})`, ({ rect }) =>
      column >= 0 && column < rect.columnCount
        ? { ...rect, column: rect.column + column, columnCount: 1 }
        : { ...rect, columnCount: 0 },
    );
  }

  getEntireColumn(): RangeApi {
    return this.derived("getEntireColumn()", ({ rect }) => ({ ...rect, row: 0, rowCount: MAX_ROWS }));
  }

  getEntireRow(): RangeApi {
    return this.derived("getEntireRow()", ({ rect }) => ({ ...rect, column: 0, columnCount: MAX_COLUMNS }));
  }

  /** `count` rows starting `from` rows below the range's first row. */
  private _rows(label: string, from: (rect: Rect) => number, count: number): RangeApi {
    return this.derived(label, ({ rect }) => ({ ...rect, row: rect.row + from(rect), rowCount: count }));
  }

  /** `count` columns starting `from` columns right of the range's first column. */
  private _columns(label: string, from: (rect: Rect) => number, count: number): RangeApi {
    return this.derived(label, ({ rect }) => ({
      ...rect,
      column: rect.column + from(rect),
      columnCount: count,
    }));
  }

  getLastRow(): RangeApi {
    return this._rows("getLastRow()", (rect) => rect.rowCount - 1, 1);
  }

  getLastColumn(): RangeApi {
    return this._columns("getLastColumn()", (rect) => rect.columnCount - 1, 1);
  }

  getLastCell(): RangeApi {
    return this.derived("getLastCell()", ({ rect }) => ({
      row: rect.row + rect.rowCount - 1,
      column: rect.column + rect.columnCount - 1,
      rowCount: 1,
      columnCount: 1,
    }));
  }

  getRowsBelow(count = 1): RangeApi {
    return this._rows(`getRowsBelow(${count})`, (rect) => rect.rowCount, count);
  }

  getRowsAbove(count = 1): RangeApi {
    return this._rows(`getRowsAbove(${count})`, () => -count, count);
  }

  getColumnsAfter(count = 1): RangeApi {
    return this._columns(`getColumnsAfter(${count})`, (rect) => rect.columnCount, count);
  }

  getColumnsBefore(count = 1): RangeApi {
    return this._columns(`getColumnsBefore(${count})`, () => -count, count);
  }

  private other(range: RangeApi | string, here: RangeTarget): RangeTarget {
    if (typeof range === "string") {
      const { sheet, rect } = this._wb.resolve(range, here.sheet);
      return { sheet, rect };
    }
    return range._target();
  }

  /**
   * A range made of this one and another on the same sheet: on another sheet, InvalidArgument (or with
   * orNull a null object).
   */
  private _combined(
    label: string,
    range: RangeApi | string,
    combine: (a: Rect, b: Rect) => Rect | null,
    orNull = false,
  ): RangeApi {
    this._sameContext(range);
    return this.derived(
      label,
      (t) => {
        const o = this.other(range, t);
        if (o.sheet === t.sheet) return combine(t.rect, o.rect);
        if (orNull) return null;
        throw officeError(ErrorCodes.invalidArgument);
      },
      orNull,
    );
  }

  getIntersection(range: RangeApi | string): RangeApi {
    return this._combined(`getIntersection()`, range, intersect);
  }

  getIntersectionOrNullObject(range: RangeApi | string): RangeApi {
    return this._combined(`getIntersectionOrNullObject()`, range, intersect, true);
  }

  getBoundingRect(range: RangeApi | string): RangeApi {
    return this._combined(`getBoundingRect()`, range, bound);
  }

  getUsedRange(valuesOnly?: boolean): RangeApi {
    return this.derived(`getUsedRange(${valuesOnly ?? ""})`, (t) =>
      t.sheet.usedWithin(t.rect, valuesOnly === true),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeApi {
    return this.derived(
      `getUsedRangeOrNullObject(${valuesOnly ?? ""})`,
      (t) => t.sheet.usedWithin(t.rect, valuesOnly === true),
      true,
    );
  }

  clear(applyTo: string = "All"): void {
    this._op(
      `clear(${applyTo})`,
      (what) => {
        checkArgument(what === "All" || what === "Contents" || what === "Formats");
        const { sheet, rect } = this._target();
        for (let r = 0; r < rect.rowCount; r++) {
          for (let c = 0; c < rect.columnCount; c++)
            this._wb.clearCell(sheet, rect.row + r, rect.column + c, what);
        }
        this._log("clear", formatAddress(sheet.name, rect));
      },
      applyTo,
    );
  }

  select(): void {
    this._op("select()", () => {
      const { sheet, rect } = this._target();
      this._wb.select(sheet.name, localAddress(rect));
    });
  }
}

export const rangeApi = proxyMaker(RangeApi, "Range");

/** A setter that writes each cell of the range (one value for all, or a 2-D array that fits). */
const cellWriter =
  (kind: string, write: "writeCell" | "writeFormat") => (self: RangeApi, t: RangeTarget, v: unknown) => {
    eachInput(t.rect, v, (r, c, x) => self._wb[write](t.sheet, t.rect.row + r, t.rect.column + c, x));
    self._log(kind, addressOf(t));
  };

/** The rowHidden or columnHidden setter. */
const hider = (kind: "rowHidden" | "columnHidden") => (self: RangeApi, t: RangeTarget, v: unknown) => {
  checkArgument(typeof v === "boolean");
  const rows = kind === "rowHidden";
  const hidden = rows ? t.sheet.hiddenRows : t.sheet.hiddenColumns;
  const start = rows ? t.rect.row : t.rect.column;
  const end = start + (rows ? t.rect.rowCount : t.rect.columnCount);
  for (let i = start; i < end; i++) {
    if (v) hidden.add(i);
    else hidden.delete(i);
  }
  self._log(kind, addressOf(t));
};

props(RangeApi, {
  address: null,
  addressLocal: null,
  cellCount: null,
  columnCount: null,
  columnIndex: null,
  isEntireColumn: null,
  isEntireRow: null,
  rowCount: null,
  rowIndex: null,
  text: null,
  valueTypes: null,
  hidden: null,
  values: cellWriter("values", "writeCell"),
  formulas: cellWriter("formulas", "writeCell"),
  numberFormat: cellWriter("numberFormat", "writeFormat"),
  rowHidden: hider("rowHidden"),
  columnHidden: hider("columnHidden"),
});

class RangeFormatApi extends ClientObject<RangeTarget> {
  readonly font: RangeFontApi = this._part(RangeFontApi, "font", "RangeFont");
  readonly fill: RangeFillApi = this._part(RangeFillApi, "fill", "RangeFill");

  _fields(): Fields<RangeTarget> {
    return {
      columnWidth: columnWidthOf,
      rowHeight: () => 15,
      horizontalAlignment: () => "General",
      wrapText: wrapTextOf,
    };
  }

  _nav(name: string): ClientObject | undefined {
    return name === "font" ? this.font : name === "fill" ? this.fill : undefined;
  }

  autofitColumns(): void {
    this._op("autofitColumns()", () => {
      const { sheet, rect } = this._target();
      sheet.autofitted.push(rect);
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
        const width = autofitWidth(sheet, c);
        if (width !== null) sheet.columnWidths.set(c, width);
      }
      this._log("format", `${formatAddress(sheet.name, rect)} autofitColumns`);
    });
  }

  autofitRows(): void {
    this._op("autofitRows()", () => {
      const { sheet, rect } = this._target();
      this._log("format", `${formatAddress(sheet.name, rect)} autofitRows`);
    });
  }
}

/** A format setter that only logs what the add-in set. */
const formatSetter = (what: string) => (self: ClientObject, t: RangeTarget) =>
  self._log("format", `${addressOf(t)} ${what}`);

props(RangeFormatApi, {
  // Whole columns: the width of every column the range touches.
  columnWidth: (self: RangeFormatApi, t: RangeTarget, v) => {
    checkArgument(typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= MAX_WIDTH_POINTS);
    for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++) t.sheet.columnWidths.set(c, v);
    formatSetter("columnWidth")(self, t);
  },
  rowHeight: formatSetter("rowHeight"),
  horizontalAlignment: formatSetter("horizontalAlignment"),
  wrapText: (self: RangeFormatApi, t: RangeTarget, v) => {
    checkArgument(typeof v === "boolean");
    eachCell(t, (key) => (v ? t.sheet.wrapped.add(key) : t.sheet.wrapped.delete(key)));
    formatSetter("wrapText")(self, t);
  },
});

/** Calls f with the "row,column" key of each cell of the range. */
function eachCell({ rect }: RangeTarget, f: (key: string) => void): void {
  for (let r = 0; r < rect.rowCount; r++)
    for (let c = 0; c < rect.columnCount; c++) f(`${rect.row + r},${rect.column + c}`);
}

/**
 * "Specifies the width of all columns within the range. If the column widths are not uniform, null will be
 * returned." (Excel.RangeFormat class, https://learn.microsoft.com/javascript/api/excel/excel.rangeformat)
 */
function columnWidthOf({ sheet, rect }: RangeTarget): number | null {
  const width = (c: number) => sheet.columnWidths.get(c) ?? STANDARD_WIDTH;
  for (let c = rect.column + 1; c < rect.column + rect.columnCount; c++)
    if (width(c) !== width(rect.column)) return null;
  return width(rect.column);
}

/** "A null value indicates that the entire range doesn't have a uniform wrap setting" (Excel.RangeFormat). */
function wrapTextOf(t: RangeTarget): boolean | null {
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

class RangeFontApi extends ClientObject<RangeTarget> {
  _fields(): Fields<RangeTarget> {
    return {
      bold: ({ sheet, rect }) => {
        let bold = 0;
        for (let r = 0; r < rect.rowCount; r++)
          for (let c = 0; c < rect.columnCount; c++)
            if (sheet.bold.has(`${rect.row + r},${rect.column + c}`)) bold++;
        return bold === 0 ? false : bold === rect.rowCount * rect.columnCount ? true : null;
      },
      italic: () => false,
      color: () => "#000000",
      name: () => "Aptos Narrow",
      size: () => 11,
    };
  }
}

props(RangeFontApi, {
  bold: (self: RangeFontApi, t: RangeTarget, v) => {
    checkArgument(typeof v === "boolean");
    for (let r = 0; r < t.rect.rowCount; r++) {
      for (let c = 0; c < t.rect.columnCount; c++) {
        const key = `${t.rect.row + r},${t.rect.column + c}`;
        if (v) t.sheet.bold.add(key);
        else t.sheet.bold.delete(key);
      }
    }
    self._log("format", `${addressOf(t)} bold`);
  },
  italic: formatSetter("italic"),
  color: formatSetter("font color"),
  name: formatSetter("font name"),
  size: formatSetter("font size"),
});

class RangeFillApi extends ClientObject<RangeTarget> {
  _fields(): Fields<RangeTarget> {
    return { color: () => null };
  }
  clear(): void {
    this._op("clear()", () => formatSetter("fill clear")(this, this._target()));
  }
}

props(RangeFillApi, { color: formatSetter("fill color") });

export class RangeAreasApi extends ClientObject<AreasTarget> {
  readonly areas: RangeCollectionApi = this._part(RangeCollectionApi, "areas", "RangeCollection");

  _fields(): Fields<AreasTarget> {
    const address = ({ sheet, rects }: AreasTarget) =>
      rects.map((r) => formatAddress(sheet.name, r)).join(", ");
    return {
      address,
      addressLocal: address,
      areaCount: ({ rects }) => rects.length,
      cellCount: ({ rects }) => rects.reduce((n, r) => n + r.rowCount * r.columnCount, 0),
      isEntireColumn: ({ rects }) => rects.every((r) => r.row === 0 && r.rowCount === MAX_ROWS),
      isEntireRow: ({ rects }) => rects.every((r) => r.column === 0 && r.columnCount === MAX_COLUMNS),
    };
  }

  get worksheet(): WorksheetApi {
    return worksheetApi(this._ctx, `${this._path}.worksheet`, () => this._target().sheet);
  }
}

props(RangeAreasApi, {
  address: null,
  addressLocal: null,
  areaCount: null,
  cellCount: null,
  isEntireColumn: null,
  isEntireRow: null,
});

class RangeCollectionApi extends CollectionApi<RangeApi, AreasTarget> {
  _loadPaths(names: string[]): void {
    loadItems(this, names, {
      defaults: ["address", "rowCount", "columnCount", "rowIndex", "columnIndex"],
      members: () => {
        const { sheet, rects } = this._target();
        return rects.map((rect) => ({ sheet, rect }));
      },
      probe: (target) => new RangeApi(this._ctx, "", () => target),
      item: (_id, index) => this.getItemAt(index),
      counted: false,
    });
  }

  getItemAt(index: number): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getItemAt(${index})`, () => {
      const { sheet, rects } = this._target();
      return { sheet, rect: found(rects[index]) };
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._target().rects.length);
  }
}
