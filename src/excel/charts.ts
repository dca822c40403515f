/// <reference types="office-js" />
/**
 * Drawing the results sheet's charts from chartLayout.ts's specs, with native Excel charts whose every
 * series is set from cells on the sheet. Only this part of the chart API is used (ExcelApi 1.7):
 * worksheet.charts.add(type, range, "Columns"); chart.name, title.text, setPosition(start, end),
 * axes.categoryAxis.title.text, axes.valueAxis.title.text, axes.valueAxis.minimum and maximum (ExcelApi
 * 1.1), legend.visible, legend.position;
 * chart.series.load("count"), getItemAt(i), add(name), and series.name, setValues(range),
 * setXAxisValues(range), markerStyle, markerSize, delete(); chart.delete().
 */
import { columnLetter } from "./address";
import type { Rect } from "./cells";
import type { ChartSpec, SeriesSpec } from "./chartLayout";
import { isSetSupported } from "./support";

/** The series API (setValues, setXAxisValues, series.add) arrived in ExcelApi 1.7. */
export const CHART_REQUIREMENT = { name: "ExcelApi", version: "1.7" } as const;
export const NEEDS_CHART_API = "needs ExcelApi 1.7 (chart series)";

export type ChartOutcome = {
  /** Titles of the charts drawn. */
  drawn: string[];
  /** "title — reason" for each chart that could not be drawn. */
  skipped: string[];
  /** "title — reason" for each chart drawn whose markers Excel refused: it keeps Excel's default markers. */
  unstyled: string[];
};

export function chartApiSupported(): boolean {
  return isSetSupported(CHART_REQUIREMENT.name, CHART_REQUIREMENT.version);
}

/**
 * Draws each chart in turn. Without the chart series API none is attempted; a chart that fails is
 * reported with Excel's message and the next one is drawn. The tables are written before this, so they
 * stand whatever happens here.
 */
export async function drawCharts(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  specs: readonly ChartSpec[],
  supported: boolean = chartApiSupported(),
): Promise<ChartOutcome> {
  const outcome: ChartOutcome = { drawn: [], skipped: [], unstyled: [] };
  if (!supported) return { ...outcome, skipped: specs.map((s) => `${s.title} — ${NEEDS_CHART_API}`) };
  for (const spec of specs) {
    try {
      const styleFailure = await drawChart(context, sheet, spec);
      outcome.drawn.push(spec.title);
      if (styleFailure !== null) outcome.unstyled.push(`${spec.title} — ${styleFailure}`);
    } catch (e) {
      outcome.skipped.push(`${spec.title} — ${errorMessage(e)}`);
    }
  }
  return outcome;
}

/**
 * One chart, all or nothing: its data (the chart, its series' names and cells, titles, legend, position)
 * in one request, and a chart that request leaves half-built is deleted. The markers follow in a request
 * of their own, which may fail without losing the chart: setting them has failed on some Excel builds
 * (office-js #1688, #1729). Resolves to Excel's message when the markers were refused, else null.
 */
async function drawChart(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  spec: ChartSpec,
): Promise<string | null> {
  const queued = queueChartData(sheet, spec);
  try {
    await context.sync();
    await removeGuessedSeries(context, [queued]);
  } catch (e) {
    await deleteChart(context, queued.chart);
    throw e;
  }
  if (!queueMarkers(queued)) return null;
  try {
    await context.sync();
    return null;
  } catch (e) {
    return errorMessage(e);
  }
}

type QueuedChart = { chart: Excel.Chart; series: Excel.ChartSeries[]; spec: ChartSpec };

/** A chart's data statements, queued for the caller's next sync; the guessed series are counted too. */
function queueChartData(sheet: Excel.Worksheet, spec: ChartSpec): QueuedChart {
  const cells = (r: Rect) => sheet.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount);
  const [first, ...more] = spec.series;
  const chart = sheet.charts.add(spec.type, cells(first.values), "Columns");
  // The series Excel guessed from the source range, counted before any is added.
  chart.series.load("count");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.axes.categoryAxis.title.text = spec.xAxisTitle;
  chart.axes.valueAxis.title.text = spec.yAxisTitle;
  if (spec.valueAxis) {
    // In the data's request: the axis bounds are ExcelApi 1.1, older than the series API charts need.
    chart.axes.valueAxis.minimum = spec.valueAxis.minimum;
    chart.axes.valueAxis.maximum = spec.valueAxis.maximum;
  }
  chart.legend.visible = spec.legend.visible;
  if (spec.legend.visible) chart.legend.position = spec.legend.position;
  const { position: p } = spec;
  chart.setPosition(cellA1(p.row, p.column), cellA1(p.row + p.rowCount - 1, p.column + p.columnCount - 1));
  const series = [chart.series.getItemAt(0), ...more.map((s) => chart.series.add(s.name))];
  series.forEach((s, i) => setSeriesData(s, spec.series[i], cells));
  return { chart, series, spec };
}

/** A chart's marker statements, queued; false when its specs set none. */
function queueMarkers({ series, spec }: QueuedChart): boolean {
  let styled = false;
  series.forEach((s, i) => {
    const { markerStyle, markerSize } = spec.series[i];
    if (markerStyle) s.markerStyle = markerStyle;
    if (markerSize !== undefined) s.markerSize = markerSize;
    styled ||= markerStyle !== undefined || markerSize !== undefined;
  });
  return styled;
}

/**
 * After the data request: a one-column source makes one series; any more Excel guessed lie between the
 * first and the added ones (add appends), so they go by index, last first, in one more request.
 */
async function removeGuessedSeries(context: Excel.RequestContext, queued: QueuedChart[]): Promise<void> {
  let any = false;
  for (const { chart } of queued) {
    for (let i = chart.series.count - 1; i >= 1; i--) {
      chart.series.getItemAt(i).delete();
      any = true;
    }
  }
  if (any) await context.sync();
}

/**
 * Every chart queued into the caller's request, behind whatever the caller queued before: all their data
 * first, then all their markers, so a refused marker (office-js #1688, #1729) stops the request only after
 * every chart's data is in (Excel runs a request's statements in order and keeps those done before a
 * failure). The caller sends it; then finishCharts, or on a failure removeCharts and drawCharts one by one.
 */
export function queueCharts(sheet: Excel.Worksheet, specs: readonly ChartSpec[]): QueuedChart[] {
  const queued = specs.map((spec) => queueChartData(sheet, spec));
  queued.forEach(queueMarkers);
  return queued;
}

/** After queueCharts' request succeeded: the guessed series go, and every chart is drawn and styled. */
export async function finishCharts(
  context: Excel.RequestContext,
  queued: QueuedChart[],
): Promise<ChartOutcome> {
  await removeGuessedSeries(context, queued);
  return { drawn: queued.map((q) => q.spec.title), skipped: [], unstyled: [] };
}

/** After queueCharts' request failed part-way: deletes whichever of these charts it left on the sheet. */
export async function removeCharts(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  specs: readonly ChartSpec[],
): Promise<void> {
  const charts = sheet.charts;
  charts.load("items/name");
  await context.sync();
  const names = new Set(specs.map((s) => s.name));
  const ours = charts.items.filter((c) => names.has(c.name));
  if (ours.length === 0) return;
  // Last first: should Excel not identify the items it listed, the client names each by its position
  // (getItemAt), and deleting from the end leaves the positions of the ones still to delete unchanged.
  for (const chart of [...ours].reverse()) chart.delete();
  await context.sync();
}

function setSeriesData(series: Excel.ChartSeries, spec: SeriesSpec, cells: (r: Rect) => Excel.Range): void {
  series.name = spec.name;
  series.setXAxisValues(cells(spec.xValues));
  series.setValues(cells(spec.values));
}

/** Takes a half-built chart off the sheet; when charts.add itself failed there is none, and nothing to do. */
async function deleteChart(context: Excel.RequestContext, chart: Excel.Chart): Promise<void> {
  try {
    chart.delete();
    await context.sync();
  } catch {
    // The chart was never made (its add failed), so the sheet is as it was.
  }
}

function cellA1(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string") {
    return (e as { message: string }).message;
  }
  return String(e);
}
