/// <reference types="office-js" />
/**
 * Drawing the results sheet's charts from chartLayout.ts's specs, with native Excel charts whose every
 * series is set from cells on the sheet. Only this part of the chart API is used (ExcelApi 1.7):
 * worksheet.charts.add(type, range, "Columns"); chart.name, title.text, setPosition(start, end),
 * axes.categoryAxis.title.text, axes.valueAxis.title.text, legend.visible, legend.position;
 * chart.series.load("count"), getItemAt(i), add(name), and series.name, setValues(range),
 * setXAxisValues(range), markerStyle, markerSize, delete().
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
  if (!supported) return { drawn: [], skipped: specs.map((s) => `${s.title} — ${NEEDS_CHART_API}`) };
  const outcome: ChartOutcome = { drawn: [], skipped: [] };
  for (const spec of specs) {
    try {
      await drawChart(context, sheet, spec);
      outcome.drawn.push(spec.title);
    } catch (e) {
      outcome.skipped.push(`${spec.title} — ${errorMessage(e)}`);
    }
  }
  return outcome;
}

/** One chart in two requests: create it from its first series' cells, then set everything from the specs. */
async function drawChart(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  spec: ChartSpec,
): Promise<void> {
  const cells = (r: Rect) => sheet.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount);
  const [first, ...more] = spec.series;
  const chart = sheet.charts.add(spec.type, cells(first.values), "Columns");
  // Excel guesses series from the source range; whatever it made beyond the first goes.
  chart.series.load("count");
  await context.sync();
  for (let i = chart.series.count - 1; i >= 1; i--) chart.series.getItemAt(i).delete();

  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.axes.categoryAxis.title.text = spec.xAxisTitle;
  chart.axes.valueAxis.title.text = spec.yAxisTitle;
  chart.legend.visible = spec.legend.visible;
  if (spec.legend.visible) chart.legend.position = spec.legend.position;
  const { position: p } = spec;
  chart.setPosition(cellA1(p.row, p.column), cellA1(p.row + p.rowCount - 1, p.column + p.columnCount - 1));

  setSeries(chart.series.getItemAt(0), first, cells);
  for (const s of more) setSeries(chart.series.add(s.name), s, cells);
  await context.sync();
}

function setSeries(series: Excel.ChartSeries, spec: SeriesSpec, cells: (r: Rect) => Excel.Range): void {
  series.name = spec.name;
  series.setXAxisValues(cells(spec.xValues));
  series.setValues(cells(spec.values));
  if (spec.markerStyle) series.markerStyle = spec.markerStyle;
  if (spec.markerSize !== undefined) series.markerSize = spec.markerSize;
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
