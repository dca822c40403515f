/** workbook.worksheets and the Worksheet proxy. */
import { inGrid, MAX_COLUMNS, MAX_ROWS, parseLocal, splitSheet, type Rect } from "../a1";
import { ErrorCodes, officeError } from "../errors";
import type { ChartRecord, Sheet, TableRecord } from "../workbook";
import { ChartCollectionApi } from "./charts";
import { added, checkArgument, ClientObject, found, proxyMaker, props, result, wrap } from "./clientObject";
import type { ClientResult, Fields } from "./clientObject";
import { CollectionApi, loadItems } from "./collections";
import type { RequestContext } from "./context";
import { rangeApi, type RangeApi } from "./ranges";
import { TableCollectionApi } from "./tables";
import { EventSource } from "./workbookApi";

export class WorksheetCollectionApi extends CollectionApi<WorksheetApi, Sheet[]> {
  constructor(ctx: RequestContext) {
    super(ctx, "workbook.worksheets", () => ctx._host.workbook.sheets);
  }

  _loadPaths(names: string[]): void {
    loadItems(this, names, {
      defaults: ["id", "name", "position", "visibility"],
      members: () => this._wb.sheets,
      probe: (s) => new WorksheetApi(this._ctx, "", () => s),
      id: (s) => s.id,
      item: (id) => worksheetApi(this._ctx, `worksheet(${id})`, () => this._wb.sheetById(id) ?? null),
      counted: false,
    });
  }

  /** A sheet by name or id. */
  private _find(key: string): Sheet | null {
    return this._wb.sheetByName(String(key)) ?? this._wb.sheetById(String(key)) ?? null;
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._wb.sheets.length);
  }

  getItem(key: string): WorksheetApi {
    return worksheetApi(this._ctx, `worksheets.getItem(${key})`, () => found(this._find(key)));
  }

  getItemOrNullObject(key: string): WorksheetApi {
    return worksheetApi(this._ctx, `worksheets.getItemOrNullObject(${key})`, () =>
      this._find(key),
    )._instantiate();
  }

  getActiveWorksheet(): WorksheetApi {
    return worksheetApi(this._ctx, "worksheets.getActiveWorksheet()", () => this._wb.activeSheet);
  }

  getFirst(): WorksheetApi {
    return worksheetApi(this._ctx, "worksheets.getFirst()", () => found(this._wb.sheets[0]));
  }

  add(name?: string): WorksheetApi {
    const holder: { id?: string } = {};
    this._op(
      `add(${name ?? ""})`,
      (n) => {
        holder.id = this._wb.addSheet(n === null ? undefined : (n as string)).id;
      },
      name ?? null,
    );
    return worksheetApi(
      this._ctx,
      `worksheets.add(${name ?? ""})`,
      added(holder, (id) => this._wb.sheetById(id) ?? null),
    );
  }
}

export class WorksheetApi extends ClientObject<Sheet> {
  readonly tables = wrap(new TableCollectionApi(this._ctx, `${this._path}.tables`, this), "TableCollection");
  readonly charts = wrap(new ChartCollectionApi(this._ctx, `${this._path}.charts`, this), "ChartCollection");
  readonly onSelectionChanged = new EventSource(this._ctx, this);

  _fields(): Fields<Sheet> {
    return {
      id: (s) => s.id,
      name: (s) => s.name,
      position: (s) => this._wb.sheets.indexOf(s),
      visibility: (s) => s.visibility,
    };
  }

  _nav(name: string): ClientObject | undefined {
    if (name === "tables") return this.tables;
    if (name === "charts") return this.charts;
    return undefined;
  }

  private range(label: string, rect: () => Rect): RangeApi {
    return rangeApi(this._ctx, `${this._path}.${label}`, () => {
      const sheet = this._target();
      const r = rect();
      if (!inGrid(r)) throw officeError(ErrorCodes.invalidArgument);
      return { sheet, rect: r };
    });
  }

  getRange(addr?: string): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getRange(${addr ?? ""})`, () => {
      const sheet = this._target();
      if (addr === undefined || addr === "")
        return { sheet, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
      if (typeof addr !== "string") throw officeError(ErrorCodes.invalidArgument);
      const { sheet: named, local } = splitSheet(addr);
      if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())
        throw officeError(ErrorCodes.invalidArgument);
      const rect = parseLocal(local.replace(/\s+/g, ""));
      if (!rect) throw officeError(ErrorCodes.invalidArgument);
      return { sheet, rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeApi {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => ({
      row: startRow,
      column: startColumn,
      rowCount,
      columnCount,
    }));
  }

  getCell(row: number, column: number): RangeApi {
    return this.range(`getCell(${row},${column})`, () => ({ row, column, rowCount: 1, columnCount: 1 }));
  }

  /** The used range; an empty sheet's is A1. */
  getUsedRange(valuesOnly?: boolean): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getUsedRange(${valuesOnly ?? ""})`, () => {
      const sheet = this._target();
      return {
        sheet,
        rect: sheet.used(valuesOnly === true) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
      };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getUsedRangeOrNullObject(${valuesOnly ?? ""})`, () => {
      const sheet = this._target();
      const rect = sheet.used(valuesOnly === true);
      return rect ? { sheet, rect } : null;
    })._instantiate();
  }

  activate(): void {
    this._op("activate()", () => this._wb.activate(this._target()));
  }

  delete(): void {
    this._op("delete()", () => this._wb.deleteSheet(this._target()));
  }
}

export const worksheetApi = proxyMaker(WorksheetApi, "Worksheet");

/** delete() of a table or chart: queued; takes it out of the workbook's list and logs the deletion. */
export function deleteFromSheet<R extends TableRecord | ChartRecord>(
  owner: ClientObject<R>,
  kind: "table" | "chart",
) {
  owner._op("delete()", () => {
    const record = owner._target();
    const wb = owner._wb;
    if (kind === "table") wb.tables = wb.tables.filter((x) => x !== record);
    else wb.charts = wb.charts.filter((x) => x !== record);
    owner._log(`${kind}-delete`, record.name);
  });
}

/** The worksheet a table or chart is on. */
export function worksheetOf<T extends { sheetId: string }>(owner: ClientObject<T>): WorksheetApi {
  return worksheetApi(
    owner._ctx,
    `${owner._path}.worksheet`,
    () => owner._wb.sheetById(owner._target().sheetId) ?? null,
  );
}

props(WorksheetApi, {
  id: null,
  position: null,
  name: (self: WorksheetApi, t: Sheet, v) => {
    checkArgument(typeof v === "string");
    self._wb.checkSheetName(v, t);
    const old = t.name;
    t.name = v;
    self._log("sheet-rename", `${old} → ${v}`);
  },
  visibility: (self: WorksheetApi, t: Sheet, v) => {
    checkArgument(v === "Visible" || v === "Hidden" || v === "VeryHidden");
    t.visibility = v;
    self._log("sheet-visibility", t.name);
  },
});
