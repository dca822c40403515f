/** The proxies at the root: context.workbook, workbook.application and the selection events. */
import { ErrorCodes, officeError } from "../errors";
import type { Sheet, Workbook } from "../workbook";
import { ClientObject, found, wrap, type Fields } from "./clientObject";
import type { RequestContext } from "./context";
import { RangeAreasApi, rangeApi, type RangeApi } from "./ranges";
import { SettingCollectionApi } from "./settings";
import { TableCollectionApi } from "./tables";
import { WorksheetCollectionApi, type WorksheetApi } from "./worksheets";

export class WorkbookApi extends ClientObject<Workbook> {
  readonly worksheets: WorksheetCollectionApi;
  readonly tables: TableCollectionApi;
  readonly settings: SettingCollectionApi;
  readonly onSelectionChanged: EventSource;
  readonly application: ApplicationApi;

  constructor(ctx: RequestContext) {
    super(ctx, "workbook", () => ctx._host.workbook);
    this.worksheets = wrap(new WorksheetCollectionApi(ctx), "WorksheetCollection");
    this.tables = wrap(new TableCollectionApi(ctx, "workbook.tables", null), "TableCollection");
    this.settings = wrap(new SettingCollectionApi(ctx), "SettingCollection");
    this.onSelectionChanged = new EventSource(ctx, null);
    this.application = wrap(new ApplicationApi(ctx), "Application");
  }

  _fields(): Fields<Workbook> {
    return { name: () => "Book1.xlsx" };
  }

  /** The selected sheet, server side. */
  private _selectedSheet(): Sheet {
    return found(this._wb.sheetById(this._wb.selection.sheetId));
  }

  getSelectedRange(): RangeApi {
    return rangeApi(this._ctx, "workbook.getSelectedRange()", () => {
      const wb = this._wb;
      if (wb.selection.areas.length !== 1) throw officeError(ErrorCodes.invalidSelection);
      return { sheet: this._selectedSheet(), rect: wb.selection.areas[0] };
    });
  }

  getSelectedRanges(): RangeAreasApi {
    return wrap(
      new RangeAreasApi(this._ctx, "workbook.getSelectedRanges()", () => ({
        sheet: this._selectedSheet(),
        rects: this._wb.selection.areas,
      })),
      "RangeAreas",
    );
  }

  getActiveCell(): RangeApi {
    return rangeApi(this._ctx, "workbook.getActiveCell()", () => {
      const wb = this._wb;
      const sheet = wb.sheetById(wb.selection.sheetId);
      const first = wb.selection.areas[0];
      if (!sheet || !first) throw officeError(ErrorCodes.itemNotFound);
      return { sheet, rect: { row: first.row, column: first.column, rowCount: 1, columnCount: 1 } };
    });
  }
}

class ApplicationApi extends ClientObject<Workbook> {
  constructor(ctx: RequestContext) {
    super(ctx, "application", () => ctx._host.workbook);
  }
  _fields(): Fields<Workbook> {
    return { calculationMode: () => "Automatic" };
  }
  /** Excel.Application.calculate (ExcelApi 1.1); the fake does not calculate, it records the request. */
  calculate(calculationType: string): void {
    this._op("calculate", () => this._log("calculation", `calculate ${calculationType}`), calculationType);
  }

  /**
   * "Suspends calculation until the next context.sync() is called" (Excel.Application class, ExcelApi
   * 1.6, https://learn.microsoft.com/javascript/api/excel/excel.application), as "Performance optimization
   * using the Excel JavaScript API" (https://learn.microsoft.com/office/dev/add-ins/excel/performance)
   * recommends for large writes. The fake does not calculate; it marks the changes made from here to the
   * end of this sync as made with calculation suspended, so tests can see which writes were.
   */
  suspendApiCalculationUntilNextSync(): void {
    this._op("suspendApiCalculationUntilNextSync()", () => {
      const writes = this._wb.writes;
      const from = writes.length;
      this._log("calculation", "suspended until the next sync");
      // The statements of a sync run in one task; a microtask runs after the last of them, before the
      // add-in's await of the sync resumes (its continuation is queued later, when the sync resolves).
      queueMicrotask(() => {
        for (let i = from; i < writes.length; i++) writes[i].calculation = "suspended";
      });
    });
  }
}

/** workbook.onSelectionChanged and worksheet.onSelectionChanged. */
export class EventSource {
  constructor(
    private ctx: RequestContext,
    private sheet: WorksheetApi | null,
  ) {}

  add(handler: (args: unknown) => Promise<unknown> | void): { context: RequestContext; remove(): void } {
    const wb = this.ctx._host.workbook;
    let sheetId: string | null = null;
    const listener = (event: { sheetId: string }) => {
      if (sheetId !== null && event.sheetId !== sheetId) return;
      const args = sheetId
        ? { type: "WorksheetSelectionChanged", worksheetId: sheetId, address: "" }
        : { type: "WorkbookSelectionChanged", workbook: null };
      try {
        const p = handler(args);
        if (p && typeof (p as Promise<unknown>).catch === "function")
          (p as Promise<unknown>).catch(() => undefined);
      } catch {
        // Excel ignores a handler's failure.
      }
    };
    const owner = this.sheet ?? this.ctx.workbook;
    this.ctx._enqueue({
      label: `${owner._path}.onSelectionChanged.add`,
      objects: [],
      execute: () => {
        if (this.sheet) sheetId = this.sheet._target<Sheet>().id;
        wb.addSelectionListener(listener);
      },
    });
    const ctx = this.ctx;
    return {
      context: ctx,
      remove() {
        ctx._enqueue({
          label: `${owner._path}.onSelectionChanged.remove`,
          objects: [],
          execute: () => wb.removeSelectionListener(listener),
        });
      },
    };
  }
}
