/** workbook.tables and worksheet.tables, the Table proxy, its rows and columns. */
import { address as formatAddress, intersect, MAX_COLUMNS, MAX_ROWS, splitSheet, type Rect } from "../a1";
import { ErrorCodes, officeError } from "../errors";
import type { TableRecord, Workbook } from "../workbook";
import { added, checkArgument, ClientObject, proxyMaker, props, result, wrap } from "./clientObject";
import type { ClientResult, Fields } from "./clientObject";
import { CountedCollectionApi, RecordCollectionApi } from "./collections";
import type { RequestContext } from "./context";
import { rangeApi, type RangeApi, type RangeTarget } from "./ranges";
import { deleteFromSheet, worksheetOf, type WorksheetApi } from "./worksheets";

export class TableCollectionApi extends RecordCollectionApi<TableApi, TableRecord> {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _sheet: WorksheetApi | null,
  ) {
    super(ctx, path, () => {
      const wb = ctx._host.workbook;
      if (!_sheet) return wb.tables;
      const sheet = _sheet._target();
      return wb.tables.filter((t) => t.sheetId === sheet.id);
    });
  }

  readonly _kind = "table";

  _byId(id: string): TableRecord | null {
    return this._wb.tables.find((t) => t.id === id) ?? null;
  }

  /** A table of this collection by name (in any case) or id. */
  _find(key: string): TableRecord | null {
    const name = String(key).toLowerCase();
    return this._target().find((x) => x.name.toLowerCase() === name || x.id === key) ?? null;
  }

  _item(path: string, locate: () => TableRecord | null): TableApi {
    return tableApi(this._ctx, path, locate);
  }

  add(source: RangeApi | string, hasHeaders: boolean): TableApi {
    this._sameContext(source);
    const holder: { id?: string } = {};
    const others = source instanceof ClientObject ? [source] : [];
    this._op(
      `add(${typeof source === "string" ? source : "range"},${hasHeaders})`,
      () => {
        const wb = this._wb;
        let target: RangeTarget;
        if (typeof source === "string") {
          const defaultSheet = this._sheet ? this._sheet._target() : wb.activeSheet;
          const { sheet: named } = splitSheet(source);
          if (this._sheet && named !== null && named.toLowerCase() !== defaultSheet.name.toLowerCase()) {
            throw officeError(ErrorCodes.invalidArgument);
          }
          target = wb.resolve(source, defaultSheet);
        } else {
          target = (source as RangeApi)._target();
        }
        if (this._sheet && target.sheet !== this._sheet._target())
          throw officeError(ErrorCodes.invalidArgument);
        holder.id = createTable(wb, target, hasHeaders).id;
      },
      null,
      others,
    );
    return tableApi(
      this._ctx,
      `${this._path}.add()`,
      added(holder, (id) => this._byId(id)),
    );
  }
}

function createTable(wb: Workbook, { sheet, rect }: RangeTarget, hasHeaders: boolean): TableRecord {
  if (hasHeaders !== true) {
    throw officeError(
      ErrorCodes.notImplemented,
      "The test workbook implements tables.add with hasHeaders = true only (Excel inserts a header row otherwise).",
    );
  }
  if (rect.rowCount < 1 || rect.rowCount === MAX_ROWS || rect.columnCount === MAX_COLUMNS) {
    throw officeError(ErrorCodes.invalidArgument);
  }
  for (const other of wb.tables) {
    if (other.sheetId === sheet.id && intersect(other.rect, rect)) {
      throw officeError(ErrorCodes.invalidOperation, "A table can't overlap another table.");
    }
  }
  // Excel makes header cells unique text: blanks become Column1…, repeats get 2, 3… (case-insensitively).
  const headers: string[] = [];
  const renamed: string[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < rect.columnCount; c++) {
    const cell = sheet.get(rect.row, rect.column + c);
    const original = cell && cell.t !== "Empty" ? String(cell.v) : "";
    let name = original === "" ? `Column${c + 1}` : original;
    for (let i = 2; seen.has(name.toLowerCase()); i++)
      name = `${original === "" ? `Column${c + 1}` : original}${i}`;
    seen.add(name.toLowerCase());
    headers.push(name);
    if (name !== original || (cell && cell.t !== "String")) {
      renamed.push(`${original === "" ? "(blank)" : original} → ${name}`);
      sheet.put(rect.row, rect.column + c, { v: name, t: "String", ...(cell?.fmt ? { fmt: cell.fmt } : {}) });
    }
  }
  let n = 1;
  while (wb.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
  const table: TableRecord = {
    id: wb.newId("table"),
    name: `Table${n}`,
    sheetId: sheet.id,
    rect,
    hasHeaders,
    headers,
    renamedHeaders: renamed,
    style: "TableStyleMedium2",
  };
  wb.tables.push(table);
  wb.log("table", `${table.name} ${formatAddress(sheet.name, rect)}`, "add-in");
  return table;
}

class TableApi extends ClientObject<TableRecord> {
  readonly rows: CountOnlyApi = wrap(
    new CountOnlyApi(this._ctx, `${this._path}.rows`, () => {
      const t = this._target();
      return t.rect.rowCount - (t.hasHeaders ? 1 : 0);
    }),
    "TableRowCollection",
  );
  readonly columns: TableColumnsApi = this._part(TableColumnsApi, "columns", "TableColumnCollection");

  _fields(): Fields<TableRecord> {
    return {
      id: (t) => t.id,
      name: (t) => t.name,
      showHeaders: (t) => t.hasHeaders,
      showTotals: () => false,
      style: (t) => t.style,
    };
  }

  private part(label: string, f: (t: TableRecord) => Rect | null): RangeApi {
    return rangeApi(this._ctx, `${this._path}.${label}`, () => {
      const t = this._target();
      const sheet = this._wb.sheetById(t.sheetId);
      const rect = f(t);
      if (!sheet || !rect) throw officeError(ErrorCodes.itemNotFound);
      return { sheet, rect };
    });
  }

  getRange(): RangeApi {
    return this.part("getRange()", (t) => t.rect);
  }

  getHeaderRowRange(): RangeApi {
    return this.part("getHeaderRowRange()", (t) => ({ ...t.rect, rowCount: 1 }));
  }

  getDataBodyRange(): RangeApi {
    return this.part("getDataBodyRange()", (t) =>
      t.rect.rowCount > 1 ? { ...t.rect, row: t.rect.row + 1, rowCount: t.rect.rowCount - 1 } : null,
    );
  }

  get worksheet(): WorksheetApi {
    return worksheetOf(this);
  }

  delete(): void {
    deleteFromSheet(this, "table");
  }
}

const tableApi = proxyMaker(TableApi, "Table");

props(TableApi, {
  id: null,
  showHeaders: null,
  showTotals: null,
  name: (self: TableApi, t: TableRecord, v) => {
    checkArgument(typeof v === "string" && /^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(v));
    if (self._wb.tables.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase())) {
      throw officeError(ErrorCodes.itemAlreadyExists);
    }
    t.name = v;
    self._log("table", `rename ${v}`);
  },
  style: (self: TableApi, t: TableRecord, v) => {
    checkArgument(typeof v === "string");
    t.style = v;
    self._log("table", `${t.name} style`);
  },
});

/** A collection of which the fake knows only the count: table.rows. */
class CountOnlyApi extends ClientObject<true> {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _count: () => number,
  ) {
    super(ctx, path, () => true);
  }
  _fields(): Fields<true> {
    return { count: () => this._count() };
  }
  getCount(): ClientResult<number> {
    return result(this, "getCount()", this._count);
  }
}

props(CountOnlyApi, { count: null });

class TableColumnsApi extends CountedCollectionApi<{ name: string }, TableRecord> {
  _loadPaths(names: string[]): void {
    this._read(
      `${this._path}.load(${names.join(",")})`,
      () => {
        const t = this._target();
        return { count: t.headers.length, names: t.headers };
      },
      (r) => {
        const res = r as { count: number; names: string[] };
        this._loaded.set("count", res.count);
        this._items = res.names.map((name) => ({ name }));
      },
    );
  }
}
