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
import { address, bound, inGrid, intersect, localAddress, parseLocal, splitSheet, type Rect } from "./a1";
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

export type WriteRecord = {
  /** What changed: "values", "formulas", "numberFormat", "clear", "format", "sheet", "table", "chart", "setting"… */
  kind: string;
  /** Sheet-qualified address, sheet name, table or chart name, or setting key. */
  target: string;
  /** "add-in" for changes made through the Excel API, "user" for ones a test or the preview made by hand. */
  by: "add-in" | "user";
};

/** The metadata functions.json gives a custom function (only what the evaluation needs). */
export type FunctionMetadata = {
  id: string;
  name?: string;
  parameters: { name: string; optional?: boolean }[];
  options?: { cancelable?: boolean; stream?: boolean; requiresAddress?: boolean };
};

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
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
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
  functionNamespace: string;
  readonly platform: Platform;
  /** Every custom function call and how it ended, for tests. */
  readonly functionCalls: { formula: string; address: string; status: "busy" | "done" | "error" }[] = [];
  /** Members of the Excel API the add-in touched that the fake does not implement. */
  readonly unsupported: string[] = [];
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

  get selectionListenerCount(): number {
    return this.selectionListeners.size;
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
   * Writes one cell as Excel does for Range.values (mode "values") or Range.formulas ("formulas"): null
   * leaves the cell as it is, "" clears it, a string is parsed as typed text unless the cell is Text.
   */
  writeCell(sheet: Sheet, row: number, column: number, input: unknown): void {
    if (input === null || input === undefined) return;
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
    if (what === "Formats") {
      this.writeFormat(sheet, row, column, "General");
      sheet.bold.delete(`${row},${column}`);
      return;
    }
    if (old.f !== undefined) this.clearSpill(sheet, row, column);
    if (what === "All" || old.fmt === undefined) {
      sheet.put(row, column, undefined);
      if (what === "All") sheet.bold.delete(`${row},${column}`);
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
  metadataLoader: (() => Promise<FunctionMetadata[] | null>) | null = null;
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

  private evaluate(sheet: Sheet, row: number, column: number, formula: string): void {
    const call = parseCall(formula);
    const anchor = sheet.get(row, column)!;
    const setAnchor = (v: Value, t: ValueType, msg?: string) => {
      const cell: Cell = { v, t, f: formula };
      if (anchor.fmt !== undefined) cell.fmt = anchor.fmt;
      if (msg) cell.msg = msg;
      sheet.put(row, column, cell);
    };
    const prefix = `${this.functionNamespace}.`;
    if (!call || !call.name.toUpperCase().startsWith(prefix)) {
      // Worksheet formulas are not calculated by the fake.
      setAnchor("#NAME?", "Error");
      return;
    }
    const id = call.name.toUpperCase().slice(prefix.length);
    const record = {
      formula,
      address: address(sheet.name, { row, column, rowCount: 1, columnCount: 1 }),
      status: "busy" as const,
    };
    const entry: (typeof this.functionCalls)[number] = record;
    this.functionCalls.push(entry);
    setAnchor("#BUSY!", "Error");
    const run = (async () => {
      this.metadataLoaded ??= (async () => {
        const list = this.metadataLoader ? await this.metadataLoader().catch(() => null) : null;
        for (const m of list ?? []) this.functionMetadata.set(m.id.toUpperCase(), m);
      })();
      await this.metadataLoaded;
      const fn = this.functions.get(id);
      if (!fn) throw { code: "#NAME?" };
      const meta = this.functionMetadata.get(id);
      const args = call.args.map((a) => this.argumentValue(a, sheet));
      const declared = meta ? meta.parameters.length : Math.max(args.length, fn.length - 1);
      while (args.length < declared) args.push(null);
      // Excel passes an invocation object last: the cell's address, and onCanceled for cancelable functions.
      const invocation = { address: record.address, functionName: `${this.functionNamespace}.${id}` };
      return fn(...args, invocation);
    })();
    this.pending.add(run);
    run
      .then(
        (result) => {
          const current = sheet.get(row, column);
          if (current?.f !== formula) return; // replaced meanwhile
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

  private argumentValue(arg: string, sheet: Sheet): unknown {
    const text = arg.trim();
    if (text === "") return null;
    if (/^"(?:[^"]|"")*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
    if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
    const { sheet: target, rect } = this.resolve(text, sheet);
    const used = target.used(true);
    // A whole column is passed as its used part (Excel passes all of it; the functions skip blank rows).
    const area = rect.rowCount > 100_000 && used ? (intersect(rect, used) ?? rect) : rect;
    return this.valuesOf(target, area);
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
    }
    mix(JSON.stringify(this.tables));
    mix(JSON.stringify(this.charts));
    mix(JSON.stringify([...this.settings]));
    return `${this.sheets.length}:${h.toString(16)}`;
  }
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
