/**
 * A strict, hand-rolled fake of the part of Excel's object model the add-in uses. office-addin-mock
 * returns placeholder strings for unloaded properties and does not batch work until sync; this fake
 * throws on a read before load+sync (as Office.js does), applies queued writes in order at sync, drops a
 * whole batch when it is over a payload limit (as Excel on the web does), and emulates how Excel parses a
 * string written into a General cell (a leading "=" makes a formula; "12" becomes a number).
 */

export type Cell = { value: unknown; type: string; format: string; formula?: string };
type Rect = { row: number; column: number; rowCount: number; columnCount: number };

export class FakeSheet {
  cells = new Map<string, Cell>();
  hiddenRows = new Set<number>();
  tables: Rect[] = [];
  bold = new Set<string>();
  charts: ChartRecord[] = [];
  constructor(public name: string) {}

  get(row: number, column: number): Cell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** Fills cells from a 2D array starting at (row, column); null leaves a cell empty. */
  fill(values: unknown[][], row = 0, column = 0): this {
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        this.cells.set(`${row + r},${column + c}`, {
          value: v,
          type: typeOfValue(v),
          format: "General",
        });
      }),
    );
    return this;
  }

  usedRect(): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const key of this.cells.keys()) {
      const [r, c] = key.split(",").map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return bottom < 0
      ? null
      : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }
}

function typeOfValue(v: unknown): string {
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "string" && /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!)$/.test(v)) return "Error";
  return "String";
}

export type FakeOptions = {
  /** Cells a single request may carry (loads of values/valueTypes plus writes); over it, sync throws. */
  maxCellsPerRequest?: number;
  payloadErrorCode?: string;
  /** charts.add of this chart type fails at sync with this message, as a host refusing it would. */
  chartFailure?: { type: string; message: string };
};

export type SyncRecord = { calls: string[]; cells: number; failed: boolean };

class PropertyNotLoaded extends Error {
  code = "PropertyNotLoaded";
}

/** A proxy's loaded properties become readable only after the sync that follows the load. */
class Proxy {
  protected loaded = new Map<string, unknown>();
  protected ctx: FakeContext;
  constructor(ctx: FakeContext) {
    this.ctx = ctx;
  }
  protected read(name: string): unknown {
    if (!this.loaded.has(name)) {
      throw new PropertyNotLoaded(
        `The property '${name}' is not available. Load it and call context.sync().`,
      );
    }
    return this.loaded.get(name);
  }
}

export class FakeRange extends Proxy {
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeSheet,
    /** Evaluated at sync time, so a range defined by other ranges sees the workbook as it then is. */
    private locate: () => Rect | null,
    private label: string,
  ) {
    super(ctx);
  }

  load(props: string): this {
    const names = props.split(",").map((s) => s.trim());
    const gridProps = names.filter(
      (n) => n === "values" || n === "valueTypes" || n === "numberFormat",
    ).length;
    this.ctx.enqueue(
      `${this.label}.load(${names.join(",")})`,
      () => {
        const rect = this.locate();
        this.loaded.set("isNullObject", rect === null);
        for (const n of names) this.loaded.set(n, rect ? this.compute(n, rect) : null);
      },
      () => gridProps * this.cellCount(),
    );
    return this;
  }

  rect(): Rect | null {
    return this.locate();
  }

  private cellCount(): number {
    const rect = this.locate();
    return rect ? rect.rowCount * rect.columnCount : 0;
  }

  private compute(name: string, rect: Rect): unknown {
    const grid = <T>(f: (cell: Cell | undefined) => T) =>
      Array.from({ length: rect.rowCount }, (_, r) =>
        Array.from({ length: rect.columnCount }, (_, c) => f(this.sheet.get(rect.row + r, rect.column + c))),
      );
    switch (name) {
      case "values":
        return grid((c) => (c ? c.value : ""));
      case "valueTypes":
        return grid((c) => (c ? c.type : "Empty"));
      case "address":
        return a1(this.sheet.name, rect);
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "rowHidden": {
        let hidden = 0;
        for (let r = rect.row; r < rect.row + rect.rowCount; r++) if (this.sheet.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === rect.rowCount ? true : null;
      }
      default:
        throw new Error(`fake: property ${name} not supported`);
    }
  }

  get isNullObject(): boolean {
    return this.read("isNullObject") as boolean;
  }
  get values(): unknown[][] {
    return this.read("values") as unknown[][];
  }
  set values(v: unknown[][]) {
    const label = this.label;
    this.ctx.enqueue(
      `${label}.values=`,
      () => {
        const rect = this.mustLocate();
        checkShape(v, rect, label);
        v.forEach((line, r) =>
          line.forEach((value, c) => this.ctx.writeCell(this.sheet, rect.row + r, rect.column + c, value)),
        );
      },
      () => this.cellCount(),
    );
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat") as string[][];
  }
  set numberFormat(f: string[][]) {
    const label = this.label;
    this.ctx.enqueue(
      `${label}.numberFormat=`,
      () => {
        const rect = this.mustLocate();
        checkShape(f, rect, label);
        f.forEach((line, r) =>
          line.forEach((format, c) => {
            const key = `${rect.row + r},${rect.column + c}`;
            const cell = this.sheet.cells.get(key);
            if (cell) cell.format = format;
            else this.ctx.pendingFormats.set(`${this.sheet.name}!${key}`, format);
          }),
        );
      },
      () => this.cellCount(),
    );
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes") as string[][];
  }
  get address(): string {
    return this.read("address") as string;
  }
  get rowIndex(): number {
    return this.read("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.read("columnIndex") as number;
  }
  get rowCount(): number {
    return this.read("rowCount") as number;
  }
  get columnCount(): number {
    return this.read("columnCount") as number;
  }
  get rowHidden(): boolean {
    return this.read("rowHidden") as boolean;
  }

  get format() {
    const range = this;
    return {
      autofitColumns: () => this.ctx.enqueue(`${this.label}.format.autofitColumns()`, () => undefined),
      font: {
        set bold(b: boolean) {
          range.ctx.enqueue(`${range.label}.format.font.bold=`, () => {
            const rect = range.mustLocate();
            if (b) range.sheet.bold.add(`${rect.row},${rect.column}`);
          });
        },
      },
    };
  }

  private mustLocate(): Rect {
    const rect = this.locate();
    if (!rect) throw new Error("fake: write to a null object");
    return rect;
  }

  /** *OrNullObject results know whether they exist after the next sync, without a load. */
  resolveNullAtSync(): this {
    this.ctx.enqueue(`${this.label}.isNullObject`, () =>
      this.loaded.set("isNullObject", this.locate() === null),
    );
    return this;
  }

  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    return new FakeRange(
      this.ctx,
      this.sheet,
      () => intersect(this.locate(), other.locate()),
      `${this.label}.intersect`,
    ).resolveNullAtSync();
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(
      this.ctx,
      this.sheet,
      () => {
        const rect = this.locate();
        if (!rect) return null;
        let used: Rect | null = null;
        for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
          for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
            if (this.sheet.get(r, c)) used = union(used, { row: r, column: c, rowCount: 1, columnCount: 1 });
          }
        }
        return used;
      },
      `${this.label}.used`,
    ).resolveNullAtSync();
  }
}

function checkShape(v: unknown[][], rect: Rect, label: string): void {
  if (v.length !== rect.rowCount || v.some((line) => line.length !== rect.columnCount)) {
    throw Object.assign(new Error(`fake: ${label} dimensions do not match`), { code: "InvalidArgument" });
  }
}

function intersect(a: Rect | null, b: Rect | null): Rect | null {
  if (!a || !b) return null;
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const bottom = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const right = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  return bottom > row && right > column
    ? { row, column, rowCount: bottom - row, columnCount: right - column }
    : null;
}

function union(a: Rect | null, b: Rect): Rect {
  if (!a) return b;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  const bottom = Math.max(a.row + a.rowCount, b.row + b.rowCount);
  const right = Math.max(a.column + a.columnCount, b.column + b.columnCount);
  return { row, column, rowCount: bottom - row, columnCount: right - column };
}

function letter(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function a1(sheet: string, r: Rect): string {
  const q = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const tl = `${letter(r.column)}${r.row + 1}`;
  const br = `${letter(r.column + r.columnCount - 1)}${r.row + r.rowCount}`;
  return `${q}!${tl === br ? tl : `${tl}:${br}`}`;
}

/** "B2:D10" → rect (enough A1 for the tests). */
function parseLocal(local: string): Rect {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(local);
  if (!m) throw new Error(`fake: cannot parse ${local}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  const column = col(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : row;
  const right = m[3] ? col(m[3]) : column;
  return { row, column, rowCount: bottom - row + 1, columnCount: right - column + 1 };
}

export class FakeWorksheet extends Proxy {
  constructor(
    ctx: FakeContext,
    private resolveSheet: () => FakeSheet | null,
  ) {
    super(ctx);
  }
  private get sheet(): FakeSheet {
    const s = this.resolveSheet();
    if (!s) throw new Error("fake: sheet does not exist");
    return s;
  }
  load(props: string): this {
    this.ctx.enqueue(`sheet.load(${props})`, () => {
      const s = this.resolveSheet();
      this.loaded.set("isNullObject", s === null);
      if (s) this.loaded.set("name", s.name);
    });
    return this;
  }
  get name(): string {
    return this.read("name") as string;
  }
  get isNullObject(): boolean {
    return this.read("isNullObject") as boolean;
  }
  /** *OrNullObject results know whether they exist after the next sync, without a load. */
  resolveNullAtSync(): this {
    this.ctx.enqueue("sheet.isNullObject", () =>
      this.loaded.set("isNullObject", this.resolveSheet() === null),
    );
    return this;
  }
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): FakeRange {
    const name = this.sheet.name;
    this.ctx.calls.push(`getRangeByIndexes(${name},${row},${column},${rowCount},${columnCount})`);
    if (rowCount < 1 || columnCount < 1) throw new Error("fake: empty range");
    const sheet = this.sheet;
    return new FakeRange(
      this.ctx,
      sheet,
      () => ({ row, column, rowCount, columnCount }),
      `${name}[${row},${column}]`,
    );
  }
  getRange(local: string): FakeRange {
    const rect = parseLocal(local);
    return new FakeRange(this.ctx, this.sheet, () => rect, `${this.sheet.name}!${local}`);
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    const sheet = this.sheet;
    return new FakeRange(
      this.ctx,
      sheet,
      () => sheet.usedRect() ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
      `${sheet.name}.used`,
    );
  }
  get charts() {
    const sheet = this.sheet;
    const ctx = this.ctx;
    let items: { name: string; delete(): void }[] | null = null;
    return {
      add: (type: string, source: FakeRange, seriesBy: string) =>
        new FakeChart(this.ctx, sheet, type, source, seriesBy),
      /** load("items/name"): the sheet's charts by name, each deletable. */
      load(props: string) {
        void props;
        ctx.enqueue("charts.load", () => {
          items = sheet.charts.map((record) => ({
            name: record.name,
            delete: () =>
              ctx.enqueue("chart.delete", () => {
                sheet.charts = sheet.charts.filter((c) => c !== record);
              }),
          }));
        });
      },
      get items() {
        if (!items) throw Object.assign(new Error("fake: charts not loaded"), { code: "PropertyNotLoaded" });
        return items;
      },
    };
  }
  get tables() {
    const sheet = this.sheet;
    const ctx = this.ctx;
    let count: number | null = null;
    return {
      load(props: string) {
        void props;
        ctx.enqueue("tables.load", () => (count = sheet.tables.length));
      },
      get count() {
        if (count === null)
          throw Object.assign(new Error("fake: count not loaded"), { code: "PropertyNotLoaded" });
        return count;
      },
      add: (range: FakeRange, hasHeaders: boolean) => {
        const sheet = this.sheet;
        this.ctx.enqueue("tables.add", () => {
          const rect = range.rect();
          if (!rect || !hasHeaders) throw new Error("fake: table needs a range with headers");
          // Excel refuses (or renames) table headers that are not unique text.
          const header = Array.from({ length: rect.columnCount }, (_, c) =>
            sheet.get(rect.row, rect.column + c),
          );
          const names = header.map((cell) =>
            cell && cell.type === "String" ? String(cell.value).toLowerCase() : null,
          );
          if (names.some((n) => n === null) || new Set(names).size !== names.length) {
            throw new Error("fake: table headers must be unique text");
          }
          sheet.tables.push(rect);
        });
      },
    };
  }
}

/*
 * Charts: exactly the subset of the chart API the add-in may use (ExcelApi 1.7), recorded on the sheet.
 * Anything else is refused: objects cannot gain properties (assigning one throws in strict mode), reading a
 * property that is only written throws, and series.count must be loaded and synced before it is read.
 */

export type SeriesRecord = {
  name: string;
  /** Sheet-qualified A1 address of the values (Y) range, null until set. */
  values: string | null;
  /** Sheet-qualified A1 address of the X values (categories) range, null when Excel's default. */
  xValues: string | null;
  markerStyle?: string;
  markerSize?: number;
  chartType?: string;
};

export type ChartRecord = {
  type: string;
  /** Address of the range the chart was created from. */
  source: string;
  seriesBy: string;
  name: string;
  title: string | null;
  categoryAxisTitle: string | null;
  valueAxisTitle: string | null;
  legend: { visible: boolean; position: string };
  /** Top-left and bottom-right cells, as passed to setPosition. */
  position: { start: string; end: string } | null;
  series: SeriesRecord[];
};

export const FAKE_CHART_TYPES = [
  "XYScatterLines",
  "Line",
  "LineMarkers",
  "XYScatter",
  "ColumnClustered",
  "BarClustered",
];
const XY_TYPES = new Set(["XYScatterLines", "XYScatter"]);
const MARKER_STYLES = new Set([
  "Automatic",
  "None",
  "Square",
  "Diamond",
  "Triangle",
  "X",
  "Star",
  "Dot",
  "Dash",
  "Circle",
  "Plus",
]);
const LEGEND_POSITIONS = new Set(["Top", "Bottom", "Left", "Right", "Corner"]);

function writeOnly(label: string): never {
  throw new Error(`fake: ${label} is write-only here (the add-in never reads it)`);
}

/** An object with only the given write-only properties (and methods), closed to any other. */
function closed<T extends object>(o: T): T {
  return Object.preventExtensions(o);
}

export class FakeChart {
  private record: ChartRecord | null = null;
  readonly title: { text: string };
  readonly axes: { categoryAxis: { title: { text: string } }; valueAxis: { title: { text: string } } };
  readonly legend: { visible: boolean; position: string };
  readonly series: FakeSeriesCollection;

  constructor(
    private ctx: FakeContext,
    sheet: FakeSheet,
    type: string,
    source: FakeRange,
    seriesBy: string,
  ) {
    if (!FAKE_CHART_TYPES.includes(type)) throw new Error(`fake: chart type ${type} is not in the subset`);
    if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw new Error(`fake: seriesBy ${seriesBy}`);
    if (!(source instanceof FakeRange)) throw new Error("fake: charts.add needs a range");
    ctx.enqueue(`charts.add(${type})`, () => {
      const failure = ctx.options.chartFailure;
      if (failure && failure.type === type)
        throw Object.assign(new Error(failure.message), { code: "GeneralException" });
      const rect = source.rect();
      if (!rect) throw new Error("fake: chart source is a null range");
      this.record = {
        type,
        source: a1(source.sheet.name, rect),
        seriesBy,
        name: `Chart ${sheet.charts.length + 1}`,
        title: null,
        categoryAxisTitle: null,
        valueAxisTitle: null,
        legend: { visible: true, position: "Right" },
        position: null,
        series: autoSeries(type, source.sheet.name, rect, seriesBy),
      };
      sheet.charts.push(this.record);
    });
    const chart = this;
    const text = (label: string, set: (r: ChartRecord, v: string) => void) =>
      closed({
        get text(): string {
          return writeOnly(label);
        },
        set text(v: string) {
          chart.op(`${label}=`, (r) => set(r, v));
        },
      });
    this.title = text("chart.title.text", (r, v) => (r.title = v));
    this.axes = closed({
      categoryAxis: closed({ title: text("categoryAxis.title.text", (r, v) => (r.categoryAxisTitle = v)) }),
      valueAxis: closed({ title: text("valueAxis.title.text", (r, v) => (r.valueAxisTitle = v)) }),
    });
    this.legend = closed({
      get visible(): boolean {
        return writeOnly("legend.visible");
      },
      set visible(v: boolean) {
        chart.op("legend.visible=", (r) => (r.legend.visible = v));
      },
      get position(): string {
        return writeOnly("legend.position");
      },
      set position(v: string) {
        if (!LEGEND_POSITIONS.has(v)) throw new Error(`fake: legend position ${v}`);
        chart.op("legend.position=", (r) => (r.legend.position = v));
      },
    });
    this.series = new FakeSeriesCollection(ctx, () => this.bound());
    closed(this);
  }

  get name(): string {
    return writeOnly("chart.name");
  }
  set name(v: string) {
    this.op("chart.name=", (r) => (r.name = v));
  }

  setPosition(start: string, end?: string): void {
    if (typeof start !== "string" || (end !== undefined && typeof end !== "string")) {
      throw new Error("fake: setPosition takes cell addresses here");
    }
    for (const cell of [start, end ?? start]) {
      if (!/^[A-Z]+\d+$/.test(cell)) throw new Error(`fake: setPosition needs single cells, got ${cell}`);
    }
    this.op("chart.setPosition", (r) => (r.position = { start, end: end ?? start }));
  }

  /** Queues an operation on the chart, which exists once charts.add has run. */
  op(label: string, run: (r: ChartRecord) => void): void {
    this.ctx.enqueue(label, () => run(this.bound()));
  }

  bound(): ChartRecord {
    if (!this.record) throw new Error("fake: the chart was never created");
    return this.record;
  }
}

/** Series Excel makes from a source range: one per column (by columns); an XY chart's first column is X. */
function autoSeries(type: string, sheetName: string, rect: Rect, seriesBy: string): SeriesRecord[] {
  const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && rect.rowCount < rect.columnCount);
  const count = byRows ? rect.rowCount : rect.columnCount;
  const line = (i: number): Rect =>
    byRows
      ? { row: rect.row + i, column: rect.column, rowCount: 1, columnCount: rect.columnCount }
      : { row: rect.row, column: rect.column + i, rowCount: rect.rowCount, columnCount: 1 };
  const xFirst = XY_TYPES.has(type) && count > 1;
  const out: SeriesRecord[] = [];
  for (let i = xFirst ? 1 : 0; i < count; i++) {
    out.push({
      name: `Series${out.length + 1}`,
      values: a1(sheetName, line(i)),
      xValues: xFirst ? a1(sheetName, line(0)) : null,
    });
  }
  return out;
}

export class FakeSeriesCollection {
  private loadedCount: number | null = null;
  constructor(
    private ctx: FakeContext,
    private chart: () => ChartRecord,
  ) {
    closed(this);
  }

  load(props: string): this {
    if (props.trim() !== "count") throw new Error(`fake: series.load(${props}) is not in the subset`);
    this.ctx.enqueue("series.load(count)", () => (this.loadedCount = this.chart().series.length));
    return this;
  }

  get count(): number {
    if (this.loadedCount === null) {
      throw new PropertyNotLoaded("The property 'count' is not available. Load it and call context.sync().");
    }
    return this.loadedCount;
  }

  getItemAt(index: number): FakeSeries {
    return new FakeSeries(this.ctx, `series.getItemAt(${index})`, () => {
      const s = this.chart().series[index];
      if (!s) throw Object.assign(new Error(`fake: no series at ${index}`), { code: "ItemNotFound" });
      return s;
    });
  }

  add(name?: string): FakeSeries {
    return new FakeSeries(this.ctx, `series.add(${name ?? ""})`, () => {
      const s: SeriesRecord = {
        name: name ?? `Series${this.chart().series.length + 1}`,
        values: null,
        xValues: null,
      };
      this.chart().series.push(s);
      return s;
    });
  }
}

/** A series proxy, bound to its series when the operation that made it runs (as Office.js does, in order). */
export class FakeSeries {
  private record: SeriesRecord | null = null;
  /** The series list of the chart it belongs to, found when it is bound. */
  private owner: SeriesRecord[] | null = null;
  private deleted = false;
  constructor(
    private ctx: FakeContext,
    label: string,
    bind: () => SeriesRecord,
  ) {
    ctx.enqueue(label, () => {
      const record = bind();
      this.record = record;
      this.owner =
        ctx.sheets.flatMap((sh) => sh.charts).find((c) => c.series.includes(record))?.series ?? null;
    });
    closed(this);
  }

  private op(label: string, run: (s: SeriesRecord) => void): void {
    this.ctx.enqueue(label, () => {
      if (!this.record || this.deleted)
        throw Object.assign(new Error("fake: series is gone"), { code: "ItemNotFound" });
      run(this.record);
    });
  }

  get name(): string {
    return writeOnly("series.name");
  }
  set name(v: string) {
    this.op("series.name=", (s) => (s.name = v));
  }
  get markerStyle(): string {
    return writeOnly("series.markerStyle");
  }
  set markerStyle(v: string) {
    if (!MARKER_STYLES.has(v)) throw new Error(`fake: marker style ${v}`);
    this.op("series.markerStyle=", (s) => (s.markerStyle = v));
  }
  get markerSize(): number {
    return writeOnly("series.markerSize");
  }
  set markerSize(v: number) {
    if (!Number.isInteger(v) || v < 2 || v > 72) throw new Error(`fake: marker size ${v} is outside 2..72`);
    this.op("series.markerSize=", (s) => (s.markerSize = v));
  }
  get chartType(): string {
    return writeOnly("series.chartType");
  }
  set chartType(v: string) {
    if (!FAKE_CHART_TYPES.includes(v)) throw new Error(`fake: series chart type ${v}`);
    this.op("series.chartType=", (s) => (s.chartType = v));
  }
  setValues(range: FakeRange): void {
    this.op("series.setValues", (s) => (s.values = addressOf(range)));
  }
  setXAxisValues(range: FakeRange): void {
    this.op("series.setXAxisValues", (s) => (s.xValues = addressOf(range)));
  }
  delete(): void {
    this.op("series.delete", (s) => {
      const list = this.owner;
      if (!list) throw new Error("fake: series has no chart");
      list.splice(list.indexOf(s), 1);
      this.deleted = true;
    });
  }
}

function addressOf(range: FakeRange): string {
  if (!(range instanceof FakeRange)) throw new Error("fake: series data must be a range");
  const rect = range.rect();
  if (!rect) throw new Error("fake: series data is a null range");
  if (rect.rowCount !== 1 && rect.columnCount !== 1)
    throw new Error("fake: series data must be one row or column");
  return a1(range.sheet.name, rect);
}

export class FakeContext {
  sheets: FakeSheet[] = [];
  active = 0;
  selection: Rect[] = [];
  settingsStore = new Map<string, unknown>();
  pendingFormats = new Map<string, string>();
  /** Every getRangeByIndexes call, in order. */
  calls: string[] = [];
  syncs: SyncRecord[] = [];
  private queue: { label: string; run: () => void; size: () => number }[] = [];

  selectionHandlers = new Set<() => Promise<unknown>>();

  constructor(readonly options: FakeOptions = {}) {}

  /** What Excel does when the user selects other cells. */
  async changeSelection(row: number, column: number, rowCount: number, columnCount: number): Promise<void> {
    this.selection = [{ row, column, rowCount, columnCount }];
    await Promise.all([...this.selectionHandlers].map((h) => h()));
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }
  select(row: number, column: number, rowCount: number, columnCount: number): this {
    this.selection.push({ row, column, rowCount, columnCount });
    return this;
  }

  enqueue(label: string, run: () => void, size: () => number = () => 0): void {
    this.queue.push({ label, run, size });
  }

  /** Excel parses a string written into a General cell as if typed; into a Text ("@") cell it stays text. */
  writeCell(sheet: FakeSheet, row: number, column: number, value: unknown): void {
    const key = `${row},${column}`;
    const format =
      sheet.cells.get(key)?.format ?? this.pendingFormats.get(`${sheet.name}!${key}`) ?? "General";
    this.pendingFormats.delete(`${sheet.name}!${key}`);
    if (value === "" || value === null) {
      sheet.cells.delete(key);
      if (format !== "General") this.pendingFormats.set(`${sheet.name}!${key}`, format);
      return;
    }
    if (typeof value === "string" && format !== "@") {
      if (value.startsWith("=")) {
        sheet.cells.set(key, { value: "#NAME?", type: "Error", format, formula: value });
        return;
      }
      if (/^[-+]?\d+(\.\d+)?$/.test(value.trim())) {
        sheet.cells.set(key, { value: Number(value), type: "Double", format });
        return;
      }
    }
    sheet.cells.set(key, { value, type: typeOfValue(value), format });
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const record: SyncRecord = { calls: batch.map((b) => b.label), cells: 0, failed: false };
    this.syncs.push(record);
    // Sizes are known before anything runs: a refused request changes nothing.
    const size = batch.reduce((n, b) => n + b.size(), 0);
    record.cells = size;
    const limit = this.options.maxCellsPerRequest;
    if (limit !== undefined && size > limit) {
      record.failed = true;
      throw Object.assign(new Error("The request payload size has exceeded the limit."), {
        code: this.options.payloadErrorCode ?? "RequestPayloadSizeLimitExceeded",
      });
    }
    for (const b of batch) b.run();
  }

  get workbook() {
    const ctx = this;
    const activeSheet = () => new FakeWorksheet(ctx, () => ctx.sheets[ctx.active] ?? null);
    const byName = (name: string) =>
      new FakeWorksheet(
        ctx,
        () => ctx.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null,
      );
    const selectedArea = (i: number) => {
      const sheet = ctx.sheets[ctx.active];
      return new FakeRange(ctx, sheet, () => ctx.selection[i] ?? null, `selection${i}`);
    };
    return {
      onSelectionChanged: {
        add: (handler: () => Promise<unknown>) => {
          ctx.enqueue("onSelectionChanged.add", () => ctx.selectionHandlers.add(handler));
          return {
            context: ctx,
            remove: () =>
              ctx.enqueue("onSelectionChanged.remove", () => ctx.selectionHandlers.delete(handler)),
          };
        },
      },
      getSelectedRange: () => {
        if (ctx.selection.length !== 1) throw new Error("fake: multi-area selection");
        return selectedArea(0);
      },
      getSelectedRanges: () => {
        const loaded = new Map<string, unknown>();
        return {
          load: () =>
            ctx.enqueue("selection.load", () => {
              const sheet = ctx.sheets[ctx.active];
              loaded.set("areaCount", ctx.selection.length);
              loaded.set("address", ctx.selection.map((r) => a1(sheet.name, r)).join(","));
            }),
          get areaCount() {
            if (!loaded.has("areaCount")) throw new PropertyNotLoaded("areaCount");
            return loaded.get("areaCount");
          },
          get address() {
            if (!loaded.has("address")) throw new PropertyNotLoaded("address");
            return loaded.get("address");
          },
          areas: { getItemAt: (i: number) => selectedArea(i) },
        };
      },
      worksheets: {
        getActiveWorksheet: activeSheet,
        getItem: byName,
        getItemOrNullObject: (name: string) => byName(name).resolveNullAtSync(),
        items: [] as { name: string }[],
        load(props: string) {
          void props;
          ctx.enqueue("worksheets.load", () => {
            this.items = ctx.sheets.map((s) => ({ name: s.name }));
          });
        },
        add: (name: string) => {
          // As in Office.js, the new sheet can be used in the same batch: statements on it are queued
          // against a sheet that joins the workbook when the add runs, at sync.
          const pending = new FakeSheet(name);
          ctx.enqueue(`worksheets.add(${name})`, () => {
            if (ctx.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
              throw Object.assign(new Error("fake: name taken"), { code: "ItemAlreadyExists" });
            }
            ctx.sheets.push(pending);
          });
          const found = () => ctx.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
          return new FakeWorksheet(ctx, () => found() ?? pending);
        },
      },
      settings: {
        add: (key: string, value: unknown) => {
          ctx.enqueue("settings.add", () => {
            ctx.settingsStore.set(key, value);
          });
        },
        getItemOrNullObject: (key: string) => {
          const loaded = new Map<string, unknown>();
          return {
            load: () =>
              ctx.enqueue("setting.load", () => {
                loaded.set("isNullObject", !ctx.settingsStore.has(key));
                loaded.set("value", ctx.settingsStore.get(key) ?? null);
              }),
            get isNullObject() {
              if (!loaded.has("isNullObject")) throw new PropertyNotLoaded("isNullObject");
              return loaded.get("isNullObject");
            },
            get value() {
              if (!loaded.has("value")) throw new PropertyNotLoaded("value");
              return loaded.get("value");
            },
          };
        },
      },
    };
  }

  /** The sheet's cells as a values grid, "" for empty, for assertions. */
  grid(sheet: string, row: number, column: number, rowCount: number, columnCount: number): unknown[][] {
    const s = this.sheet(sheet);
    return Array.from({ length: rowCount }, (_, r) =>
      Array.from({ length: columnCount }, (_, c) => s.get(row + r, column + c)?.value ?? ""),
    );
  }

  /** Typed as the real context for the functions under test. */
  asContext(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
}
