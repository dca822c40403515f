/** The root object (context.workbook) and workbook.application, as Excel answers them. */
import { excelError, type Server } from "./protocol";
import { rangeOf } from "./ranges";
import { settingsOf } from "./settings";
import { tablesOf } from "./tables";
import type { HostObject, TypeTable } from "./types";

/** The selected sheet. */
function selectedSheet(s: Server) {
  const sheet = s.workbook.sheetById(s.workbook.selection.sheetId);
  if (!sheet) throw excelError("ItemNotFound");
  return sheet;
}

export const WORKBOOK_TYPES: TypeTable = {
  Workbook: {
    properties: { Name: { get: () => "Book1.xlsx" } },
    children: {
      Worksheets: () => ({ type: "WorksheetCollection" }),
      Protection: () => ({ type: "WorkbookProtection" }),
      Tables: () => tablesOf(null),
      Settings: () => settingsOf(),
      Application: () => ({ type: "Application" }),
      /** A selection of several areas has no single range: "InvalidSelection" (Excel.Workbook.getSelectedRange). */
      GetSelectedRange: (_o: HostObject, _a, s) => {
        const { areas } = s.workbook.selection;
        if (areas.length !== 1) throw excelError("InvalidSelection");
        return rangeOf(selectedSheet(s), areas[0]);
      },
      GetSelectedRanges: (_o: HostObject, _a, s) => ({
        type: "RangeAreas",
        sheet: selectedSheet(s),
        rects: s.workbook.selection.areas,
      }),
      GetActiveCell: (_o: HostObject, _a, s) => {
        const first = s.workbook.selection.areas[0];
        if (!first) throw excelError("ItemNotFound");
        return rangeOf(selectedSheet(s), {
          row: first.row,
          column: first.column,
          rowCount: 1,
          columnCount: 1,
        });
      },
    },
  },

  /** "protected: Specifies if the workbook is protected" (Excel.WorkbookProtection, ExcelApi 1.7). */
  WorkbookProtection: {
    properties: { Protected: { get: (_o: HostObject, s: Server) => s.workbook.structureProtected } },
  },

  Application: {
    properties: { CalculationMode: { get: () => "Automatic" } },
    methods: {
      /** Excel.Application.calculate (ExcelApi 1.1); the test workbook does not calculate, it records the request. */
      Calculate: (_o: HostObject, [calculationType], s) => {
        s.workbook.log("calculation", `calculate ${String(calculationType)}`, "add-in");
        return null;
      },
      /**
       * "Suspends calculation until the next context.sync() is called" (Excel.Application class, ExcelApi
       * 1.6, https://learn.microsoft.com/javascript/api/excel/excel.application), as "Performance optimization
       * using the Excel JavaScript API" (https://learn.microsoft.com/office/dev/add-ins/excel/performance)
       * recommends for large writes. The test workbook does not calculate; it marks the changes made from
       * here to the end of this request as made with calculation suspended, so tests can see which were.
       */
      SuspendApiCalculationUntilNextSync: (_o: HostObject, _a, s) => {
        const writes = s.workbook.writes;
        const from = writes.length;
        s.workbook.log("calculation", "suspended until the next sync", "add-in");
        s.afterRequest(() => {
          for (let i = from; i < writes.length; i++) writes[i].calculation = "suspended";
        });
        return null;
      },
    },
  },
};
