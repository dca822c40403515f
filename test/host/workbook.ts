/**
 * The in-memory workbook behind the fake Excel API: sheets of cells, tables, charts, settings, the
 * selection, and a log of every write the add-in made, so tests can assert on the workbook a user would
 * see. Office.js's rules (load/sync, payload limits, error codes) live in excel/ (context.ts and the
 * proxies beside it); this file is the "document" those requests act on, and what a test seeds and reads back.
 *
 * Cells hold what Excel holds: a number, a string, a boolean or an error value ("#N/A"), with an
 * optional formula and number format. Writing a string into a cell is parsed as Excel parses typed text
 * (a leading "=" makes a formula, "12" a number, "TRUE" a boolean) unless the cell's format is Text ("@").
 * The fake does not calculate worksheet formulas, except the add-in's own custom functions (registered
 * through CustomFunctions.associate), which it evaluates as Excel does: asynchronously, showing #BUSY!
 * until the promise settles, and spilling a matrix result into the cells below and to the right.
 */
import {
  address,
  bound,
  inGrid,
  intersect,
  localAddress,
  MAX_ROWS,
  parseLocal,
  splitSheet,
  type Rect,
} from "./a1";
import { officeError } from "./errors";

export type Value = number | string | boolean;
export type ValueType = "Double" | "String" | "Boolean" | "Error" | "Empty";
export type Cell = {
  v: Value;
  t: ValueType;
  /** The formula as entered, when the cell holds one. */
  f?: string;
  /** Number format; absent means "General". */
  fmt?: string;
  /** The anchor ("row,column") of the spilled formula this cell shows a value of. */
  spill?: string;
  /** The message an error value carries (custom functions' #VALUE! and #N/A). */
  msg?: string;
};

export const ERROR_VALUES = [
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
  "#BUSY!",
  "#CONNECT!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
] as const;
const ERROR_SET = new Set<string>(ERROR_VALUES);

export function isErrorValue(v: unknown): boolean {
  return typeof v === "string" && ERROR_SET.has(v.toUpperCase());
}

/** The value type Excel reports (integers are "Double" too). */
export function typeOf(v: unknown): ValueType {
  if (v === "" || v === null || v === undefined) return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (isErrorValue(v)) return "Error";
  return "String";
}

export type RangeRef = { sheetId: string; rect: Rect };

export type TableRecord = {
  id: string;
  name: string;
  sheetId: string;
  rect: Rect;
  hasHeaders: boolean;
  headers: string[];
  /** Header cells Excel had to rewrite (blank, duplicate or not text), as "old → new". */
  renamedHeaders: string[];
  style: string;
};

export type SeriesRecord = {
  id: string;
  name: string;
  values: RangeRef | null;
  xValues: RangeRef | null;
  chartType: string | null;
  markerStyle: string | null;
  markerSize: number | null;
};

export type ChartRecord = {
  id: string;
  name: string;
  sheetId: string;
  type: string;
  seriesBy: string;
  source: RangeRef;
  title: string | null;
  categoryAxisTitle: string | null;
  valueAxisTitle: string | null;
  legend: { visible: boolean; position: string };
  position: { start: string; end: string | null } | null;
  series: SeriesRecord[];
};

/**
 * A conditional format on a sheet (range.conditionalFormats.add(type), ExcelApi 1.6): its type, the cells it
 * applies to, its priority (0 is the top), and for a colour scale the criteria Excel received, as given.
 * Only colour scales are modelled (server/conditionalFormats.ts).
 */
export type ConditionalFormatRecord = {
  id: string;
  type: string;
  rect: Rect;
  priority: number;
  /** ConditionalColorScaleCriteria as set; null until the add-in sets them. */
  colorScale: { criteria: Record<string, unknown> | null } | null;
};

export type WriteRecord = {
  /** What changed: "values", "formulas", "numberFormat", "clear", "format", "sheet", "table", "chart", "setting"… */
  kind: string;
  /** Sheet-qualified address, sheet name, table or chart name, or setting key. */
  target: string;
  /** "add-in" for changes made through the Excel API, "user" for ones a test or the preview made by hand. */
  by: "add-in" | "user";
  /** Set on changes made in a sync after application.suspendApiCalculationUntilNextSync(). */
  calculation?: "suspended";
};

/** Excel's standard column width: 8.43 characters of the Normal style, 64 px, 48 points. */
export const STANDARD_WIDTH = 48;

/** The metadata functions.json gives a custom function (only what the evaluation needs). */
export type FunctionMetadata = {
  id: string;
  name?: string;
  parameters: { name: string; optional?: boolean }[];
  options?: {
    cancelable?: boolean;
    stream?: boolean;
    requiresAddress?: boolean;
    requiresParameterAddresses?: boolean;
  };
};

/** functions.json: the functions, and the file-wide flags Excel reads (only what the evaluation needs). */
export type FunctionsJson = { allowErrorForDataTypeAny?: boolean; functions: FunctionMetadata[] };

/** What Excel passes for an error cell when allowErrorForDataTypeAny is set: the error, as CustomFunctions.Error. */
export type ErrorArgument = { name: "CustomFunctions.Error"; code: string; message: string };

type CustomFunction = (...args: unknown[]) => unknown;

export class Sheet {
  /** Rows of cells by 0-based row index; each row is a sparse array by column. */
  readonly rows = new Map<number, (Cell | undefined)[]>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  /** "row,column" of bold cells. */
  readonly bold = new Set<string>();
  /** Ranges whose columns were autofitted. */
  readonly autofitted: Rect[] = [];
  /** Widths in points of the columns given one (format.columnWidth, autofit); others are STANDARD_WIDTH. */
  readonly columnWidths = new Map<number, number>();
  /** "row,column" of cells with wrapped text (format.wrapText). */
  readonly wrapped = new Set<string>();
  /** The sheet's conditional formats, top priority first: they go with the sheet. */
  conditionalFormats: ConditionalFormatRecord[] = [];
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  /** Protected by the user (Review > Protect Sheet): see Workbook.checkEditable. */
  protected = false;
  private usedCache: { values: Rect | null; all: Rect | null } | null = null;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  get(row: number, column: number): Cell | undefined {
    return this.rows.get(row)?.[column];
  }

  put(row: number, column: number, cell: Cell | undefined): void {
    let line = this.rows.get(row);
    if (!cell) {
      if (line && line[column] !== undefined) {
        line[column] = undefined;
        if (line.every((c) => c === undefined)) this.rows.delete(row);
      }
    } else {
      if (!line) {
        line = [];
        this.rows.set(row, line);
      }
      line[column] = cell;
    }
    this.usedCache = null;
  }

  /** The bounding box of cells with values (valuesOnly) or with values or formats. */
  used(valuesOnly: boolean): Rect | null {
    if (!this.usedCache) this.usedCache = { values: this.scan(true), all: this.scan(false) };
    return valuesOnly ? this.usedCache.values : this.usedCache.all;
  }

  /** The bounding box of used cells inside rect. */
  usedWithin(rect: Rect, valuesOnly: boolean): Rect | null {
    const whole = this.used(valuesOnly);
    if (!whole) return null;
    const area = intersect(whole, rect);
    if (!area) return null;
    let out: Rect | null = null;
    for (const [r, line] of this.rows) {
      if (r < area.row || r >= area.row + area.rowCount) continue;
      for (let c = area.column; c < Math.min(line.length, area.column + area.columnCount); c++) {
        const cell = line[c];
        if (cell && isUsed(cell, valuesOnly)) {
          const one = { row: r, column: c, rowCount: 1, columnCount: 1 };
          out = out ? bound(out, one) : one;
        }
      }
    }
    return out;
  }

  private scan(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [r, line] of this.rows) {
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        if (!cell || !isUsed(cell, valuesOnly)) continue;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    return bottom < 0
      ? null
      : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }
}

function isUsed(cell: Cell, valuesOnly: boolean): boolean {
  if (cell.t !== "Empty" || cell.f !== undefined) return true;
  return !valuesOnly && cell.fmt !== undefined && cell.fmt !== "General";
}

/**
 * Which Excel the workbook behaves as, where Excel's platforms differ (each difference cites its source
 * where it is modelled). "web" is Excel on the web; "windows" and "mac" are the desktop apps.
 */
export type Platform = "web" | "windows" | "mac";

/** Office.context.platform for each (Office.PlatformType: "OfficeOnline", "PC", "Mac"). */
export const OFFICE_PLATFORM: Record<Platform, string> = { web: "OfficeOnline", windows: "PC", mac: "Mac" };

export type WorkbookOptions = {
  /** Names of the sheets a new workbook starts with. */
  sheets?: string[];
  /** The Excel it behaves as; "web" if not given. */
  platform?: Platform;
  /** Custom functions' namespace, as in the manifest. */
  functionNamespace?: string;
};

export type SelectionListener = (event: { type: "WorkbookSelectionChanged"; sheetId: string }) => void;

/** "Sheet1!A1:D5" (or "A1:D5" on the active sheet) → the sheet and rectangle; throws InvalidArgument. */
export type ResolvedAddress = { sheet: Sheet; rect: Rect };

export class Workbook {
  sheets: Sheet[] = [];
  activeSheetId = "";
  selection: { sheetId: string; areas: Rect[] } = { sheetId: "", areas: [] };
  readonly settings = new Map<string, unknown>();
  tables: TableRecord[] = [];
  charts: ChartRecord[] = [];
  writes: WriteRecord[] = [];
  readonly functions = new Map<string, CustomFunction>();
  functionMetadata = new Map<string, FunctionMetadata>();
  /** functions.json's top-level allowErrorForDataTypeAny. */
  allowErrorForDataTypeAny = false;
  /** The host's CustomFunctionsRuntime version (set from the host's requirement sets). */
  customFunctionsRuntime = "1.5";
  functionNamespace: string;
  readonly platform: Platform;
  /** Every custom function call and how it ended, for tests. */
  readonly functionCalls: { formula: string; address: string; status: "busy" | "done" | "error" }[] = [];
  /**
   * The workbook's structure is protected (Review > Protect Workbook): "Protect workbook structure ...
   * prevents other users from adding, moving, deleting, hiding, and renaming worksheets" (Microsoft support,
   * "Protect a workbook", https://support.microsoft.com/office/7e365a4d-3e89-4616-84ca-1931257c1517).
   * Excel.WorkbookProtection.protected reports it (ExcelApi 1.7,
   * https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection).
   */
  structureProtected = false;
  /** Members of the Excel API the add-in touched that the fake does not implement. */
  readonly unsupported: string[] = [];
  /**
   * Members that fail on the Excel build being modelled, as "Type.member" (e.g. "ChartSeries.markerStyle"):
   * setting one fails its sync with InvalidOperation. Marker properties of chart series have failed so on
   * some builds: on the iPad and the web for scatter series (office-js #1688), on Windows after build
   * 16.0.13721 and then on the web, "This operation is not permitted for the current object." at
   * ChartSeries.markerStyle (office-js #1729).
   */
  readonly failingMembers = new Set<string>();
  private nextId = 1;
  private readonly selectionListeners = new Set<SelectionListener>();
  private readonly changeListeners = new Set<() => void>();

  constructor(options: WorkbookOptions = {}) {
    this.functionNamespace = (options.functionNamespace ?? "KMEANS").toUpperCase();
    this.platform = options.platform ?? "web";
    for (const name of options.sheets ?? ["Sheet1"]) this.addSheet(name, "user");
    if (this.sheets.length > 0) this.select(this.sheets[0].name, "A1");
    this.writes = [];
  }

  /** The changes the add-in made through the Excel API (not the test's or the user's own). */
  addinWrites(): WriteRecord[] {
    return this.writes.filter((w) => w.by === "add-in");
  }

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  // ---------------------------------------------------------------- sheets

  sheetById(id: string): Sheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): Sheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheet(name: string): Sheet {
    const s = this.sheetByName(name);
    if (!s) throw new Error(`test workbook: no sheet named "${name}"`);
    return s;
  }

  get activeSheet(): Sheet {
    const s = this.sheetById(this.activeSheetId) ?? this.sheets[0];
    if (!s) throw new Error("test workbook: no sheets");
    return s;
  }

  /** Excel's rules for a new sheet name: at most 31 characters, none of \ / ? * [ ] :, unique. */
  checkSheetName(name: string, except?: Sheet): void {
    if (typeof name !== "string" || name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name)) {
      throw officeError("InvalidArgument");
    }
    if (name.startsWith("'") || name.endsWith("'")) throw officeError("InvalidArgument");
    const taken = this.sheetByName(name);
    if (taken && taken !== except) throw officeError("ItemAlreadyExists");
  }

  addSheet(name?: string, by: WriteRecord["by"] = "add-in"): Sheet {
    this.checkStructure(by);
    let finalName = name;
    if (finalName === undefined) {
      let i = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      finalName = `Sheet${i}`;
    }
    this.checkSheetName(finalName);
    const sheet = new Sheet(this.newId("sheet"), finalName);
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    this.log("sheet", sheet.name, by);
    return sheet;
  }

  deleteSheet(sheet: Sheet, by: WriteRecord["by"] = "add-in"): void {
    this.checkStructure(by);
    if (this.sheets.filter((s) => s.visibility === "Visible").length <= 1 && sheet.visibility === "Visible") {
      throw officeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.tables = this.tables.filter((t) => t.sheetId !== sheet.id);
    this.charts = this.charts.filter((c) => c.sheetId !== sheet.id);
    if (this.activeSheetId === sheet.id) this.activate(this.sheets[0]);
    this.log("sheet-delete", sheet.name, by);
  }

  activate(sheet: Sheet): void {
    if (this.activeSheetId === sheet.id) return;
    this.activeSheetId = sheet.id;
    // Activating a sheet selects what was selected there; the fake selects A1.
    this.setSelection(sheet, [{ row: 0, column: 0, rowCount: 1, columnCount: 1 }]);
  }

  /** Resolves "Sheet1!A1:B2", or a local address on the given (default: active) sheet. */
  resolve(text: string, defaultSheet: Sheet = this.activeSheet): ResolvedAddress {
    const { sheet: sheetName, local } = splitSheet(text);
    const sheet = sheetName === null ? defaultSheet : this.sheetByName(sheetName);
    if (!sheet) throw officeError("InvalidArgument");
    const rect = parseLocal(local.replace(/\s+/g, ""));
    if (!rect) throw officeError("InvalidArgument");
    return { sheet, rect };
  }

  addressOf(ref: RangeRef): string {
    const sheet = this.sheetById(ref.sheetId);
    return sheet ? address(sheet.name, ref.rect) : "#REF!";
  }

  // ---------------------------------------------------------------- selection and events

  /** What the user does by clicking or dragging: selects areas ("A1:B3" or "A1:B2,D1:D2") on a sheet. */
  select(sheetName: string, areas: string): void {
    const sheet = this.sheet(sheetName);
    const rects = areas.split(",").map((part) => {
      const rect = parseLocal(part.trim());
      if (!rect) throw new Error(`test workbook: cannot select "${part}"`);
      return rect;
    });
    this.activeSheetId = sheet.id;
    this.setSelection(sheet, rects);
  }

  private setSelection(sheet: Sheet, areas: Rect[]): void {
    this.selection = { sheetId: sheet.id, areas };
    const event = { type: "WorkbookSelectionChanged" as const, sheetId: sheet.id };
    // Office raises events after the current task, as a message from the host.
    for (const listener of [...this.selectionListeners]) setTimeout(() => listener(event), 0);
    this.changed();
  }

  get selectionAddress(): string {
    const sheet = this.sheetById(this.selection.sheetId);
    if (!sheet) return "";
    return this.selection.areas.map((r) => address(sheet.name, r)).join(", ");
  }

  addSelectionListener(listener: SelectionListener): void {
    this.selectionListeners.add(listener);
  }

  removeSelectionListener(listener: SelectionListener): void {
    this.selectionListeners.delete(listener);
  }

  /** For views: called (at most once per task) after anything changes. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changePending = false;

  changed(): void {
    if (this.changePending || this.changeListeners.size === 0) return;
    this.changePending = true;
    setTimeout(() => {
      this.changePending = false;
      for (const l of [...this.changeListeners]) l();
    }, 0);
  }

  log(kind: string, target: string, by: WriteRecord["by"]): void {
    this.writes.push({ kind, target, by });
    this.changed();
  }

  // ---------------------------------------------------------------- cells

  /**
   * The add-in cannot add, delete or rename sheets of a workbook whose structure is protected. Microsoft's
   * documentation names no error code for it; the test workbook answers AccessDenied, which Excel's error
   * list defines as "You cannot perform the requested operation" ("Error handling with the application-
   * specific JavaScript APIs", https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling)
   * and which Excel.AllowEditRange.delete documents for the same case on a protected sheet
   * (https://learn.microsoft.com/javascript/api/excel/excel.alloweditrange). The add-in checks protection
   * before it writes and does not branch on this code.
   */
  checkStructure(by: WriteRecord["by"]): void {
    if (this.structureProtected && by === "add-in") {
      throw officeError("AccessDenied");
    }
  }

  /**
   * "When a worksheet is protected, ... cells are locked by default" and cannot be changed (Excel.
   * WorksheetProtection, https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection; Microsoft
   * support, "Protect a worksheet", https://support.microsoft.com/office/3179efdb-1285-4d49-a9c3-f4ca36276de6).
   * The test workbook locks every cell of a protected sheet (unlocking cells is not modelled) and answers
   * AccessDenied, as checkStructure explains.
   */
  checkEditable(sheet: Sheet): void {
    if (sheet.protected) throw officeError("AccessDenied");
  }

  /**
   * Writes one cell as Excel does for Range.values (mode "values") or Range.formulas ("formulas"): null
   * leaves the cell as it is, "" clears it, a string is parsed as typed text unless the cell is Text.
   */
  writeCell(sheet: Sheet, row: number, column: number, input: unknown): void {
    if (input === null || input === undefined) return;
    this.checkEditable(sheet);
    const old = sheet.get(row, column);
    const fmt = old?.fmt;
    if (old?.f !== undefined) this.clearSpill(sheet, row, column);
    let cell: Cell;
    if (typeof input === "number") {
      cell = Number.isFinite(input) ? { v: input, t: "Double" } : { v: "#NUM!", t: "Error" };
    } else if (typeof input === "boolean") {
      cell = { v: input, t: "Boolean" };
    } else if (typeof input === "string") {
      cell = fmt === "@" ? textCell(input) : parseTyped(input);
    } else {
      throw officeError("InvalidArgument");
    }
    if (fmt !== undefined) cell.fmt = fmt;
    sheet.put(
      row,
      column,
      cell.t === "Empty" && cell.fmt === undefined && cell.f === undefined ? undefined : cell,
    );
    if (cell.f !== undefined) this.evaluate(sheet, row, column, cell.f);
  }

  writeFormat(sheet: Sheet, row: number, column: number, format: unknown): void {
    if (format === null || format === undefined) return;
    this.checkEditable(sheet);
    if (typeof format !== "string") throw officeError("InvalidArgument");
    const old = sheet.get(row, column);
    const fmt = format === "General" ? undefined : format;
    if (!old) {
      if (fmt !== undefined) sheet.put(row, column, { v: "", t: "Empty", fmt });
      return;
    }
    const next: Cell = { ...old };
    if (fmt === undefined) delete next.fmt;
    else next.fmt = fmt;
    sheet.put(
      row,
      column,
      next.t === "Empty" && next.fmt === undefined && next.f === undefined ? undefined : next,
    );
  }

  clearCell(sheet: Sheet, row: number, column: number, what: "All" | "Contents" | "Formats"): void {
    const old = sheet.get(row, column);
    if (!old) return;
    this.checkEditable(sheet);
    if (what === "Formats") {
      this.writeFormat(sheet, row, column, "General");
      sheet.bold.delete(`${row},${column}`);
      sheet.wrapped.delete(`${row},${column}`);
      return;
    }
    if (old.f !== undefined) this.clearSpill(sheet, row, column);
    if (what === "All" || old.fmt === undefined) {
      sheet.put(row, column, undefined);
      if (what === "All") {
        sheet.bold.delete(`${row},${column}`);
        sheet.wrapped.delete(`${row},${column}`);
      }
    } else sheet.put(row, column, { v: "", t: "Empty", fmt: old.fmt });
  }

  /** Values as Range.values returns them: "" for empty cells. */
  valuesOf(sheet: Sheet, rect: Rect): Value[][] {
    const out: Value[][] = new Array(rect.rowCount);
    for (let r = 0; r < rect.rowCount; r++) {
      const line = sheet.rows.get(rect.row + r);
      const row: Value[] = new Array(rect.columnCount);
      for (let c = 0; c < rect.columnCount; c++) row[c] = line?.[rect.column + c]?.v ?? "";
      out[r] = row;
    }
    return out;
  }

  typesOf(sheet: Sheet, rect: Rect): ValueType[][] {
    const out: ValueType[][] = new Array(rect.rowCount);
    for (let r = 0; r < rect.rowCount; r++) {
      const line = sheet.rows.get(rect.row + r);
      const row: ValueType[] = new Array(rect.columnCount);
      for (let c = 0; c < rect.columnCount; c++) row[c] = line?.[rect.column + c]?.t ?? "Empty";
      out[r] = row;
    }
    return out;
  }

  /**
   * The user's own data: a 2-D array written from a top-left cell (strings read as typed text), on a sheet
   * that is created when missing. Not logged as the add-in's.
   */
  setValues(sheetName: string, topLeft: string, values: unknown[][]): void {
    const sheet = this.sheetByName(sheetName) ?? this.addSheet(sheetName, "user");
    const { rect } = this.resolve(topLeft, sheet);
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === undefined || v === "")
          this.clearCell(sheet, rect.row + r, rect.column + c, "Contents");
        else this.writeCell(sheet, rect.row + r, rect.column + c, v);
      }),
    );
    this.changed();
  }

  /**
   * Fills rows × columns of seeded uniform random numbers (0 to 100, two decimals) under a header row of
   * "X1", "X2"…, from A1: a large data set without sending it from a test.
   */
  fillRandom(sheetName: string, rows: number, columns: number, seed = 1): void {
    const sheet = this.sheetByName(sheetName) ?? this.addSheet(sheetName, "user");
    let state = seed >>> 0 || 1;
    const next = () => {
      // mulberry32
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let c = 0; c < columns; c++) sheet.put(0, c, { v: `X${c + 1}`, t: "String" });
    for (let r = 1; r <= rows; r++) {
      const line: (Cell | undefined)[] = new Array(columns);
      for (let c = 0; c < columns; c++) line[c] = { v: Math.round(next() * 10000) / 100, t: "Double" };
      sheet.rows.set(r, line);
    }
    sheet.put(0, 0, sheet.get(0, 0)); // drops the cached used range
    this.changed();
  }

  // ---------------------------------------------------------------- custom functions

  registerFunction(id: string, fn: CustomFunction): void {
    this.functions.set(id.toUpperCase(), fn);
  }

  /** Evaluation waits for these (the metadata fetch); tests await settle(). */
  private pending = new Set<Promise<unknown>>();
  metadataLoader: (() => Promise<FunctionsJson | null>) | null = null;
  private metadataLoaded: Promise<void> | null = null;

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** A user typing a formula into a cell. Resolves once a custom function in it has settled. */
  async enterFormula(sheetName: string, cell: string, formula: string): Promise<void> {
    const { sheet, rect } = this.resolve(cell, this.sheet(sheetName));
    this.writeCell(sheet, rect.row, rect.column, formula);
    this.log("formulas", address(sheet.name, { ...rect, rowCount: 1, columnCount: 1 }), "user");
    await this.settle();
  }

  private clearSpill(sheet: Sheet, row: number, column: number): void {
    const anchor = `${row},${column}`;
    for (const [r, line] of sheet.rows) {
      for (let c = 0; c < line.length; c++) if (line[c]?.spill === anchor) sheet.put(r, c, undefined);
    }
  }

  /**
   * What Excel shows while typing a formula: its value preview. The functions are called with
   * isInValuePreview true (CustomFunctionsRuntime 1.5: "Work with formula value preview mode", Microsoft
   * Learn); nothing is written. Resolves to the result, or the error value the call ended with.
   */
  async previewFormula(sheetName: string, cell: string, formula: string): Promise<unknown> {
    const { sheet, rect } = this.resolve(cell, this.sheet(sheetName));
    const where = address(sheet.name, { ...rect, rowCount: 1, columnCount: 1 });
    const outcome = this.call(sheet, where, formula, true);
    if (outcome.kind === "shown") return { code: outcome.value };
    try {
      return await outcome.promise;
    } catch (e) {
      return e;
    }
  }

  private evaluate(sheet: Sheet, row: number, column: number, formula: string): void {
    const anchor = sheet.get(row, column)!;
    const setAnchor = (v: Value, t: ValueType, msg?: string) => {
      const cell: Cell = { v, t, f: formula };
      if (anchor.fmt !== undefined) cell.fmt = anchor.fmt;
      if (msg) cell.msg = msg;
      sheet.put(row, column, cell);
    };
    const where = address(sheet.name, { row, column, rowCount: 1, columnCount: 1 });
    const outcome = this.call(sheet, where, formula, false);
    if (outcome.kind === "shown") {
      setAnchor(outcome.value, "Error");
      return;
    }
    const entry: (typeof this.functionCalls)[number] = { formula, address: where, status: "busy" };
    this.functionCalls.push(entry);
    setAnchor("#BUSY!", "Error");
    const run = outcome.promise;
    this.pending.add(run);
    run
      .then(
        (result) => {
          const current = sheet.get(row, column);
          if (current?.f !== formula) return; // replaced meanwhile
          if (result === NEVER_RETURNS) return; // Excel never ran it: the cell stays #BUSY!
          entry.status = "done";
          this.spill(sheet, row, column, formula, result, anchor.fmt);
        },
        (error: unknown) => {
          const current = sheet.get(row, column);
          if (current?.f !== formula) return;
          entry.status = "error";
          const e = error as { code?: unknown; message?: unknown };
          const code = typeof e?.code === "string" && isErrorValue(e.code) ? e.code : "#VALUE!";
          setAnchor(code, "Error", typeof e?.message === "string" ? e.message : undefined);
        },
      )
      .finally(() => {
        this.pending.delete(run);
        this.changed();
      });
  }

  /**
   * One call of a custom function, with its arguments as Excel passes them. Either Excel shows a value
   * without calling the add-in (not a custom function, an error in a range), or the call's promise, which
   * resolves to NEVER_RETURNS when Excel does not deliver the call at all (too large an argument).
   */
  private call(
    sheet: Sheet,
    where: string,
    formula: string,
    preview: boolean,
  ): { kind: "shown"; value: string } | { kind: "called"; promise: Promise<unknown> } {
    const call = parseCall(formula);
    const prefix = `${this.functionNamespace}.`;
    // Worksheet formulas are not calculated by the fake.
    if (!call || !call.name.toUpperCase().startsWith(prefix)) return { kind: "shown", value: "#NAME?" };
    const id = call.name.toUpperCase().slice(prefix.length);
    const args = call.args.map((a) => this.argumentValue(a, sheet));
    // Excel on the web answers a whole-column argument with #CALC! (office-js #4613: "=MYFUNC(A:A)" works on
    // the desktop, "in Excel online it returns #CALC!").
    if (this.platform === "web" && args.some((a) => a.rect && a.rect.rowCount === MAX_ROWS)) {
      return { kind: "shown", value: "#CALC!" };
    }
    const promise = (async () => {
      this.metadataLoaded ??= (async () => {
        const json = this.metadataLoader ? await this.metadataLoader().catch(() => null) : null;
        for (const m of json?.functions ?? []) this.functionMetadata.set(m.id.toUpperCase(), m);
        this.allowErrorForDataTypeAny = json?.allowErrorForDataTypeAny === true;
      })();
      await this.metadataLoaded;
      const fn = this.functions.get(id);
      if (!fn) throw { code: "#NAME?" };
      const meta = this.functionMetadata.get(id);
      // "A custom function can evaluate even if the input range contains an error" only with
      // allowErrorForDataTypeAny ("Handle and return errors from your custom function", Microsoft Learn).
      // Without it the function is not called; the fake shows the range's first error, as Excel's own
      // functions pass an input's error on (what Excel shows then is not documented).
      const firstError = this.allowErrorForDataTypeAny ? undefined : args.map(errorIn).find((e) => e);
      if (firstError) throw { code: firstError };
      const values = args.map((a) => a.value);
      const declared = meta ? meta.parameters.length : Math.max(values.length, fn.length - 1);
      while (values.length < declared) values.push(null);
      // Excel caps what a custom function is handed near 5 MB (office-js #4654: payloads over it make "the
      // function fail to run", after a long wait); the call never arrives, and the cell keeps #BUSY! (as
      // large inputs do on the web: office-js #2786).
      if (utf8Bytes(JSON.stringify(values)) > FUNCTION_PAYLOAD_LIMIT) return NEVER_RETURNS;
      // Excel passes an invocation object last: the cell's address, and onCanceled for cancelable functions.
      const invocation: Record<string, unknown> = {
        address: where,
        functionName: `${this.functionNamespace}.${id}`,
      };
      // parameterAddresses: CustomFunctionsRuntime 1.3, for functions whose metadata asks for them; a
      // range's address as "Sheet!A1:D5", and (the fake's choice; undocumented) "" for other arguments.
      if (meta?.options?.requiresParameterAddresses && runtimeAtLeast(this.customFunctionsRuntime, "1.3")) {
        invocation.parameterAddresses = args.map((a) => a.address ?? "");
      }
      // isInValuePreview: CustomFunctionsRuntime 1.5 ("Work with formula value preview mode").
      if (runtimeAtLeast(this.customFunctionsRuntime, "1.5")) invocation.isInValuePreview = preview;
      return fn(...values, invocation);
    })();
    return { kind: "called", promise };
  }

  /**
   * An argument as Excel hands it to an `any` parameter. A blank cell of a range is null on the web and 0
   * on Windows and Mac (office-js #4702: "in web, the value is shown as null and in desktop the same param
   * value is 0"; #5262, a matrix of type any on the desktop, gets 0 too; #1951 saw 0 on the web for a
   * repeating matrix parameter, so the add-in must not rely on null either). A whole column is all its
   * 1,048,576 rows. An error cell is its error value (passed as CustomFunctions.Error when
   * allowErrorForDataTypeAny is set; the form is not documented).
   */
  private argumentValue(arg: string, sheet: Sheet): Argument {
    const text = arg.trim();
    if (text === "") return { value: null };
    if (/^"(?:[^"]|"")*"$/.test(text)) return { value: text.slice(1, -1).replace(/""/g, '"') };
    if (/^(TRUE|FALSE)$/i.test(text)) return { value: text.toUpperCase() === "TRUE" };
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return { value: Number(text) };
    const { sheet: target, rect } = this.resolve(text, sheet);
    const blank = this.platform === "web" ? null : 0;
    const values: unknown[][] = new Array(rect.rowCount);
    for (let r = 0; r < rect.rowCount; r++) {
      const line = target.rows.get(rect.row + r);
      const row: unknown[] = new Array(rect.columnCount);
      for (let c = 0; c < rect.columnCount; c++) {
        const cell = line?.[rect.column + c];
        if (!cell || cell.t === "Empty") row[c] = blank;
        else if (cell.t === "Error") row[c] = errorArgument(cell);
        else row[c] = cell.v;
      }
      values[r] = row;
    }
    return { value: values, rect, address: address(target.name, rect) };
  }

  private spill(
    sheet: Sheet,
    row: number,
    column: number,
    formula: string,
    result: unknown,
    fmt?: string,
  ): void {
    const grid: unknown[][] = Array.isArray(result)
      ? result.map((line) => (Array.isArray(line) ? line : [line]))
      : [[result]];
    const rows = grid.length;
    const columns = Math.max(0, ...grid.map((l) => l.length));
    const toCell = (v: unknown): Cell => {
      if (v === null || v === undefined || v === "") return { v: "", t: "Empty" };
      if (typeof v === "object" && typeof (v as { code?: unknown }).code === "string") {
        const e = v as { code: string; message?: string };
        return { v: e.code, t: "Error", ...(e.message ? { msg: e.message } : {}) };
      }
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") {
        return typeof v === "string" ? textCell(v) : { v, t: typeOf(v) };
      }
      return { v: "#VALUE!", t: "Error" };
    };
    const blocked =
      rows === 0 ||
      columns === 0 ||
      !inGrid({ row, column, rowCount: rows, columnCount: columns }) ||
      grid.some((line, r) =>
        line.some((_, c) => {
          if (r === 0 && c === 0) return false;
          const other = sheet.get(row + r, column + c);
          return other !== undefined && (other.t !== "Empty" || other.f !== undefined);
        }),
      );
    if (blocked) {
      sheet.put(row, column, {
        v: rows === 0 ? "#CALC!" : "#SPILL!",
        t: "Error",
        f: formula,
        ...(fmt ? { fmt } : {}),
      });
      return;
    }
    const anchorKey = `${row},${column}`;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const cell = toCell(grid[r][c]);
        if (r === 0 && c === 0) {
          cell.f = formula;
          if (fmt) cell.fmt = fmt;
        } else {
          cell.spill = anchorKey;
        }
        sheet.put(row + r, column + c, cell);
      }
    }
  }

  // ---------------------------------------------------------------- reading back

  /** A digest of everything a user could see, to show a workbook is unchanged. */
  digest(): string {
    let h = 0x811c9dc5;
    const mix = (s: string) => {
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    };
    for (const sheet of this.sheets) {
      mix(`|S${sheet.name}`);
      const rows = [...sheet.rows.keys()].sort((a, b) => a - b);
      for (const r of rows) {
        const line = sheet.rows.get(r)!;
        for (let c = 0; c < line.length; c++) {
          const cell = line[c];
          if (cell) mix(`|${r},${c}:${cell.t}:${String(cell.v)}:${cell.f ?? ""}:${cell.fmt ?? ""}`);
        }
      }
      mix(`|B${[...sheet.bold].sort().join(";")}`);
      mix(`|CF${JSON.stringify(sheet.conditionalFormats)}`);
    }
    mix(JSON.stringify(this.tables));
    mix(JSON.stringify(this.charts));
    mix(JSON.stringify([...this.settings]));
    return `${this.sheets.length}:${h.toString(16)}`;
  }
}

/** An argument: what the function is passed, and where it came from when it is a range. */
type Argument = { value: unknown; rect?: Rect; address?: string };

/** What a call that Excel never delivers resolves to, in the fake. */
const NEVER_RETURNS = Symbol("never returns");

/** Excel's cap on what one custom function call is handed (office-js #4654: "5 MB"). */
export const FUNCTION_PAYLOAD_LIMIT = 5 * 1024 * 1024;

function errorArgument(cell: Cell): ErrorArgument {
  return { name: "CustomFunctions.Error", code: String(cell.v), message: cell.msg ?? "" };
}

function errorIn(arg: Argument): string | undefined {
  if (!Array.isArray(arg.value)) return undefined;
  for (const row of arg.value as unknown[][]) {
    for (const v of row)
      if (typeof v === "object" && v !== null && "code" in v) return (v as ErrorArgument).code;
  }
  return undefined;
}

function runtimeAtLeast(have: string, want: string): boolean {
  const [a, b] = [have, want].map((v) => v.split(".").map(Number));
  return a[0] !== b[0] ? a[0] > b[0] : (a[1] ?? 0) >= (b[1] ?? 0);
}

/** Bytes of a string as UTF-8, as it travels (counted by hand: jsdom test pages have no TextEncoder). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function textCell(input: string): Cell {
  return input === "" ? { v: "", t: "Empty" } : { v: input, t: "String" };
}

/** Excel's reading of typed text in a General cell. */
function parseTyped(input: string): Cell {
  if (input === "") return { v: "", t: "Empty" };
  if (input.startsWith("=") && input.length > 1) return { v: "", t: "Empty", f: input };
  const trimmed = input.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return { v: Number(trimmed), t: "Double" };
  if (/^[-+]?(\d+\.?\d*|\.\d+)%$/.test(trimmed))
    return { v: Number(trimmed.slice(0, -1)) / 100, t: "Double", fmt: "0%" };
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return { v: trimmed.toUpperCase() === "TRUE", t: "Boolean" };
  if (isErrorValue(trimmed)) return { v: trimmed.toUpperCase(), t: "Error" };
  return { v: input, t: "String" };
}

/** "=KMEANS.LABELS(A2:D151, 3)" → the function name and its top-level arguments' text. */
export function parseCall(formula: string): { name: string; args: string[] } | null {
  const m = /^=\s*([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)\s*$/.exec(formula);
  if (!m) return null;
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of m[2]) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      args.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "" || args.length > 0) args.push(current);
  return { name: m[1], args };
}

export { address, localAddress, type Rect };
