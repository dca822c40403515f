/** worksheet.charts, the Chart proxy and its parts: title, axes, legend and series. */
import { address as formatAddress, localAddress, type Rect } from "../a1";
import { CHART_TYPE_VALUES, LEGEND_POSITIONS, MARKER_STYLES, SERIES_BY_VALUES } from "../enums";
import { ErrorCodes, officeError } from "../errors";
import type { ChartRecord, SeriesRecord, Sheet, Workbook } from "../workbook";
import { added, checkArgument, ClientObject, found, proxyMaker, props, result, wrap } from "./clientObject";
import type { ClientResult, Fields } from "./clientObject";
import { CountedCollectionApi, loadItems, RecordCollectionApi } from "./collections";
import type { RequestContext } from "./context";
import { RangeApi, type RangeTarget } from "./ranges";
import { deleteFromSheet, worksheetOf, type WorksheetApi } from "./worksheets";

function isScatter(type: string): boolean {
  return type.startsWith("XYScatter") || type.startsWith("Bubble");
}

/** A new series: Excel's defaults for all but its name and ranges. */
function newSeries(
  wb: Workbook,
  name: string,
  values: SeriesRecord["values"],
  xValues: SeriesRecord["xValues"],
): SeriesRecord {
  return {
    id: wb.newId("series"),
    name,
    values,
    xValues,
    chartType: null,
    markerStyle: null,
    markerSize: null,
  };
}

/**
 * The series Excel makes from a chart's source range: series in columns (or rows); a first row of text is
 * their names; a first column is the categories (x values for a scatter) when the chart is a scatter, when
 * it holds text, or when the top-left cell is blank over a header row.
 */
function autoSeries(wb: Workbook, sheet: Sheet, rect: Rect, type: string, seriesBy: string): SeriesRecord[] {
  const types = wb.typesOf(sheet, rect);
  const values = wb.valuesOf(sheet, rect);
  const byColumns = seriesBy === "Auto" ? rect.rowCount >= rect.columnCount : seriesBy === "Columns";
  const n = byColumns ? rect.rowCount : rect.columnCount; // points per series
  const m = byColumns ? rect.columnCount : rect.rowCount; // series (plus a category line)
  const typeAt = (i: number, j: number) => (byColumns ? types[i][j] : types[j][i]);
  const valueAt = (i: number, j: number) => (byColumns ? values[i][j] : values[j][i]);
  const textIn = (i: number, from: number) => {
    for (let j = from; j < m; j++) if (typeAt(i, j) === "String") return true;
    return false;
  };
  const maybeHeader = n > 1 && textIn(0, m > 1 ? 1 : 0);
  let firstColumnText = false;
  for (let i = maybeHeader ? 1 : 0; i < n; i++) if (typeAt(i, 0) === "String") firstColumnText = true;
  const categories =
    m > 1 && (isScatter(type) || firstColumnText || (maybeHeader && typeAt(0, 0) === "Empty"));
  const header = n > 1 && textIn(0, categories ? 1 : 0);
  const first = header ? 1 : 0;
  const line = (j: number): Rect =>
    byColumns
      ? { row: rect.row + first, column: rect.column + j, rowCount: n - first, columnCount: 1 }
      : { row: rect.row + j, column: rect.column + first, rowCount: 1, columnCount: n - first };
  const out: SeriesRecord[] = [];
  if (n - first < 1) return out;
  for (let j = categories ? 1 : 0; j < m; j++) {
    out.push(
      newSeries(
        wb,
        header ? String(valueAt(0, j)) : `Series${out.length + 1}`,
        { sheetId: sheet.id, rect: line(j) },
        categories ? { sheetId: sheet.id, rect: line(0) } : null,
      ),
    );
  }
  return out;
}

export class ChartCollectionApi extends RecordCollectionApi<ChartApi, ChartRecord> {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _sheet: WorksheetApi,
  ) {
    super(ctx, path, () => {
      const sheet = _sheet._target();
      return ctx._host.workbook.charts.filter((c) => c.sheetId === sheet.id);
    });
  }

  readonly _kind = "chart";

  _byId(id: string): ChartRecord | null {
    return this._wb.charts.find((c) => c.id === id) ?? null;
  }

  /** A chart of this collection by name or id. */
  _find(name: string): ChartRecord | null {
    return this._target().find((x) => x.name === name || x.id === name) ?? null;
  }

  _item(path: string, locate: () => ChartRecord | null): ChartApi {
    return chartApi(this._ctx, path, locate);
  }

  getItemAt(index: number): ChartApi {
    return chartApi(this._ctx, `${this._path}.getItemAt(${index})`, () => found(this._target()[index]));
  }

  add(type: string, sourceData: RangeApi, seriesBy: string = "Auto"): ChartApi {
    this._sameContext(sourceData);
    const holder: { id?: string } = {};
    this._op(
      `add(${type},range,${seriesBy})`,
      (args) => {
        const [chartType, by] = args as [string, string];
        checkArgument(CHART_TYPE_VALUES.has(chartType) && SERIES_BY_VALUES.has(by));
        checkArgument(sourceData instanceof RangeApi);
        const sheet = this._sheet._target();
        const source = sourceData._target();
        const existing = this._wb.charts.filter((c) => c.sheetId === sheet.id).length;
        const chart: ChartRecord = {
          id: this._wb.newId("chart"),
          name: `Chart ${existing + 1}`,
          sheetId: sheet.id,
          type: chartType,
          seriesBy: by,
          source: { sheetId: source.sheet.id, rect: source.rect },
          title: null,
          categoryAxisTitle: null,
          valueAxisTitle: null,
          legend: { visible: true, position: "Right" },
          position: null,
          series: autoSeries(this._wb, source.sheet, source.rect, chartType, by),
        };
        this._wb.charts.push(chart);
        holder.id = chart.id;
        this._log(
          "chart",
          `${chart.name} on ${sheet.name} from ${formatAddress(source.sheet.name, source.rect)}`,
        );
      },
      [type, seriesBy],
      [sourceData],
    );
    return chartApi(
      this._ctx,
      `${this._path}.add()`,
      added(holder, (id) => this._byId(id)),
    );
  }
}

type TextField = "title" | "categoryAxisTitle" | "valueAxisTitle";

/** A settable text on a chart part: chart.title, axis titles. */
class ChartTextApi extends ClientObject<ChartRecord> {
  constructor(
    ctx: RequestContext,
    path: string,
    locate: () => ChartRecord | null,
    readonly _field: TextField,
  ) {
    super(ctx, path, locate);
  }
  _fields(): Fields<ChartRecord> {
    return {
      text: (chart) => chart[this._field] ?? "",
      visible: (chart) => chart[this._field] !== null,
    };
  }
}

props(ChartTextApi, {
  text: (self: ChartTextApi, t: ChartRecord, v) => {
    checkArgument(typeof v === "string");
    t[self._field] = v;
    self._log("chart", `${t.name} ${self._field}`);
  },
  visible: (self: ChartTextApi, t: ChartRecord, v) => {
    checkArgument(typeof v === "boolean");
    if (!v) t[self._field] = null;
    self._log("chart", `${t.name} ${self._field} visible`);
  },
});

/** A chart's title (field "title") or an axis's (its field in the chart record). */
function chartText(owner: ClientObject<ChartRecord>, field: TextField, typeName: string): ChartTextApi {
  return wrap(new ChartTextApi(owner._ctx, `${owner._path}.title`, owner._locate, field), typeName);
}

class ChartAxisApi extends ClientObject<ChartRecord> {
  readonly title: ChartTextApi;
  constructor(ctx: RequestContext, path: string, locate: () => ChartRecord | null, field: TextField) {
    super(ctx, path, locate);
    this.title = chartText(this, field, "ChartAxisTitle");
  }
  _nav(name: string): ClientObject | undefined {
    return name === "title" ? this.title : undefined;
  }
}

class ChartAxesApi extends ClientObject<ChartRecord> {
  readonly categoryAxis: ChartAxisApi = this._axis("categoryAxis", "categoryAxisTitle");
  readonly valueAxis: ChartAxisApi = this._axis("valueAxis", "valueAxisTitle");
  private _axis(name: string, field: TextField): ChartAxisApi {
    return wrap(new ChartAxisApi(this._ctx, `${this._path}.${name}`, this._locate, field), "ChartAxis");
  }
  _nav(name: string): ClientObject | undefined {
    return name === "categoryAxis" ? this.categoryAxis : name === "valueAxis" ? this.valueAxis : undefined;
  }
}

class ChartLegendApi extends ClientObject<ChartRecord> {
  _fields(): Fields<ChartRecord> {
    return {
      visible: (chart) => chart.legend.visible,
      position: (chart) => chart.legend.position,
    };
  }
}

props(ChartLegendApi, {
  visible: (self: ChartLegendApi, t: ChartRecord, v) => {
    checkArgument(typeof v === "boolean");
    t.legend.visible = v;
    self._log("chart", `${t.name} legend`);
  },
  position: (self: ChartLegendApi, t: ChartRecord, v) => {
    checkArgument(typeof v === "string" && LEGEND_POSITIONS.has(v));
    t.legend.position = v;
    self._log("chart", `${t.name} legend`);
  },
});

export class ChartApi extends ClientObject<ChartRecord> {
  readonly title: ChartTextApi = chartText(this, "title", "ChartTitle");
  readonly axes: ChartAxesApi = this._part(ChartAxesApi, "axes", "ChartAxes");
  readonly legend: ChartLegendApi = this._part(ChartLegendApi, "legend", "ChartLegend");
  readonly series: ChartSeriesCollectionApi = this._part(
    ChartSeriesCollectionApi,
    "series",
    "ChartSeriesCollection",
  );

  _fields(): Fields<ChartRecord> {
    return {
      id: (chart) => chart.id,
      name: (chart) => chart.name,
      chartType: (chart) => chart.type,
    };
  }

  _nav(name: string): ClientObject | undefined {
    switch (name) {
      case "title":
        return this.title;
      case "axes":
        return this.axes;
      case "legend":
        return this.legend;
      case "series":
        return this.series;
      default:
        return undefined;
    }
  }

  get worksheet(): WorksheetApi {
    return worksheetOf(this);
  }

  setPosition(startCell: RangeApi | string, endCell?: RangeApi | string): void {
    this._sameContext(startCell);
    this._sameContext(endCell);
    const others = [startCell, endCell].filter((x): x is RangeApi => x instanceof ClientObject);
    this._op(
      "setPosition()",
      () => {
        const chart = this._target();
        const sheet = this._wb.sheetById(chart.sheetId)!;
        const cell = (x: RangeApi | string): string => {
          const { sheet: s, rect } = typeof x === "string" ? this._wb.resolve(x, sheet) : x._target();
          checkArgument(s === sheet);
          return localAddress({ row: rect.row, column: rect.column, rowCount: 1, columnCount: 1 });
        };
        const start = cell(startCell);
        const end = endCell === undefined || endCell === null ? null : cell(endCell);
        chart.position = { start, end };
        this._log("chart", `${chart.name} position`);
      },
      [typeof startCell === "string" ? startCell : null, typeof endCell === "string" ? endCell : null],
      others,
    );
  }

  delete(): void {
    deleteFromSheet(this, "chart");
  }
}

const chartApi = proxyMaker(ChartApi, "Chart");

props(ChartApi, {
  id: null,
  name: (self: ChartApi, t: ChartRecord, v) => {
    checkArgument(typeof v === "string" && v.length > 0);
    t.name = v;
    self._log("chart", `rename ${v}`);
  },
  chartType: (self: ChartApi, t: ChartRecord, v) => {
    checkArgument(typeof v === "string" && CHART_TYPE_VALUES.has(v));
    t.type = v;
    self._log("chart", `${t.name} type`);
  },
});

type SeriesTarget = { chart: ChartRecord; series: SeriesRecord };

class ChartSeriesCollectionApi extends CountedCollectionApi<ChartSeriesApi, ChartRecord> {
  _loadPaths(names: string[]): void {
    loadItems(this, names, {
      defaults: ["name", "chartType", "markerStyle", "markerSize"],
      members: () => {
        const chart = this._target();
        return chart.series.map((series) => ({ chart, series }));
      },
      probe: (target) => new ChartSeriesApi(this._ctx, "", () => target),
      id: (target) => target.series.id,
      item: (id) =>
        seriesApi(this._ctx, `series(${id})`, () => {
          const chart = this._target();
          const series = chart.series.find((s) => s.id === id);
          return series ? { chart, series } : null;
        }),
      counted: true,
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._target().series.length);
  }

  getItemAt(index: number): ChartSeriesApi {
    return seriesApi(this._ctx, `${this._path}.getItemAt(${index})`, () => {
      const chart = this._target();
      return { chart, series: found(chart.series[index]) };
    });
  }

  add(name?: string, index?: number): ChartSeriesApi {
    const holder: { id?: string } = {};
    this._op(
      `add(${name ?? ""})`,
      () => {
        const chart = this._target();
        const series = newSeries(this._wb, name ?? `Series${chart.series.length + 1}`, null, null);
        checkArgument(index === undefined || (index >= 0 && index <= chart.series.length));
        chart.series.splice(index ?? chart.series.length, 0, series);
        holder.id = series.id;
        this._log("chart", `${chart.name} series add`);
      },
      [name ?? null, index ?? null],
    );
    return seriesApi(this._ctx, `${this._path}.add(${name ?? ""})`, () => {
      const chart = this._target();
      return { chart, series: found(chart.series.find((s) => s.id === holder.id)) };
    });
  }
}

class ChartSeriesApi extends ClientObject<SeriesTarget> {
  _fields(): Fields<SeriesTarget> {
    return {
      name: ({ series }) => series.name,
      chartType: ({ chart, series }) => series.chartType ?? chart.type,
      markerStyle: ({ series }) => series.markerStyle ?? "Automatic",
      markerSize: ({ series }) => series.markerSize ?? 7,
    };
  }

  private setRange(label: string, range: RangeApi, field: "values" | "xValues"): void {
    this._sameContext(range);
    this._op(
      label,
      () => {
        checkArgument(range instanceof RangeApi);
        const { chart, series } = this._target();
        const { sheet, rect }: RangeTarget = range._target();
        // A series' values or x values are one row or one column.
        checkArgument(rect.rowCount === 1 || rect.columnCount === 1);
        series[field] = { sheetId: sheet.id, rect };
        this._log("chart", `${chart.name} ${series.name} ${field}`);
      },
      null,
      [range],
    );
  }

  setValues(sourceData: RangeApi): void {
    this.setRange("setValues()", sourceData, "values");
  }

  setXAxisValues(sourceData: RangeApi): void {
    this.setRange("setXAxisValues()", sourceData, "xValues");
  }

  delete(): void {
    this._op("delete()", () => {
      const { chart, series } = this._target();
      chart.series = chart.series.filter((s) => s !== series);
      this._log("chart", `${chart.name} series delete`);
    });
  }
}

const seriesApi = proxyMaker(ChartSeriesApi, "ChartSeries");

/**
 * A member the modelled build refuses (Workbook.failingMembers): the error and message office-js #1729
 * reports for ChartSeries.markerStyle, "This operation is not permitted for the current object."
 * (InvalidOperation), as #1538 and #1688 report it on the iPad.
 */
function failIfModelled(self: ClientObject, member: string): void {
  if (self._wb.failingMembers.has(member)) {
    throw officeError(
      ErrorCodes.invalidOperation,
      "This operation is not permitted for the current object.",
      member,
    );
  }
}

props(ChartSeriesApi, {
  name: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    checkArgument(typeof v === "string");
    t.series.name = v;
    self._log("chart", `${t.chart.name} series name`);
  },
  chartType: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    checkArgument(typeof v === "string" && CHART_TYPE_VALUES.has(v));
    t.series.chartType = v;
    self._log("chart", `${t.chart.name} series type`);
  },
  markerStyle: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    failIfModelled(self, "ChartSeries.markerStyle");
    checkArgument(typeof v === "string" && MARKER_STYLES.has(v));
    t.series.markerStyle = v;
    self._log("chart", `${t.chart.name} series marker`);
  },
  markerSize: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    failIfModelled(self, "ChartSeries.markerSize");
    checkArgument(typeof v === "number" && Number.isInteger(v) && v >= 2 && v <= 72);
    t.series.markerSize = v;
    self._log("chart", `${t.chart.name} series marker`);
  },
});
