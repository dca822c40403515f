/**
 * Excel's side of workbook.tables and worksheet.tables: the table records in `workbook.tables`, their
 * ranges, and the counts of their rows and columns.
 */
import { address as formatAddress, intersect, MAX_COLUMNS, MAX_ROWS, type Rect } from "../a1";
import type { Sheet, TableRecord, Workbook } from "../workbook";
import { checkArgument, excelError, type Server } from "./protocol";
import { rangeArgument, rangeOf } from "./ranges";
import type { HostObject, TypeSpec, TypeTable } from "./types";
import { sheetOfRecord } from "./worksheets";

/** A sheet's tables, or (sheet null) the workbook's. */
type TablesObject = { type: "TableCollection"; sheet: Sheet | null };
type TableObject = { type: "Table"; table: TableRecord };
type RowsObject = { type: "TableRowCollection"; table: TableRecord };
type ColumnsObject = { type: "TableColumnCollection"; table: TableRecord };
type ColumnObject = { type: "TableColumn"; table: TableRecord; index: number };

/** worksheet.tables, or workbook.tables for null. */
export function tablesOf(sheet: Sheet | null): HostObject {
  const o: TablesObject = { type: "TableCollection", sheet };
  return o;
}

function tableOf(table: TableRecord): TableObject {
  return { type: "Table", table };
}

function tablesIn(o: TablesObject, wb: Workbook): TableRecord[] {
  const { sheet } = o;
  return sheet ? wb.tables.filter((t) => t.sheetId === sheet.id) : wb.tables;
}

function log(s: Server, kind: string, text: string): void {
  s.workbook.log(kind, text, "add-in");
}

/** The item at a position (getItemAt), or ItemNotFound. */
function at<T>(list: readonly T[], index: unknown): T {
  const item = typeof index === "number" ? list[index] : undefined;
  if (item === undefined) throw excelError("ItemNotFound");
  return item;
}

/** A table of the collection by name (in any case) or id (the client re-addresses a table by its id). */
function findTable(o: TablesObject, key: unknown, s: Server): TableRecord | null {
  const name = String(key).toLowerCase();
  return tablesIn(o, s.workbook).find((t) => t.name.toLowerCase() === name || t.id === key) ?? null;
}

function tableExists(o: { table: TableRecord }, s: Server): boolean {
  return s.workbook.tables.includes(o.table);
}

/**
 * tables.add(address, hasHeaders): address is "A `Range` object, or a string address or name of the range
 * representing the data source. If the address does not contain a sheet name, the currently-active sheet is
 * used." (Excel.TableCollection.add, Microsoft Learn). A sheet's collection takes only its own cells.
 */
function addTable(o: TablesObject, [address, hasHeaders]: unknown[], s: Server): TableRecord {
  const wb = s.workbook;
  const target = rangeArgument(address, o.sheet ?? wb.activeSheet, s);
  if (o.sheet && target.sheet !== o.sheet) throw excelError("InvalidArgument");
  // "If the source does not contain headers ... Excel will automatically generate a header and shift the
  // data down by one row" (the same page): not modelled.
  if (hasHeaders !== true) throw s.notModelled("TableCollection", "Add", "(hasHeaders: false)");
  return createTable(wb, target.sheet, target.rect);
}

function createTable(wb: Workbook, sheet: Sheet, rect: Rect): TableRecord {
  wb.checkEditable(sheet);
  if (rect.rowCount < 1 || rect.rowCount === MAX_ROWS || rect.columnCount === MAX_COLUMNS) {
    throw excelError("InvalidArgument");
  }
  for (const other of wb.tables) {
    if (other.sheetId === sheet.id && intersect(other.rect, rect)) {
      throw excelError("InvalidOperation", "A table can't overlap another table.");
    }
  }
  // Excel makes header cells unique text: blanks become Column1…, repeats get 2, 3… (case-insensitively).
  const headers: string[] = [];
  const renamed: string[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < rect.columnCount; c++) {
    const cell = sheet.get(rect.row, rect.column + c);
    const original = cell && cell.t !== "Empty" ? String(cell.v) : "";
    const base = original === "" ? `Column${c + 1}` : original;
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base}${i}`;
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
    hasHeaders: true,
    headers,
    renamedHeaders: renamed,
    style: "TableStyleMedium2",
  };
  wb.tables.push(table);
  wb.log("table", `${table.name} ${formatAddress(sheet.name, rect)}`, "add-in");
  return table;
}

/** A range of the table (getRange, getHeaderRowRange, getDataBodyRange); ItemNotFound when it has none. */
function part(o: TableObject, s: Server, f: (t: TableRecord) => Rect | null): HostObject {
  const sheet = s.workbook.sheetById(o.table.sheetId);
  const rect = f(o.table);
  if (!sheet || !rect) throw excelError("ItemNotFound");
  return rangeOf(sheet, rect);
}

function rowCount(t: TableRecord): number {
  return t.rect.rowCount - (t.hasHeaders ? 1 : 0);
}

function columnsOf(table: TableRecord): ColumnObject[] {
  return table.headers.map((_, index) => ({ type: "TableColumn", table, index }));
}

const TableCollection: TypeSpec<TablesObject> = {
  properties: { Count: { get: (o, s) => tablesIn(o, s.workbook).length } },
  methods: { GetCount: (o, _args, s) => tablesIn(o, s.workbook).length },
  children: {
    Add: (o, args, s) => tableOf(addTable(o, args, s)),
    GetItemAt: (o, [index], s) => tableOf(at(tablesIn(o, s.workbook), index)),
    GetItemOrNullObject: (o, [key], s) => {
      const table = findTable(o, key, s);
      return table ? tableOf(table) : null;
    },
  },
  items: (o, s) => tablesIn(o, s.workbook).map(tableOf),
  item: (o, key, s) => {
    const table = findTable(o, key, s);
    return table ? tableOf(table) : null;
  },
  exists: (o, s) => o.sheet === null || s.workbook.sheets.includes(o.sheet),
};

const Table: TypeSpec<TableObject> = {
  properties: {
    Id: { get: (o) => o.table.id },
    Name: {
      get: (o) => o.table.name,
      set: (o, v, s) => {
        checkArgument(typeof v === "string" && /^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(v));
        const name = v as string;
        if (s.workbook.tables.some((x) => x !== o.table && x.name.toLowerCase() === name.toLowerCase())) {
          throw excelError("ItemAlreadyExists");
        }
        o.table.name = name;
        log(s, "table", `rename ${name}`);
      },
    },
    ShowHeaders: { get: (o) => o.table.hasHeaders },
    ShowTotals: { get: () => false },
    Style: {
      get: (o) => o.table.style,
      set: (o, v, s) => {
        checkArgument(typeof v === "string");
        o.table.style = v as string;
        log(s, "table", `${o.table.name} style`);
      },
    },
  },
  children: {
    Rows: (o) => ({ type: "TableRowCollection", table: o.table }),
    Columns: (o) => ({ type: "TableColumnCollection", table: o.table }),
    GetRange: (o, _args, s) => part(o, s, (t) => t.rect),
    GetHeaderRowRange: (o, _args, s) => part(o, s, (t) => ({ ...t.rect, rowCount: 1 })),
    GetDataBodyRange: (o, _args, s) =>
      part(o, s, (t) =>
        t.rect.rowCount > 1 ? { ...t.rect, row: t.rect.row + 1, rowCount: t.rect.rowCount - 1 } : null,
      ),
    Worksheet: (o, _args, s) => sheetOfRecord(s, o.table),
  },
  methods: {
    Delete: (o, _args, s) => {
      s.workbook.tables = s.workbook.tables.filter((x) => x !== o.table);
      log(s, "table-delete", o.table.name);
    },
  },
  identity: (o) => ({ Id: o.table.id }),
  exists: tableExists,
};

/** table.rows: only its count is modelled. */
const TableRowCollection: TypeSpec<RowsObject> = {
  properties: { Count: { get: (o) => rowCount(o.table) } },
  methods: { GetCount: (o) => rowCount(o.table) },
  exists: tableExists,
};

/** table.columns: its count and its columns' names (the table's header cells). */
const TableColumnCollection: TypeSpec<ColumnsObject> = {
  properties: { Count: { get: (o) => o.table.headers.length } },
  methods: { GetCount: (o) => o.table.headers.length },
  children: { GetItemAt: (o, [index]) => at(columnsOf(o.table), index) },
  items: (o) => columnsOf(o.table),
  exists: tableExists,
};

const TableColumn: TypeSpec<ColumnObject> = {
  properties: { Name: { get: (o) => o.table.headers[o.index] } },
  exists: (o, s) => tableExists(o, s) && o.index < o.table.headers.length,
};

export const TABLE_TYPES: TypeTable = {
  TableCollection,
  Table,
  TableRowCollection,
  TableColumnCollection,
  TableColumn,
};
