/**
 * The chart part of the results sheet, as plain data: the tables each chart plots (ordinary cells, so a
 * person can read, copy or restyle them, and nothing depends on the add-in), and for each chart its type,
 * titles, series as cell rectangles, and the cells it covers. Pure, like resultsLayout.ts; charts.ts draws.
 *
 * Each section is a heading, a few notes, its tables at the left, and its charts to the right of the
 * tables (one blank column between), stacked top-down with a blank row between; the next section starts
 * below the lower of the tables and the charts. Notes stay above the charts, so their text, which runs on
 * into empty cells to the right, is never hidden under one.
 */
import type { ClusteringReport, DbscanReport, SweepReport } from "../model";
import {
  block,
  numberOrBlank,
  thousands,
  type CellPosition,
  type CellValue,
  type LayoutBlock,
  type Rect,
} from "./cells";
import { clusterSeriesName } from "./meaningLayout";

/** The chart types this add-in draws: all within ExcelApi 1.7's chart series API. */
export type ChartType = "XYScatterLines" | "XYScatter" | "ColumnClustered";
export type MarkerStyle = "Circle" | "Diamond";

export type SeriesSpec = {
  name: string;
  /** Y values (bar heights for a column chart): one column of cells. */
  values: Rect;
  /** X values (category labels for a column chart), as many cells as values. */
  xValues: Rect;
  markerStyle?: MarkerStyle;
  markerSize?: number;
};

export type ChartSpec = {
  /** The chart's name in Excel's Selection pane, unique on the sheet. */
  name: string;
  type: ChartType;
  title: string;
  xAxisTitle: string;
  yAxisTitle: string;
  /** The first series' values are the source range the chart is created from. */
  series: SeriesSpec[];
  legend: { visible: boolean; position: "Right" | "Bottom" };
  /** Fixed bounds of the value axis; absent, Excel scales the axis to the data. */
  valueAxis?: AxisBounds;
  /** The cells the chart covers, from its top-left cell to its bottom-right cell. */
  position: Rect;
};

export type AxisBounds = { minimum: number; maximum: number };

/**
 * The mean-silhouette-by-k chart's value axis: from 0 (lower when a mean is negative) to 1, the best a
 * silhouette can be. Scaled to the data, Excel would stretch means of 0.12 to 0.14 over the whole chart,
 * and a 0.02 wiggle would look like a clear peak.
 */
export function silhouetteAxis(values: readonly (number | null)[]): AxisBounds {
  const lowest = Math.min(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  return { minimum: Math.max(-1, Math.floor(lowest * 10) / 10), maximum: 1 };
}

/** Readable sizes in default-width cells (64 × 20 px): about 510 × 300 px, and 640 × 480 for the scatter. */
export const CHART_SIZE = {
  line: { rowCount: 15, columnCount: 8 },
  bar: { rowCount: 15, columnCount: 8 },
  scatter: { rowCount: 24, columnCount: 10 },
} as const;

export const CHART_TITLES = {
  elbow: "Elbow method: inertia by number of clusters",
  silhouette: "Silhouette: mean score by number of clusters",
  profile: "Silhouette by cluster: higher is better-separated",
  scatterPca: "Clusters on the first two principal components",
  kDistance: "k-distance: each row's distance to its min-samples-th neighbour, sorted",
} as const;

export const K_AXIS_TITLE = "Number of clusters (k)";
export const INERTIA_AXIS_TITLE = "Inertia (within-cluster sum of squares)";
export const SILHOUETTE_AXIS_TITLE = "Mean silhouette (-1 to 1)";

export type ChartSectionsInput = {
  fit: ClusteringReport;
  sweep?: SweepReport;
  /** Names of X's columns, for the scatter's feature axes. */
  featureNames: string[];
  /** Rows clustered. */
  rowCount: number;
  silhouetteSampleSize: number;
  /** The first free row below the rest of the results sheet. */
  startRow: number;
  /** The plain-word line of each cluster (meaningLayout.ts): the scatter's series names carry it. */
  descriptions?: readonly string[];
};

export type ChartSections = {
  blocks: LayoutBlock[];
  /** Section headings, in bold. */
  headingCells: CellPosition[];
  /** Header rows of the tables, in bold. */
  headerRows: Rect[];
  charts: ChartSpec[];
  /** Charts the results cannot support, each as "title — reason". */
  unavailable: string[];
  /** The first free row below everything placed. */
  endRow: number;
};

/** Blank columns between a section's tables and its charts, and blank rows between stacked charts. */
const GAP = 1;

/** Places sections top-down from a starting row. */
class Placer {
  blocks: LayoutBlock[] = [];
  headingCells: CellPosition[] = [];
  headerRows: Rect[] = [];
  charts: ChartSpec[] = [];
  unavailable: string[] = [];
  private sectionTop = 0;
  private tables: Rect[] = [];
  private chartSizes: { rowCount: number; columnCount: number }[] = [];

  constructor(public row: number) {}

  heading(text: string): void {
    this.headingCells.push({ row: this.row, column: 0 });
    this.blocks.push(block(this.row, [[text]]));
    this.row++;
    this.tables = [];
    this.chartSizes = [];
  }

  note(text: string): void {
    this.blocks.push(block(this.row, [[text]]));
    this.row++;
  }

  /** A table at the left (header row first), then a blank row; its first row is where charts may start. */
  table(rows: CellValue[][]): Rect {
    if (this.tables.length === 0) this.sectionTop = this.row;
    const b = block(this.row, rows);
    this.blocks.push(b);
    const rect = { row: this.row, column: 0, rowCount: rows.length, columnCount: b.cells[0].length };
    this.headerRows.push({ ...rect, rowCount: 1 });
    this.tables.push(rect);
    this.row += rows.length + GAP;
    return rect;
  }

  /** Reserves the next chart's cells: right of the section's tables, below the section's previous chart. */
  place(size: { rowCount: number; columnCount: number }): Rect {
    const column = Math.max(...this.tables.map((t) => t.column + t.columnCount)) + GAP;
    const row = this.chartSizes.reduce((r, s) => r + s.rowCount + GAP, this.sectionTop);
    this.chartSizes.push(size);
    // The next section starts below this chart too.
    this.row = Math.max(this.row, row + size.rowCount + GAP);
    return { row, column, ...size };
  }

  chart(spec: Omit<ChartSpec, "position">, size: { rowCount: number; columnCount: number }): void {
    this.charts.push({ ...spec, position: this.place(size) });
  }
}

/** The chart sections: the k sweep (when there is one), the silhouette by cluster, and the scatter. */
export function buildChartSections(input: ChartSectionsInput): ChartSections {
  const p = new Placer(input.startRow);
  if (input.sweep && input.sweep.rows.length > 0) sweepSection(p, input.sweep, input);
  if (input.fit.clusterer === "dbscan") kDistanceSection(p, input.fit);
  profileSection(p, input);
  scatterSection(p, input);
  return {
    blocks: p.blocks,
    headingCells: p.headingCells,
    headerRows: p.headerRows,
    charts: p.charts,
    unavailable: p.unavailable,
    endRow: p.row,
  };
}

/** Column j of a table's body (the rows under its header). */
function bodyColumn(table: Rect, j: number): Rect {
  return { row: table.row + 1, column: table.column + j, rowCount: table.rowCount - 1, columnCount: 1 };
}

function sampleNote(sampled: number, of: number): string {
  return `a seeded sample of ${thousands(sampled)} of the ${thousands(of)} rows`;
}

export const SWEEP_HEADER = [
  "k",
  "Inertia",
  "Mean silhouette",
  "Calinski-Harabasz",
  "Davies-Bouldin",
  "Elbow (knee)",
  "Best silhouette",
];

function sweepSection(p: Placer, sweep: SweepReport, input: ChartSectionsInput): void {
  const { rows, elbowK, bestSilhouetteK } = sweep;
  p.heading("Choosing k: scores for each number of clusters");
  p.note(
    "Inertia always falls as k grows: look for the elbow, where it stops falling fast. A higher mean silhouette and Calinski-Harabasz, and a lower Davies-Bouldin, are better.",
  );
  if (rows.some((r) => r.silhouetteSampled)) {
    const size = Math.min(input.silhouetteSampleSize, input.rowCount);
    p.note(
      `Mean silhouette on ${sampleNote(size, input.rowCount)}; exact when there are at most ${thousands(input.silhouetteSampleSize)} rows.`,
    );
  }
  if (rows.some((r) => r.silhouette === null || r.calinskiHarabasz === null || r.daviesBouldin === null)) {
    p.note("A blank score is undefined for that k (k = 1, or a single cluster found).");
  }
  p.note('"Elbow (knee)" and "Best silhouette" repeat the marked k\'s score, for the charts.');
  const best = rows.find((r) => r.k === bestSilhouetteK && r.silhouette !== null);
  const elbow = rows.find((r) => r.k === elbowK);
  const table = p.table([
    SWEEP_HEADER,
    ...rows.map((r) => [
      r.k,
      numberOrBlank(r.inertia),
      numberOrBlank(r.silhouette),
      numberOrBlank(r.calinskiHarabasz),
      numberOrBlank(r.daviesBouldin),
      r === elbow ? numberOrBlank(r.inertia) : "",
      r === best ? numberOrBlank(r.silhouette) : "",
    ]),
  ]);
  const ks = bodyColumn(table, 0);
  const line = { markerStyle: "Circle" as const, markerSize: 7 };
  const mark = { markerStyle: "Diamond" as const, markerSize: 13 };

  p.chart(
    {
      name: "Elbow",
      type: "XYScatterLines",
      title: CHART_TITLES.elbow,
      xAxisTitle: K_AXIS_TITLE,
      yAxisTitle: INERTIA_AXIS_TITLE,
      series: [
        { name: "Inertia", values: bodyColumn(table, 1), xValues: ks, ...line },
        ...(elbow
          ? [{ name: `Elbow at k = ${elbow.k}`, values: bodyColumn(table, 5), xValues: ks, ...mark }]
          : []),
      ],
      legend: { visible: true, position: "Bottom" },
    },
    CHART_SIZE.line,
  );

  if (rows.every((r) => r.silhouette === null)) {
    p.unavailable.push(`${CHART_TITLES.silhouette} — no k had a defined silhouette`);
    return;
  }
  p.chart(
    {
      name: "Silhouette by k",
      type: "XYScatterLines",
      title: CHART_TITLES.silhouette,
      xAxisTitle: K_AXIS_TITLE,
      yAxisTitle: SILHOUETTE_AXIS_TITLE,
      series: [
        { name: "Mean silhouette", values: bodyColumn(table, 2), xValues: ks, ...line },
        ...(best
          ? [{ name: `Best silhouette at k = ${best.k}`, values: bodyColumn(table, 6), xValues: ks, ...mark }]
          : []),
      ],
      legend: { visible: true, position: "Bottom" },
      valueAxis: silhouetteAxis(rows.map((r) => r.silhouette)),
    },
    CHART_SIZE.line,
  );
}

export const PROFILE_HEADER = ["Cluster", "Size", "Mean silhouette"];

function profileSection(p: Placer, input: ChartSectionsInput): void {
  const { fit } = input;
  const k = fit.clusterCount;
  p.heading("Silhouette by cluster");
  p.note(
    "The mean silhouette of each cluster's rows, from -1 to 1: near 1, its rows sit well inside it; near 0 or below, it overlaps another cluster.",
  );
  const defined = fit.silhouetteByCluster.some((v) => typeof v === "number" && Number.isFinite(v));
  if (!defined) {
    p.note("The silhouette is undefined for this clustering (a single cluster, or one row per cluster).");
  } else if (fit.silhouetteSampled) {
    const size = Math.min(input.silhouetteSampleSize, input.rowCount);
    p.note(
      `From the overall silhouette's ${sampleNote(size, input.rowCount)}; a blank cluster had no row in it.`,
    );
  }
  const table = p.table([
    PROFILE_HEADER,
    ...Array.from({ length: k }, (_, c) => [
      c + 1,
      fit.profile[c]?.size ?? 0,
      numberOrBlank(fit.silhouetteByCluster[c]),
    ]),
  ]);
  if (!defined) {
    p.unavailable.push(`${CHART_TITLES.profile} — the silhouette is undefined for this clustering`);
    return;
  }
  p.chart(
    {
      name: "Silhouette by cluster",
      type: "ColumnClustered",
      title: CHART_TITLES.profile,
      xAxisTitle: "Cluster",
      yAxisTitle: SILHOUETTE_AXIS_TITLE,
      series: [{ name: "Mean silhouette", values: bodyColumn(table, 2), xValues: bodyColumn(table, 0) }],
      legend: { visible: false, position: "Bottom" },
    },
    CHART_SIZE.bar,
  );
}

/** Axis names and titles of the scatter: principal components with their variance, or two features. */
export function scatterAxes(
  fit: ClusteringReport,
  featureNames: readonly string[],
): { names: [string, string]; axisTitles: [string, string]; title: string } {
  const { axes, explainedVarianceRatio: ratio } = fit.scatter;
  if (axes === "pca") {
    const share = (i: number) =>
      ratio && Number.isFinite(ratio[i]) ? ` (${(ratio[i] * 100).toFixed(1)} % of variance)` : "";
    return {
      names: ["PC1", "PC2"],
      axisTitles: [`PC1${share(0)}`, `PC2${share(1)}`],
      title: CHART_TITLES.scatterPca,
    };
  }
  const name = (j: number) => featureNames[j] ?? `Column ${j + 1}`;
  const names: [string, string] = [name(axes[0]), name(axes[1])];
  return { names, axisTitles: names, title: `Clusters by ${names[0]} and ${names[1]}` };
}

function scatterSection(p: Placer, input: ChartSectionsInput): void {
  const { fit, featureNames } = input;
  const { points, labels, centroids, sampled } = fit.scatter;
  const k = centroids.rows;
  const axes = scatterAxes(fit, featureNames);
  const title = sampled ? `${axes.title} (sample of ${thousands(points.rows)} rows)` : axes.title;

  // Each cluster's points in consecutive rows, so each series is one plain range; DBSCAN's noise rows
  // (label -1) come last, as their own series, labelled 0 as beside the data.
  const members: number[][] = Array.from({ length: k }, () => []);
  const noise: number[] = [];
  for (let i = 0; i < points.rows; i++) {
    const c = labels[i];
    if (c >= 0 && c < k) members[c].push(i);
    else if (c === -1) noise.push(i);
  }
  const centreName = fit.clusterer === "dbscan" ? "Cluster mean" : "Centroid";

  p.heading("Cluster scatter");
  const ratio = fit.scatter.explainedVarianceRatio;
  p.note(
    fit.scatter.axes === "pca"
      ? `PC1 and PC2 are the first two principal components of the scaled data${ratio ? `, holding ${(ratio[0] * 100).toFixed(1)} % and ${(ratio[1] * 100).toFixed(1)} % of its variance` : ""}.`
      : `${axes.names[0]} and ${axes.names[1]}, in the data's own units.`,
  );
  if (sampled)
    p.note(`The chart plots ${sampleNote(points.rows, input.rowCount)}, so Excel stays responsive.`);
  p.note(
    noise.length > 0
      ? "The points are grouped by cluster: each cluster's rows are one series of the chart, and the noise rows (cluster 0) another."
      : "The points are grouped by cluster: each cluster's rows are one series of the chart.",
  );
  const empty = members.map((m, c) => (m.length === 0 ? c + 1 : 0)).filter((c) => c > 0);
  if (empty.length > 0) {
    p.note(`No plotted row is in cluster ${empty.join(", ")}, so the chart has no series for it.`);
  }

  const centroidTable = p.table([
    [centreName, ...axes.names],
    ...Array.from({ length: k }, (_, c) => [
      c + 1,
      numberOrBlank(centroids.data[2 * c]),
      numberOrBlank(centroids.data[2 * c + 1]),
    ]),
  ]);
  const pointRows: CellValue[][] = [["Cluster", ...axes.names]];
  for (let c = 0; c < k; c++) {
    for (const i of members[c]) {
      pointRows.push([c + 1, numberOrBlank(points.data[2 * i]), numberOrBlank(points.data[2 * i + 1])]);
    }
  }
  for (const i of noise) {
    pointRows.push([0, numberOrBlank(points.data[2 * i]), numberOrBlank(points.data[2 * i + 1])]);
  }
  const pointTable = p.table(pointRows);

  const series: SeriesSpec[] = [];
  let start = pointTable.row + 1;
  for (let c = 0; c < k; c++) {
    const count = members[c].length;
    if (count === 0) continue;
    const at = (column: number): Rect => ({ row: start, column, rowCount: count, columnCount: 1 });
    series.push({
      name: clusterSeriesName(c + 1, input.descriptions?.[c]),
      values: at(2),
      xValues: at(1),
      markerStyle: "Circle",
      markerSize: 5,
    });
    start += count;
  }
  if (noise.length > 0) {
    const at = (column: number): Rect => ({ row: start, column, rowCount: noise.length, columnCount: 1 });
    series.push({ name: "Noise", values: at(2), xValues: at(1), markerStyle: "Circle", markerSize: 4 });
  }
  series.push({
    name: fit.clusterer === "dbscan" ? "Cluster means" : "Centroids",
    values: bodyColumn(centroidTable, 2),
    xValues: bodyColumn(centroidTable, 1),
    markerStyle: "Diamond",
    markerSize: 12,
  });
  p.chart(
    {
      name: "Cluster scatter",
      type: "XYScatter",
      title,
      xAxisTitle: axes.axisTitles[0],
      yAxisTitle: axes.axisTitles[1],
      series,
      legend: { visible: true, position: "Right" },
    },
    CHART_SIZE.scatter,
  );
}

/** At most this many points of the k-distance curve go on the sheet: enough to see its knee. */
export const K_DISTANCE_POINTS = 500;

/**
 * DBSCAN's k-distance curve: every row's distance to its min-samples-th neighbour (itself counted), sorted.
 * Where it bends upwards (its knee, found by Kneedle) is the usual choice of eps: rows to the left sit in
 * dense regions, rows to the right are the sparse ones DBSCAN calls noise.
 */
function kDistanceSection(p: Placer, fit: DbscanReport): void {
  const { distances, suggestedEps } = fit.kDistance;
  const n = distances.length;
  p.heading("Choosing eps: the k-distance curve");
  p.note(
    "Each row's distance to its min-samples-th nearest row (itself counted), sorted. Pick eps where the curve bends upwards: rows to the right of the bend are sparse and become noise.",
  );
  p.note(
    suggestedEps === null
      ? "The curve has no clear knee, so no eps is suggested."
      : `Its knee (Kneedle) is at a distance of ${suggestedEps}: the suggested eps.`,
  );
  if (n === 0) {
    p.note("There are fewer rows than min samples, so no row has a min-samples-th neighbour.");
    p.unavailable.push(`${CHART_TITLES.kDistance} — fewer rows than min samples`);
    return;
  }
  const m = Math.min(n, K_DISTANCE_POINTS);
  if (m < n) p.note(`The table lists ${m} evenly spaced points of the ${thousands(n)}-row curve.`);
  const rows: CellValue[][] = [["Rank", "Distance", "Suggested eps"]];
  const marked = suggestedEps === null ? -1 : nearestRank(distances, suggestedEps);
  for (let t = 0; t < m; t++) {
    const i = m === 1 ? 0 : Math.round((t * (n - 1)) / (m - 1));
    rows.push([i + 1, numberOrBlank(distances[i]), i === marked ? numberOrBlank(distances[i]) : ""]);
  }
  const table = p.table(rows);
  const ranks = bodyColumn(table, 0);
  p.chart(
    {
      name: "k-distance",
      type: "XYScatterLines",
      title: CHART_TITLES.kDistance,
      xAxisTitle: "Rows, sorted by distance",
      yAxisTitle: "Distance to the min-samples-th neighbour",
      series: [
        {
          name: "k-distance",
          values: bodyColumn(table, 1),
          xValues: ranks,
          markerStyle: "Circle",
          markerSize: 3,
        },
        ...(suggestedEps !== null
          ? [
              {
                name: "Suggested eps",
                values: bodyColumn(table, 2),
                xValues: ranks,
                markerStyle: "Diamond" as const,
                markerSize: 12,
              },
            ]
          : []),
      ],
      legend: { visible: true, position: "Bottom" },
    },
    CHART_SIZE.line,
  );
}

/** The listed rank nearest the suggested eps, so the marker sits on the curve as drawn. */
function nearestRank(distances: Float64Array, eps: number): number {
  const n = distances.length;
  const m = Math.min(n, K_DISTANCE_POINTS);
  let best = 0;
  let gap = Infinity;
  for (let t = 0; t < m; t++) {
    const i = m === 1 ? 0 : Math.round((t * (n - 1)) / (m - 1));
    const g = Math.abs(distances[i] - eps);
    if (g < gap) {
      gap = g;
      best = i;
    }
  }
  return best;
}
