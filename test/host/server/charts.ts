/**
 * Excel's side of worksheet.charts: the chart records in `workbook.charts`, and the parts of a chart the
 * add-in sets (title, axis titles, legend, series). A part is the chart record seen through a member, so it
 * goes when its chart does: every object here is ItemNotFound once its chart is deleted.
 */
import { address as formatAddress, localAddress, type Rect } from "../a1";
import { CHART_TYPE_VALUES, LEGEND_POSITIONS, MARKER_STYLES, SERIES_BY_VALUES } from "../enums";
import type { ChartRecord, SeriesRecord, Sheet, Workbook } from "../workbook";
import { checkArgument, excelError, type Server } from "./protocol";
import { rangeArgument, type RangeObject } from "./ranges";
import type { HostObject, PropertySpec, TypeSpec, TypeTable } from "./types";
import { sheetOfRecord } from "./worksheets";

type ChartsObject = { type: "ChartCollection"; sheet: Sheet };
type ChartObject = { type: "Chart"; chart: ChartRecord };
/** A chart part with nothing of its own: axes, legend, the series collection. */
type PartObject = { type: "ChartAxes" | "ChartLegend" | "ChartSeriesCollection"; chart: ChartRecord };
/** The field of the chart record a title's text is kept in. */
type TextField = "title" | "categoryAxisTitle" | "valueAxisTitle";
type TextObject = { type: "ChartTitle" | "ChartAxisTitle"; chart: ChartRecord; field: TextField };
type AxisName = "category" | "value";
type AxisObject = { type: "ChartAxis"; chart: ChartRecord; field: TextField; axis: AxisName };

/** Bounds of an axis set through ChartAxis.minimum / maximum; null is Excel's automatic bound. */
export type AxisScale = { minimum: number | null; maximum: number | null };

/**
 * A chart record with the axis bounds the add-in set. They are kept on the record itself, so they go with
 * their chart (and into the workbook's digest); workbook.ts's ChartRecord does not declare them.
 */
type ScaledChart = ChartRecord & { axisScale?: Partial<Record<AxisName, AxisScale>> };

/** The bounds set on a chart's axis: both null unless the add-in fixed them. */
export function axisScaleOf(chart: ChartRecord, axis: AxisName): AxisScale {
  return (chart as ScaledChart).axisScale?.[axis] ?? { minimum: null, maximum: null };
}
type SeriesObject = { type: "ChartSeries"; chart: ChartRecord; series: SeriesRecord };
type OfChart = { chart: ChartRecord };

/** worksheet.charts. */
export function chartsOf(sheet: Sheet): HostObject {
  const o: ChartsObject = { type: "ChartCollection", sheet };
  return o;
}

function chartOf(chart: ChartRecord): ChartObject {
  return { type: "Chart", chart };
}

function seriesOf(chart: ChartRecord, series: SeriesRecord): SeriesObject {
  return { type: "ChartSeries", chart, series };
}

function chartsOn(wb: Workbook, sheet: Sheet): ChartRecord[] {
  return wb.charts.filter((c) => c.sheetId === sheet.id);
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

function isRange(arg: unknown): arg is RangeObject {
  return typeof arg === "object" && arg !== null && (arg as HostObject).type === "Range";
}

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

/**
 * charts.add(type, sourceData, seriesBy): seriesBy is optional, "Auto (default), Rows, and Columns"
 * (Excel.ChartCollection.add, Microsoft Learn); sourceData must be a Range.
 */
function addChart(o: ChartsObject, [type, source, by]: unknown[], s: Server): ChartRecord {
  const wb = s.workbook;
  const seriesBy = by ?? "Auto";
  checkArgument(typeof type === "string" && CHART_TYPE_VALUES.has(type));
  checkArgument(typeof seriesBy === "string" && SERIES_BY_VALUES.has(seriesBy));
  checkArgument(isRange(source));
  const { sheet, rect } = rangeArgument(source, o.sheet, s);
  const chart: ChartRecord = {
    id: wb.newId("chart"),
    name: `Chart ${chartsOn(wb, o.sheet).length + 1}`,
    sheetId: o.sheet.id,
    type: type as string,
    seriesBy: seriesBy as string,
    source: { sheetId: sheet.id, rect },
    title: null,
    categoryAxisTitle: null,
    valueAxisTitle: null,
    legend: { visible: true, position: "Right" },
    position: null,
    series: autoSeries(wb, sheet, rect, type as string, seriesBy as string),
  };
  wb.charts.push(chart);
  log(s, "chart", `${chart.name} on ${o.sheet.name} from ${formatAddress(sheet.name, rect)}`);
  return chart;
}

/** A chart of the collection by name or id (the client re-addresses a chart by the id Excel gave it). */
function findChart(o: ChartsObject, key: unknown, s: Server): ChartRecord | null {
  return chartsOn(s.workbook, o.sheet).find((c) => c.name === key || c.id === key) ?? null;
}

function chartExists(o: OfChart, s: Server): boolean {
  return s.workbook.charts.includes(o.chart);
}

/** chart.setPosition(startCell, endCell?): cells (a Range or an address) on the chart's own sheet. */
function setPosition(o: ChartObject, [startCell, endCell]: unknown[], s: Server): void {
  const sheet = s.workbook.sheetById(o.chart.sheetId)!;
  const cell = (x: unknown): string => {
    const { sheet: on, rect } = rangeArgument(x, sheet, s);
    checkArgument(on === sheet);
    return localAddress({ row: rect.row, column: rect.column, rowCount: 1, columnCount: 1 });
  };
  const start = cell(startCell);
  const end = endCell === undefined || endCell === null ? null : cell(endCell);
  o.chart.position = { start, end };
  log(s, "chart", `${o.chart.name} position`);
}

/** A title's text and visibility: chart.title, and each axis's title. */
const TEXT: TypeSpec<TextObject> = {
  properties: {
    Text: {
      get: (o) => o.chart[o.field] ?? "",
      set: (o, v, s) => {
        checkArgument(typeof v === "string");
        o.chart[o.field] = v as string;
        log(s, "chart", `${o.chart.name} ${o.field}`);
      },
    },
    Visible: {
      get: (o) => o.chart[o.field] !== null,
      set: (o, v, s) => {
        checkArgument(typeof v === "boolean");
        if (!v) o.chart[o.field] = null;
        log(s, "chart", `${o.chart.name} ${o.field} visible`);
      },
    },
  },
  exists: chartExists,
};

/**
 * A member the modelled build refuses (Workbook.failingMembers): the error and message office-js #1729
 * reports for ChartSeries.markerStyle, "This operation is not permitted for the current object."
 * (InvalidOperation), as #1538 and #1688 report it on the iPad.
 */
function failIfModelled(s: Server, member: string): void {
  if (s.workbook.failingMembers.has(member)) {
    throw excelError("InvalidOperation", "This operation is not permitted for the current object.");
  }
}

/** series.setValues(range) / setXAxisValues(range). */
function setSeriesRange(o: SeriesObject, range: unknown, field: "values" | "xValues", s: Server): void {
  checkArgument(isRange(range));
  const { sheet, rect } = rangeArgument(range, s.workbook.sheetById(o.chart.sheetId)!, s);
  // A series' values or x values are one row or one column.
  checkArgument(rect.rowCount === 1 || rect.columnCount === 1);
  o.series[field] = { sheetId: sheet.id, rect };
  log(s, "chart", `${o.chart.name} ${o.series.name} ${field}`);
}

const ChartCollection: TypeSpec<ChartsObject> = {
  properties: { Count: { get: (o, s) => chartsOn(s.workbook, o.sheet).length } },
  methods: { GetCount: (o, _args, s) => chartsOn(s.workbook, o.sheet).length },
  children: {
    Add: (o, args, s) => chartOf(addChart(o, args, s)),
    // ChartCollection.getItem is a method on the wire ("GetItem"), not the indexer.
    GetItem: (o, [key], s) => {
      const chart = findChart(o, key, s);
      if (!chart) throw excelError("ItemNotFound");
      return chartOf(chart);
    },
    GetItemAt: (o, [index], s) => chartOf(at(chartsOn(s.workbook, o.sheet), index)),
    GetItemOrNullObject: (o, [key], s) => {
      const chart = findChart(o, key, s);
      return chart ? chartOf(chart) : null;
    },
  },
  items: (o, s) => chartsOn(s.workbook, o.sheet).map(chartOf),
  item: (o, key, s) => {
    const chart = findChart(o, key, s);
    return chart ? chartOf(chart) : null;
  },
  exists: (o, s) => s.workbook.sheets.includes(o.sheet),
};

const Chart: TypeSpec<ChartObject> = {
  properties: {
    Id: { get: (o) => o.chart.id },
    Name: {
      get: (o) => o.chart.name,
      set: (o, v, s) => {
        checkArgument(typeof v === "string" && v.length > 0);
        o.chart.name = v as string;
        log(s, "chart", `rename ${o.chart.name}`);
      },
    },
    ChartType: {
      get: (o) => o.chart.type,
      set: (o, v, s) => {
        checkArgument(typeof v === "string" && CHART_TYPE_VALUES.has(v));
        o.chart.type = v as string;
        log(s, "chart", `${o.chart.name} type`);
      },
    },
  },
  children: {
    Title: (o) => ({ type: "ChartTitle", chart: o.chart, field: "title" }),
    Axes: (o) => ({ type: "ChartAxes", chart: o.chart }),
    Legend: (o) => ({ type: "ChartLegend", chart: o.chart }),
    Series: (o) => ({ type: "ChartSeriesCollection", chart: o.chart }),
    Worksheet: (o, _args, s) => sheetOfRecord(s, o.chart),
  },
  methods: {
    SetPosition: (o, args, s) => setPosition(o, args, s),
    Delete: (o, _args, s) => {
      s.workbook.charts = s.workbook.charts.filter((c) => c !== o.chart);
      log(s, "chart-delete", o.chart.name);
    },
  },
  identity: (o) => ({ Id: o.chart.id }),
  exists: chartExists,
};

const ChartAxes: TypeSpec<PartObject> = {
  children: {
    CategoryAxis: (o) => ({
      type: "ChartAxis",
      chart: o.chart,
      field: "categoryAxisTitle",
      axis: "category",
    }),
    ValueAxis: (o) => ({ type: "ChartAxis", chart: o.chart, field: "valueAxisTitle", axis: "value" }),
  },
  exists: chartExists,
};

/**
 * chart.axes.xAxis.minimum / maximum: "Can be set to a numeric value or an empty string (for automatic
 * axis values). The returned value is always a number." [ExcelApi 1.1] (Excel.ChartAxis, Microsoft Learn,
 * https://learn.microsoft.com/javascript/api/excel/excel.chartaxis). Only setting is modelled: what Excel
 * reads back for an automatic bound is its own scaling of the data, which the workbook does not compute, so
 * a read is ApiNotFound. So is a bound on the category axis of a chart that is not a scatter (text
 * categories, whose bounds Excel treats otherwise and the add-in never sets).
 */
function axisBound(bound: keyof AxisScale): PropertySpec<AxisObject> {
  return {
    set: (o, v, s) => {
      if (o.axis === "category" && !isScatter(o.chart.type)) {
        throw s.notModelled("ChartAxis", bound, " on a category axis");
      }
      checkArgument((typeof v === "number" && Number.isFinite(v)) || v === "");
      const chart = o.chart as ScaledChart;
      const scales = (chart.axisScale ??= {});
      const scale = (scales[o.axis] ??= { minimum: null, maximum: null });
      scale[bound] = v === "" ? null : (v as number);
      log(s, "chart", `${o.chart.name} ${o.axis} axis ${bound}`);
    },
  };
}

const ChartAxis: TypeSpec<AxisObject> = {
  properties: { Minimum: axisBound("minimum"), Maximum: axisBound("maximum") },
  children: { Title: (o) => ({ type: "ChartAxisTitle", chart: o.chart, field: o.field }) },
  exists: chartExists,
};

const ChartLegend: TypeSpec<PartObject> = {
  properties: {
    Visible: {
      get: (o) => o.chart.legend.visible,
      set: (o, v, s) => {
        checkArgument(typeof v === "boolean");
        o.chart.legend.visible = v as boolean;
        log(s, "chart", `${o.chart.name} legend`);
      },
    },
    Position: {
      get: (o) => o.chart.legend.position,
      set: (o, v, s) => {
        checkArgument(typeof v === "string" && LEGEND_POSITIONS.has(v));
        o.chart.legend.position = v as string;
        log(s, "chart", `${o.chart.name} legend`);
      },
    },
  },
  exists: chartExists,
};

const ChartSeriesCollection: TypeSpec<PartObject> = {
  properties: { Count: { get: (o) => o.chart.series.length } },
  methods: { GetCount: (o) => o.chart.series.length },
  children: {
    GetItemAt: (o, [index]) => seriesOf(o.chart, at(o.chart.series, index)),
    /** add(name?, index?): "Index value of the series to be added. Zero-indexed." (Excel.ChartSeriesCollection.add). */
    Add: (o, [name, index], s) => {
      const { chart } = o;
      const position = index === undefined || index === null ? chart.series.length : index;
      checkArgument(typeof position === "number" && position >= 0 && position <= chart.series.length);
      const label = (name as string | null | undefined) ?? `Series${chart.series.length + 1}`;
      const series = newSeries(s.workbook, label, null, null);
      chart.series.splice(position as number, 0, series);
      log(s, "chart", `${chart.name} series add`);
      return seriesOf(chart, series);
    },
  },
  items: (o) => o.chart.series.map((x) => seriesOf(o.chart, x)),
  // Not getItem (the collection has none): how the client re-addresses a series by the id Excel gave it.
  item: (o, key) => {
    const series = o.chart.series.find((x) => x.id === key);
    return series ? seriesOf(o.chart, series) : null;
  },
  exists: chartExists,
};

const ChartSeries: TypeSpec<SeriesObject> = {
  properties: {
    Name: {
      get: (o) => o.series.name,
      set: (o, v, s) => {
        checkArgument(typeof v === "string");
        o.series.name = v as string;
        log(s, "chart", `${o.chart.name} series name`);
      },
    },
    ChartType: {
      get: (o) => o.series.chartType ?? o.chart.type,
      set: (o, v, s) => {
        checkArgument(typeof v === "string" && CHART_TYPE_VALUES.has(v));
        o.series.chartType = v as string;
        log(s, "chart", `${o.chart.name} series type`);
      },
    },
    MarkerStyle: {
      get: (o) => o.series.markerStyle ?? "Automatic",
      set: (o, v, s) => {
        failIfModelled(s, "ChartSeries.markerStyle");
        checkArgument(typeof v === "string" && MARKER_STYLES.has(v));
        o.series.markerStyle = v as string;
        log(s, "chart", `${o.chart.name} series marker`);
      },
    },
    /**
     * "The supported size range is 2 to 72. This method returns an InvalidArgument error if it's set with a
     * size outside of the supported range." (Excel.ChartSeries.markerSize, Microsoft Learn.)
     */
    MarkerSize: {
      get: (o) => o.series.markerSize ?? 7,
      set: (o, v, s) => {
        failIfModelled(s, "ChartSeries.markerSize");
        checkArgument(typeof v === "number" && Number.isInteger(v) && v >= 2 && v <= 72);
        o.series.markerSize = v as number;
        log(s, "chart", `${o.chart.name} series marker`);
      },
    },
  },
  methods: {
    SetValues: (o, [range], s) => setSeriesRange(o, range, "values", s),
    SetXAxisValues: (o, [range], s) => setSeriesRange(o, range, "xValues", s),
    Delete: (o, _args, s) => {
      o.chart.series = o.chart.series.filter((x) => x !== o.series);
      log(s, "chart", `${o.chart.name} series delete`);
    },
  },
  identity: (o) => ({ Id: o.series.id }),
  exists: (o, s) => chartExists(o, s) && o.chart.series.includes(o.series),
};

export const CHART_TYPES: TypeTable = {
  ChartCollection,
  Chart,
  ChartTitle: TEXT,
  ChartAxes,
  ChartAxis,
  ChartAxisTitle: TEXT,
  ChartLegend,
  ChartSeriesCollection,
  ChartSeries,
};
