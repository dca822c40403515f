/**
 * Charts drawn through Microsoft's Excel client on the test workbook (test/host), which records every
 * chart (type, source range, series ranges and names, titles, position) and answers ApiNotFound for any
 * chart member it does not model, so the add-in's use of the chart API stays within what is modelled.
 */
import { rangeAddress } from "../../src/excel/address";
import { CHART_TITLES, type ChartSpec } from "../../src/excel/chartLayout";
import { drawCharts, NEEDS_CHART_API } from "../../src/excel/charts";
import { prepareData } from "../../src/excel/prepare";
import { buildResultsLayout } from "../../src/excel/resultsLayout";
import type { WriteRequest } from "../../src/excel/types";
import { writeResults } from "../../src/excel/write";
import { runJob } from "../../src/worker/handler";
import type { KMeansReport, SweepReport } from "../../src/model";
import { installGlobals } from "../host/office";
import { ExcelError } from "../host/server/protocol";
import { axisScaleOf, type AxisScale } from "../host/server/charts";
import type { TypeSpec, TypeTable } from "../host/server/types";
import { fakeExcel, type Fixture } from "../host/testHost";
import type { ChartRecord, Sheet, Workbook } from "../host/workbook";
import { rawFrom, recordFor, SETTINGS } from "./fixtures";

const RESULTS = "K-Means Results";

/** Three groups of rows in two columns, clustered and swept by the worker's own code. */
function setup(options: { sweep?: boolean; requirements?: Record<string, string> } = {}) {
  const values: unknown[][] = [["Height", "Weight"]];
  for (let i = 0; i < 45; i++) {
    const g = i % 3;
    values.push([g * 10 + ((i * 7) % 5) / 3, g * g * 4 + ((i * 3) % 7) / 4]);
  }
  const f = fakeExcel({ sheets: ["Data"], requirements: options.requirements });
  f.workbook.setValues("Data", "A1", values);
  const raw = rawFrom(values, { sheetName: "Data" });
  raw.address = "Data!A1:B46";
  const prepared = prepareData(raw);
  const settings = { ...SETTINGS, k: 3 };
  const fit: KMeansReport = runJob({ kind: "fit", X: prepared.X, settings }, () => {}).output;
  const { k: _k, ...rest } = settings;
  void _k;
  const sweep: SweepReport | undefined = options.sweep
    ? runJob({ kind: "sweep", X: prepared.X, settings: { ...rest, kMin: 2, kMax: 6 } }, () => {}).output
    : undefined;
  const record = recordFor(prepared, { k: 3 });
  const request: WriteRequest = { prepared, fit, record, overwrite: false, sweep };
  const layout = buildResultsLayout({ prepared, fit, record, labelAddress: "Data!C1:C46", sweep });
  return { ...f, request, layout, fit, sweep, values };
}

const addr = (r: { row: number; column: number; rowCount: number; columnCount: number }) =>
  rangeAddress(RESULTS, r.row, r.column, r.rowCount, r.columnCount);

/** "I40" → 0-based row and column. */
function cell(a1: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, column };
}

/** A chart as the workbook holds it, with its ranges as addresses and only the markers that were set. */
type DrawnChart = {
  type: string;
  source: string;
  seriesBy: string;
  name: string;
  title: string | null;
  categoryAxisTitle: string | null;
  valueAxisTitle: string | null;
  legend: { visible: boolean; position: string };
  /** The value axis' bounds as set through ChartAxis.minimum / maximum; null where Excel's own. */
  valueAxis: AxisScale;
  position: { start: string; end: string | null } | null;
  series: {
    name: string;
    values: string | null;
    xValues: string | null;
    markerStyle?: string;
    markerSize?: number;
  }[];
};

function drawn(workbook: Workbook, c: ChartRecord): DrawnChart {
  const at = (r: ChartRecord["source"] | null) => (r ? workbook.addressOf(r) : null);
  return {
    type: c.type,
    source: workbook.addressOf(c.source),
    seriesBy: c.seriesBy,
    name: c.name,
    title: c.title,
    categoryAxisTitle: c.categoryAxisTitle,
    valueAxisTitle: c.valueAxisTitle,
    legend: c.legend,
    valueAxis: axisScaleOf(c, "value"),
    position: c.position,
    series: c.series.map((s) => ({
      name: s.name,
      values: at(s.values),
      xValues: at(s.xValues),
      ...(s.markerStyle !== null ? { markerStyle: s.markerStyle } : {}),
      ...(s.markerSize !== null ? { markerSize: s.markerSize } : {}),
    })),
  };
}

/** The charts on a sheet, as drawn. */
function chartsOn(workbook: Workbook, sheet: Sheet): DrawnChart[] {
  return workbook.charts.filter((c) => c.sheetId === sheet.id).map((c) => drawn(workbook, c));
}

/** What the workbook should have recorded for a spec. */
function expectDrawnAs(record: DrawnChart, spec: ChartSpec): void {
  const p = spec.position;
  expect(record).toEqual({
    type: spec.type,
    source: addr(spec.series[0].values),
    seriesBy: "Columns",
    name: spec.name,
    title: spec.title,
    categoryAxisTitle: spec.xAxisTitle,
    valueAxisTitle: spec.yAxisTitle,
    legend: { visible: spec.legend.visible, position: spec.legend.visible ? spec.legend.position : "Right" },
    valueAxis: spec.valueAxis ?? { minimum: null, maximum: null },
    position: {
      start: rangeAddress("x", p.row, p.column, 1, 1).slice(2),
      end: rangeAddress("x", p.row + p.rowCount - 1, p.column + p.columnCount - 1, 1, 1).slice(2),
    },
    series: spec.series.map((s) => ({
      name: s.name,
      values: addr(s.values),
      xValues: addr(s.xValues),
      ...(s.markerStyle ? { markerStyle: s.markerStyle } : {}),
      ...(s.markerSize !== undefined ? { markerSize: s.markerSize } : {}),
    })),
  });
}

/** "row,column" of every cell of the sheet that holds something. */
function cellKeys(sheet: Sheet): string[] {
  const out: string[] = [];
  for (const [r, line] of sheet.rows) line.forEach((c, column) => c && out.push(`${r},${column}`));
  return out;
}

/** No cell holding a value lies under any chart, and no two charts share a cell. */
function expectClear(workbook: Workbook, sheet: Sheet): void {
  const rects = chartsOn(workbook, sheet).map((c) => {
    const a = cell(c.position!.start);
    const b = cell(c.position!.end!);
    return { top: a.row, left: a.column, bottom: b.row, right: b.column, title: c.title };
  });
  for (const key of cellKeys(sheet)) {
    const [row, column] = key.split(",").map(Number);
    for (const r of rects) {
      const under = row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;
      expect([r.title, key, under]).toEqual([r.title, key, false]);
    }
  }
  rects.forEach((a, i) =>
    rects.forEach((b, j) => {
      const meet = a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
      if (i !== j) expect([a.title, b.title, meet]).toEqual([a.title, b.title, false]);
    }),
  );
}

describe("with a k sweep, on a host with the chart API", () => {
  const run = async () => {
    const s = setup({ sweep: true });
    const report = await s.run((ctx) => writeResults(ctx, s.request, { chartApi: true }));
    const sheet = s.workbook.sheet(RESULTS);
    return { ...s, report, sheet, charts: chartsOn(s.workbook, sheet) };
  };

  test("four charts, reported by title in order, nothing skipped", async () => {
    const { report, charts } = await run();
    expect(report.charts).toEqual([
      "Elbow method: inertia by number of clusters",
      "Silhouette: mean score by number of clusters",
      "Silhouette by cluster: higher is better-separated",
      "Clusters on the first two principal components",
    ]);
    expect(report.chartsSkipped).toEqual([]);
    expect(charts.map((c) => c.type)).toEqual([
      "XYScatterLines",
      "XYScatterLines",
      "ColumnClustered",
      "XYScatter",
    ]);
  });

  test("each chart has the layout's type, source, series ranges and names, titles and position", async () => {
    const { charts, layout, workbook } = await run();
    expect(charts).toHaveLength(layout.charts.length);
    layout.charts.forEach((spec, i) => expectDrawnAs(charts[i], spec));
    expect(workbook.unsupported).toEqual([]);
  });

  test("the elbow and silhouette charts read the sweep table; the knee and best k are one-point series", async () => {
    const { workbook, sheet, charts, sweep } = await run();
    const [elbow, silhouette] = charts;
    // Three groups, k from 2 (the model's lowest k): Kneedle's elbow and the silhouette's peak agree on 3.
    expect([sweep!.elbowK, sweep!.bestSilhouetteK]).toEqual([3, 3]);
    expect(elbow.series.map((s) => s.name)).toEqual(["Inertia", `Elbow at k = ${sweep!.elbowK}`]);
    expect(silhouette.series.map((s) => s.name)).toEqual([
      "Mean silhouette",
      `Best silhouette at k = ${sweep!.bestSilhouetteK}`,
    ]);
    expect([elbow.categoryAxisTitle, elbow.valueAxisTitle]).toEqual([
      "Number of clusters (k)",
      "Inertia (within-cluster sum of squares)",
    ]);
    const read = (address: string) => {
      const [from, to] = address.split("!")[1].split(":");
      const a = cell(from);
      const b = cell(to ?? from);
      const rect = {
        row: a.row,
        column: a.column,
        rowCount: b.row - a.row + 1,
        columnCount: b.column - a.column + 1,
      };
      return workbook.valuesOf(sheet, rect).map((r) => r[0]);
    };
    expect(read(elbow.series[0].xValues!)).toEqual(sweep!.rows.map((r) => r.k));
    expect(read(elbow.series[0].values!)).toEqual(sweep!.rows.map((r) => r.inertia));
    const knee = read(elbow.series[1].values!);
    expect(knee.filter((v) => v !== "")).toEqual([sweep!.rows.find((r) => r.k === sweep!.elbowK)!.inertia]);
    // Blank, not text, where there is no mark: empty cells, which a chart does not plot.
    const kneeRow = cell(elbow.series[1].values!.split("!")[1].split(":")[0]).row;
    const kneeColumn = cell(elbow.series[1].values!.split("!")[1].split(":")[0]).column;
    const blanks = sweep!.rows.filter((r) => r.k !== sweep!.elbowK).length;
    let empty = 0;
    for (let i = 0; i < sweep!.rows.length; i++) if (!sheet.get(kneeRow + i, kneeColumn)) empty++;
    expect(empty).toBe(blanks);
    const best = read(silhouette.series[1].values!);
    expect(best.filter((v) => v !== "")).toEqual([
      sweep!.rows.find((r) => r.k === sweep!.bestSilhouetteK)!.silhouette,
    ]);
  });

  test("the silhouette-by-k chart's value axis is fixed at 0 to 1 in Excel; the others keep Excel's scaling", async () => {
    const { charts, workbook, host } = await run();
    const [elbow, silhouette, profile, scatter] = charts;
    expect(silhouette.valueAxis).toEqual({ minimum: 0, maximum: 1 });
    for (const c of [elbow, profile, scatter]) expect(c.valueAxis).toEqual({ minimum: null, maximum: null });
    // Set through Microsoft's client, as ChartAxis.minimum and maximum, and answered by the workbook.
    expect(host.excel.answered.has("ChartAxis.minimum")).toBe(true);
    expect(host.excel.answered.has("ChartAxis.maximum")).toBe(true);
    expect(workbook.unsupported).toEqual([]);
  });

  test("the scatter has a series per cluster, named Cluster 1 with its description.., and the centroids with bigger markers", async () => {
    const { charts, fit } = await run();
    const scatter = charts[3];
    expect(scatter.series.map((s) => s.name)).toEqual([
      "Cluster 1: high Weight (+1.4 sd), high Height (+1.2 sd)",
      "Cluster 2: low Height (-1.2 sd), low Weight (-1.0 sd)",
      "Cluster 3: close to average on every column",
      "Centroids",
    ]);
    const ratio = fit.scatter.explainedVarianceRatio!;
    expect(scatter.categoryAxisTitle).toBe(`PC1 (${(ratio[0] * 100).toFixed(1)} % of variance)`);
    expect(scatter.valueAxisTitle).toBe(`PC2 (${(ratio[1] * 100).toFixed(1)} % of variance)`);
    expect(scatter.series[3].markerSize).toBeGreaterThan(scatter.series[0].markerSize!);
    expect(scatter.legend).toEqual({ visible: true, position: "Right" });
  });

  test("no chart covers a written cell or another chart", async () => {
    const { workbook, sheet, charts } = await run();
    expect(charts).toHaveLength(4);
    expectClear(workbook, sheet);
  });

  test("chart source cells are plain values on the results sheet, headers in bold", async () => {
    const { sheet, layout, charts } = await run();
    for (const h of layout.headerRows) expect(sheet.bold.has(`${h.row},${h.column}`)).toBe(true);
    const sources = charts.flatMap((c) => c.series.flatMap((s) => [s.values!, s.xValues!]));
    for (const a of sources) expect(a.startsWith(`'${RESULTS}'!`)).toBe(true);
    for (const line of sheet.rows.values()) expect(line.some((c) => c?.f !== undefined)).toBe(false);
  });
});

test("without a sweep: the silhouette profile and the scatter only", async () => {
  const { run, request, workbook } = setup();
  const report = await run((ctx) => writeResults(ctx, request, { chartApi: true }));
  expect(report.charts).toEqual([CHART_TITLES.profile, CHART_TITLES.scatterPca]);
  const sheet = workbook.sheet(RESULTS);
  expect(chartsOn(workbook, sheet).map((c) => c.type)).toEqual(["ColumnClustered", "XYScatter"]);
  expectClear(workbook, sheet);
});

describe("a host without ExcelApi 1.7", () => {
  const titles = [CHART_TITLES.elbow, CHART_TITLES.silhouette, CHART_TITLES.profile, CHART_TITLES.scatterPca];

  test("draws no chart, says which were not drawn and why, and still writes every table", async () => {
    const { run, request, workbook, host, layout } = setup({ sweep: true });
    const report = await run((ctx) => writeResults(ctx, request, { chartApi: false }));
    expect(report.charts).toEqual([]);
    expect(report.chartsSkipped).toEqual(titles.map((t) => `${t} — needs ExcelApi 1.7 (chart series)`));
    const sheet = workbook.sheet(RESULTS);
    expect(workbook.charts).toEqual([]);
    // Not a chart statement was sent.
    const statements = host.excel.stats.requests.flatMap((r) => r.statements);
    expect(statements.filter((s) => s.startsWith("Chart"))).toEqual([]);
    expect(host.excel.answered.has("Worksheet.charts")).toBe(false);
    // Every block of the layout is on the sheet, the chart sources included.
    for (const b of layout.blocks) {
      b.cells.forEach((line, r) =>
        line.forEach((v, c) => expect(sheet.get(b.row + r, b.column + c)?.v ?? "").toEqual(v)),
      );
    }
  });

  test("is found by asking Office for the requirement set", async () => {
    const s = setup({ requirements: { ExcelApi: "1.6" } });
    const requirements = (
      s.host.Office.context as { requirements: { isSetSupported(n: string, v?: string): boolean } }
    ).requirements;
    const isSetSupported = requirements.isSetSupported;
    const asked: string[] = [];
    requirements.isSetSupported = (name, version) => {
      asked.push(`${name} ${version}`);
      return isSetSupported(name, version);
    };
    const uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, s.host);
    try {
      const report = await s.run((ctx) => writeResults(ctx, s.request));
      expect(asked).toContain("ExcelApi 1.7");
      expect(report.chartsSkipped.every((c) => c.endsWith(NEEDS_CHART_API))).toBe(true);
      expect(report.chartsSkipped).toHaveLength(2);
      expect(s.workbook.charts).toEqual([]);
    } finally {
      uninstall();
    }
  });
});

/**
 * Excel refusing charts.add of one chart type with a message, as a host that cannot make that chart would:
 * this workbook's ChartCollection.add answers GeneralException for it (the other types as modelled).
 */
function refuseChartType(f: Fixture, type: string, message: string): void {
  const server = f.host.excel as unknown as { types: TypeTable };
  const charts = server.types.ChartCollection as TypeSpec;
  const add = charts.children!.Add;
  server.types = {
    ...server.types,
    ChartCollection: {
      ...charts,
      children: {
        ...charts.children,
        Add: (o, args, s) => {
          if (args[0] === type) throw new ExcelError("GeneralException", message);
          return add(o, args, s);
        },
      },
    },
  };
}

test("a chart the host refuses is reported with its message; the others are drawn and the tables stay", async () => {
  const s = setup({ sweep: true });
  refuseChartType(s, "ColumnClustered", "The chart could not be created.");
  const report = await s.run((ctx) => writeResults(ctx, s.request, { chartApi: true }));
  expect(report.chartsSkipped).toEqual([`${CHART_TITLES.profile} — The chart could not be created.`]);
  expect(report.charts).toEqual([CHART_TITLES.elbow, CHART_TITLES.silhouette, CHART_TITLES.scatterPca]);
  const sheet = s.workbook.sheet(RESULTS);
  expect(chartsOn(s.workbook, sheet).map((c) => c.type)).toEqual([
    "XYScatterLines",
    "XYScatterLines",
    "XYScatter",
  ]);
  expect(
    cellKeys(sheet).some((k) => {
      const [r, c] = k.split(",").map(Number);
      return sheet.get(r, c)?.v === "Mean silhouette";
    }),
  ).toBe(true);
  expect(s.workbook.tables.filter((t) => t.sheetId === sheet.id)).toHaveLength(1);
});

test("series Excel guessed beyond the first are deleted before the specs' series are set", async () => {
  const { run, workbook } = fakeExcel({ sheets: ["S"] });
  workbook.setValues("S", "A1", [[1, 2, 3]]);
  const one = { row: 0, column: 0, rowCount: 1, columnCount: 1 };
  const spec: ChartSpec = {
    name: "Test",
    type: "ColumnClustered",
    title: "A test",
    xAxisTitle: "x",
    yAxisTitle: "y",
    // Three columns by columns: Excel makes three one-cell series.
    series: [{ name: "Only", values: { ...one, columnCount: 3 }, xValues: { ...one, columnCount: 3 } }],
    legend: { visible: false, position: "Bottom" },
    position: { row: 2, column: 0, rowCount: 5, columnCount: 4 },
  };
  const outcome = await run((ctx) => drawCharts(ctx, ctx.workbook.worksheets.getItem("S"), [spec], true));
  expect(outcome).toEqual({ drawn: ["A test"], skipped: [], unstyled: [] });
  const [chart] = chartsOn(workbook, workbook.sheet("S"));
  expect(chart.series).toEqual([{ name: "Only", values: "S!A1:C1", xValues: "S!A1:C1" }]);
  expect(chart.position).toEqual({ start: "A3", end: "D7" });
  // Excel made three, and two were deleted.
  expect(workbook.addinWrites().filter((w) => w.target === "Test series delete")).toHaveLength(2);
});

describe("the test workbook holds the add-in to the chart API it models", () => {
  test("an unmodelled member is refused and recorded; an unloaded count cannot be read", async () => {
    const { run, workbook } = fakeExcel({ sheets: ["S"] });
    workbook.setValues("S", "A1", [[1], [2]]);
    const count = await run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("S");
      const chart = sheet.charts.add("Line", sheet.getRange("A1:A2"), "Columns");
      // Microsoft's client: a property read before load and sync throws.
      expect(() => chart.series.count).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      chart.series.load("count");
      await ctx.sync();
      // Chart.style (ExcelApi 1.8) is a real member the add-in does not use, and the workbook does not model.
      chart.style = 3;
      const refused = await ctx.sync().then(
        () => null,
        (e: { name: string; code: string }) => e,
      );
      expect(refused).toMatchObject({ name: "RichApi.Error", code: "ApiNotFound" });
      return chart.series.count;
    });
    expect(count).toBe(1);
    expect(workbook.unsupported).toEqual(["Chart.style ="]);
  });
});

test('the test workbook takes an axis bound as a number or "" (automatic) and refuses other values', async () => {
  const { run, workbook } = fakeExcel({ sheets: ["S"] });
  workbook.setValues("S", "A1", [[1], [2]]);
  const refused = await run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("S");
    const chart = sheet.charts.add("XYScatterLines", sheet.getRange("A1:A2"), "Columns");
    chart.axes.valueAxis.minimum = 0.5;
    chart.axes.valueAxis.maximum = 2;
    chart.axes.categoryAxis.minimum = -1;
    await ctx.sync();
    chart.axes.valueAxis.maximum = "";
    await ctx.sync();
    chart.axes.valueAxis.minimum = "low";
    return ctx.sync().then(
      () => null,
      (e: { code: string }) => e.code,
    );
  });
  expect(refused).toBe("InvalidArgument");
  const [chart] = workbook.charts;
  expect(axisScaleOf(chart, "value")).toEqual({ minimum: 0.5, maximum: null });
  expect(axisScaleOf(chart, "category")).toEqual({ minimum: -1, maximum: null });
  expect(workbook.unsupported).toEqual([]);
});

test("reading an axis bound, which Excel scales itself when not set, is not modelled: ApiNotFound", async () => {
  const { run, workbook } = fakeExcel({ sheets: ["S"] });
  workbook.setValues("S", "A1", [[1], [2]]);
  const code = await run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("S");
    const chart = sheet.charts.add("Line", sheet.getRange("A1:A2"), "Columns");
    chart.axes.valueAxis.load("minimum");
    return ctx.sync().then(
      () => null,
      (e: { code: string }) => e.code,
    );
  });
  expect(code).toBe("ApiNotFound");
  expect(workbook.unsupported).toEqual(["ChartAxis.minimum"]);
});

/*
 * All or nothing, against the test workbook (test/host), which models Excel's failures: a chart's data goes
 * in one request and a half-built chart is deleted; markers go in another that may fail on its own.
 */
describe("charts are all or nothing (test workbook)", () => {
  const one = (row: number, column: number, rowCount = 3, columnCount = 1) => ({
    row,
    column,
    rowCount,
    columnCount,
  });
  /** A scatter of B1:B3 against A1:A3 with big markers; `values` replaces its second series' cells. */
  const scatter = (name: string, values = one(0, 1)): ChartSpec => ({
    name,
    type: "XYScatter",
    title: `${name} title`,
    xAxisTitle: "x",
    yAxisTitle: "y",
    series: [
      { name: "First", values: one(0, 1), xValues: one(0, 0), markerStyle: "Circle", markerSize: 5 },
      { name: "Second", values, xValues: one(0, 0), markerStyle: "Diamond", markerSize: 12 },
    ],
    legend: { visible: true, position: "Right" },
    position: { row: 5, column: 0, rowCount: 10, columnCount: 6 },
  });

  async function draw(platform: "web" | "windows", specs: ChartSpec[], failing: string[] = []) {
    const fx = fakeExcel({ platform });
    fx.workbook.setValues("Sheet1", "A1", [
      [1, 2],
      [2, 4],
      [3, 9],
    ]);
    for (const m of failing) fx.workbook.failingMembers.add(m);
    const outcome = await fx.run((ctx) =>
      drawCharts(ctx, ctx.workbook.worksheets.getItem("Sheet1"), specs, true),
    );
    return { ...fx, outcome };
  }

  test.each(["web", "windows"] as const)(
    "a chart whose data Excel refuses is deleted and reported with Excel's message (%s)",
    async (platform) => {
      // A 2-D block as a series' values: Excel refuses it with InvalidArgument, after the chart was added.
      const { workbook, outcome } = await draw(platform, [scatter("Bad", one(0, 0, 3, 2)), scatter("Good")]);
      expect(outcome.skipped).toEqual([
        "Bad title — The argument is invalid or missing or has an incorrect format.",
      ]);
      expect(outcome.drawn).toEqual(["Good title"]);
      expect(workbook.charts.map((c) => c.name)).toEqual(["Good"]);
      expect(workbook.addinWrites().filter((w) => w.kind === "chart-delete")).toHaveLength(1);
    },
  );

  test.each(["web", "windows"] as const)(
    "on a build that refuses series markers the chart stays, with its data, and the refusal is noted (%s)",
    async (platform) => {
      const failing = ["ChartSeries.markerStyle", "ChartSeries.markerSize"];
      const { workbook, outcome } = await draw(platform, [scatter("Styled")], failing);
      expect(outcome).toEqual({
        drawn: ["Styled title"],
        skipped: [],
        unstyled: ["Styled title — This operation is not permitted for the current object."],
      });
      const [chart] = workbook.charts;
      expect(chart.title).toBe("Styled title");
      expect(chart.series.map((s) => [s.name, workbook.addressOf(s.values!), s.markerStyle])).toEqual([
        ["First", "Sheet1!B1:B3", null],
        ["Second", "Sheet1!B1:B3", null],
      ]);
    },
  );

  test("with markers allowed, the same chart gets them; data and markers are separate requests", async () => {
    const { workbook, outcome, host } = await draw("web", [scatter("Styled")]);
    expect(outcome.unstyled).toEqual([]);
    expect(workbook.charts[0].series.map((s) => [s.markerStyle, s.markerSize])).toEqual([
      ["Circle", 5],
      ["Diamond", 12],
    ]);
    // One request for the data (a one-column source gives Excel no extra series to delete), one for markers.
    expect(host.excel.stats.syncs).toBe(2);
  });

  test("writeResults on a host refusing markers: every chart drawn, the pane told why markers are missing", async () => {
    const { request, values } = setup({ sweep: true });
    const fx = fakeExcel({ platform: "windows" });
    fx.workbook.setValues("Data", "A1", values);
    fx.workbook.failingMembers.add("ChartSeries.markerSize");
    const report = await fx.run((ctx) => writeResults(ctx, request, { chartApi: true }));
    expect(report.chartsSkipped).toEqual([]);
    expect(fx.workbook.charts).toHaveLength(4);
    const unstyled = report.warnings.filter((w) => w.startsWith("Chart drawn without its markers: "));
    expect(unstyled).toContain(
      `Chart drawn without its markers: ${CHART_TITLES.scatterPca} — This operation is not permitted for the current object.`,
    );
  });
});
