/** workbook.worksheets and Worksheet, as Excel answers them. */
import { MAX_COLUMNS, MAX_ROWS, parseLocal, splitSheet } from "../a1";
import type { Sheet } from "../workbook";
import { chartsOf } from "./charts";
import { checkArgument, excelError, type Server } from "./protocol";
import { rangeOf } from "./ranges";
import { tablesOf } from "./tables";
import type { HostObject, TypeTable } from "./types";

export type SheetObject = { type: "Worksheet"; sheet: Sheet };

export function sheetOf(sheet: Sheet): SheetObject {
  return { type: "Worksheet", sheet };
}

/** The worksheet a table or chart is on (`table.worksheet`, `chart.worksheet`); ItemNotFound once deleted. */
export function sheetOfRecord(s: Server, record: { sheetId: string }): SheetObject {
  const sheet = s.workbook.sheetById(record.sheetId);
  if (!sheet) throw excelError("ItemNotFound");
  return sheetOf(sheet);
}

/** A sheet by name (case-insensitive, as Excel) or id. */
function find(s: Server, key: unknown): Sheet | null {
  return s.workbook.sheetByName(String(key)) ?? s.workbook.sheetById(String(key)) ?? null;
}

const n = (v: unknown) => Number(v);

export const WORKSHEET_TYPES: TypeTable = {
  /**
   * "protected: Specifies if the worksheet is protected" (Excel.WorksheetProtection, ExcelApi 1.2,
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection). Protecting and unprotecting
   * are the user's, not the add-in's, and are not modelled.
   */
  WorksheetProtection: {
    properties: { Protected: { get: (o: { sheet: Sheet }) => o.sheet.protected } },
  },

  WorksheetCollection: {
    properties: { Count: { get: (_o: HostObject, s: Server) => s.workbook.sheets.length } },
    items: (_o: HostObject, s: Server) => s.workbook.sheets.map(sheetOf),
    item: (_o: HostObject, key: unknown, s: Server) => {
      const sheet = find(s, key);
      return sheet ? sheetOf(sheet) : null;
    },
    children: {
      GetItemOrNullObject: (_o: HostObject, [key], s) => {
        const sheet = find(s, key);
        return sheet ? sheetOf(sheet) : null;
      },
      GetActiveWorksheet: (_o: HostObject, _a, s) => sheetOf(s.workbook.activeSheet),
      GetFirst: (_o: HostObject, _a, s) => {
        const first = s.workbook.sheets[0];
        if (!first) throw excelError("ItemNotFound");
        return sheetOf(first);
      },
      Add: (_o: HostObject, [name], s) =>
        sheetOf(s.workbook.addSheet(name === null || name === undefined ? undefined : String(name))),
    },
    methods: { GetCount: (_o: HostObject, _a, s) => s.workbook.sheets.length },
  },

  Worksheet: {
    // The client then addresses the sheet by id through workbook.worksheets, so a renamed sheet is found.
    identity: (o: SheetObject) => ({ Id: o.sheet.id }),
    exists: (o: SheetObject, s: Server) => s.workbook.sheets.includes(o.sheet),
    properties: {
      Id: { get: (o: SheetObject) => o.sheet.id },
      Name: {
        get: (o: SheetObject) => o.sheet.name,
        set: (o: SheetObject, v, s) => {
          checkArgument(typeof v === "string");
          s.workbook.checkStructure("add-in");
          s.workbook.checkSheetName(v as string, o.sheet);
          const old = o.sheet.name;
          o.sheet.name = v as string;
          s.workbook.log("sheet-rename", `${old} → ${String(v)}`, "add-in");
        },
      },
      /**
       * "The zero-based position of the worksheet within the workbook", settable (Excel.Worksheet.position,
       * ExcelApi 1.1, https://learn.microsoft.com/javascript/api/excel/excel.worksheet); moving sheets is
       * a change of the workbook's structure, refused when it is protected.
       */
      Position: {
        get: (o: SheetObject, s: Server) => s.workbook.sheets.indexOf(o.sheet),
        set: (o: SheetObject, v, s) => {
          const to = Number(v);
          checkArgument(Number.isInteger(to) && to >= 0 && to < s.workbook.sheets.length);
          s.workbook.checkStructure("add-in");
          const rest = s.workbook.sheets.filter((x) => x !== o.sheet);
          rest.splice(to, 0, o.sheet);
          s.workbook.sheets = rest;
          s.workbook.log("sheet-position", `${o.sheet.name} → ${to}`, "add-in");
        },
      },
      Visibility: {
        get: (o: SheetObject) => o.sheet.visibility,
        set: (o: SheetObject, v, s) => {
          checkArgument(v === "Visible" || v === "Hidden" || v === "VeryHidden");
          o.sheet.visibility = v as Sheet["visibility"];
          s.workbook.log("sheet-visibility", o.sheet.name, "add-in");
        },
      },
    },
    children: {
      Protection: (o: SheetObject) => ({ type: "WorksheetProtection", sheet: o.sheet }),
      Tables: (o: SheetObject) => tablesOf(o.sheet),
      Charts: (o: SheetObject) => chartsOf(o.sheet),
      GetRange: (o: SheetObject, [addr]) => {
        if (addr === undefined || addr === null || addr === "")
          return rangeOf(o.sheet, { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS });
        if (typeof addr !== "string") throw excelError("InvalidArgument");
        const { sheet: named, local } = splitSheet(addr);
        if (named !== null && named.toLowerCase() !== o.sheet.name.toLowerCase())
          throw excelError("InvalidArgument");
        const rect = parseLocal(local.replace(/\s+/g, ""));
        if (!rect) throw excelError("InvalidArgument");
        return rangeOf(o.sheet, rect);
      },
      GetRangeByIndexes: (o: SheetObject, [row, column, rowCount, columnCount]) =>
        rangeOf(o.sheet, {
          row: n(row),
          column: n(column),
          rowCount: n(rowCount),
          columnCount: n(columnCount),
        }),
      GetCell: (o: SheetObject, [row, column]) =>
        rangeOf(o.sheet, { row: n(row), column: n(column), rowCount: 1, columnCount: 1 }),
      /** The used range; an empty sheet's is A1. */
      GetUsedRange: (o: SheetObject, [valuesOnly]) =>
        rangeOf(
          o.sheet,
          o.sheet.used(valuesOnly === true) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
        ),
      GetUsedRangeOrNullObject: (o: SheetObject, [valuesOnly]) => {
        const rect = o.sheet.used(valuesOnly === true);
        return rect ? rangeOf(o.sheet, rect) : null;
      },
    },
    methods: {
      Activate: (o: SheetObject, _a, s) => {
        s.workbook.activate(o.sheet);
        return null;
      },
      Delete: (o: SheetObject, _a, s) => {
        s.workbook.deleteSheet(o.sheet);
        return null;
      },
    },
  },
};
