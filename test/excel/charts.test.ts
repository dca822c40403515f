/**
 * Charts drawn through the strict fake in fakeExcel.ts, which implements exactly the chart API subset the
 * add-in may use and records every chart (type, source range, series ranges and names, titles, position).
 */
import { rangeAddress } from "../../src/excel/address";
import { CHART_TITLES, type ChartSpec } from "../../src/excel/chartLayout";
import { drawCharts, NEEDS_CHART_API } from "../../src/excel/charts";
import { prepareData } from "../../src/excel/prepare";
import { buildResultsLayout } from "../../src/excel/resultsLayout";
import type { WriteRequest } from "../../src/excel/types";
import { writeResults } from "../../src/excel/write";
import { runJob } from "../../src/worker/handler";
import type { FitOutput, SweepOutput } from "../../src/worker/protocol";
import { fakeExcel } from "../host/testHost";
import { FakeContext, type ChartRecord, type FakeSheet } from "./fakeExcel";
import { rawFrom, recordFor, SETTINGS } from "./fixtures";

const RESULTS = "K-Means Results";

/** Three groups of rows in two columns, clustered and swept by the worker's own code. */
function setup(options: { sweep?: boolean; fake?: ConstructorParameters<typeof FakeContext>[0] } = {}) {
  const values: unknown[][] = [["Height", "Weight"]];
  for (let i = 0; i < 45; i++) {
    const g = i % 3;
    values.push([g * 10 + ((i * 7) % 5) / 3, g * g * 4 + ((i * 3) % 7) / 4]);
  }
  const fake = new FakeContext(options.fake);
  fake.addSheet("Data").fill(values);
  const raw = rawFrom(values, { sheetName: "Data" });
  raw.address = "Data!A1:B46";
  const prepared = prepareData(raw);
  const settings = { ...SETTINGS, k: 3 };
  const fit: FitOutput = runJob({ kind: "fit", X: prepared.X, settings }, () => {}).output;
  const { k: _k, ...rest } = settings;
  void _k;
  const sweep: SweepOutput | undefined = options.sweep
    ? runJob({ kind: "sweep", X: prepared.X, settings: { ...rest, kMin: 1, kMax: 6 } }, () => {}).output
    : undefined;
  const record = recordFor(prepared, { k: 3 });
  const request: WriteRequest = { prepared, fit, record, overwrite: false, sweep };
  const layout = buildResultsLayout({ prepared, fit, record, labelAddress: "Data!C1:C46", sweep });
  return { fake, ctx: fake.asContext(), request, layout, fit, sweep, values };
}

const addr = (r: { row: number; column: number; rowCount: number; columnCount: number }) =>
  rangeAddress(RESULTS, r.row, r.column, r.rowCount, r.columnCount);

/** "I40" → 0-based row and column. */
function cell(a1: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, column };
}

/** What the fake should have recorded for a spec. */
function expectDrawnAs(record: ChartRecord, spec: ChartSpec): void {
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

/** No cell holding a value lies under any chart, and no two charts share a cell. */
function expectClear(sheet: FakeSheet): void {
  const rects = sheet.charts.map((c) => {
    const a = cell(c.position!.start);
    const b = cell(c.position!.end);
    return { top: a.row, left: a.column, bottom: b.row, right: b.column, title: c.title };
  });
  for (const key of sheet.cells.keys()) {
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
    const report = await writeResults(s.ctx, s.request, { chartApi: true });
    return { ...s, report, sheet: s.fake.sheet(RESULTS) };
  };

  test("four charts, reported by title in order, nothing skipped", async () => {
    const { report, sheet } = await run();
    expect(report.charts).toEqual([
      "Elbow method: inertia by number of clusters",
      "Silhouette: mean score by number of clusters",
      "Silhouette by cluster: higher is better-separated",
      "Clusters on the first two principal components",
    ]);
    expect(report.chartsSkipped).toEqual([]);
    expect(sheet.charts.map((c) => c.type)).toEqual([
      "XYScatterLines",
      "XYScatterLines",
      "ColumnClustered",
      "XYScatter",
    ]);
  });

  test("each chart has the layout's type, source, series ranges and names, titles and position", async () => {
    const { sheet, layout } = await run();
    expect(sheet.charts).toHaveLength(layout.charts.length);
    layout.charts.forEach((spec, i) => expectDrawnAs(sheet.charts[i], spec));
  });

  test("the elbow and silhouette charts read the sweep table; the knee and best k are one-point series", async () => {
    const { fake, sheet, sweep } = await run();
    const [elbow, silhouette] = sheet.charts;
    // Three groups: Kneedle's elbow comes at 2 on this curve, the silhouette peaks at 3.
    expect([sweep!.elbowK, sweep!.bestSilhouetteK]).toEqual([2, 3]);
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
      return fake.grid(RESULTS, a.row, a.column, b.row - a.row + 1, b.column - a.column + 1).map((r) => r[0]);
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

  test("the scatter has a series per cluster, named Cluster 1.., and the centroids with bigger markers", async () => {
    const { sheet, fit } = await run();
    const scatter = sheet.charts[3];
    expect(scatter.series.map((s) => s.name)).toEqual(["Cluster 1", "Cluster 2", "Cluster 3", "Centroids"]);
    const ratio = fit.scatter.explainedVarianceRatio!;
    expect(scatter.categoryAxisTitle).toBe(`PC1 (${(ratio[0] * 100).toFixed(1)} % of variance)`);
    expect(scatter.valueAxisTitle).toBe(`PC2 (${(ratio[1] * 100).toFixed(1)} % of variance)`);
    expect(scatter.series[3].markerSize).toBeGreaterThan(scatter.series[0].markerSize!);
    expect(scatter.legend).toEqual({ visible: true, position: "Right" });
  });

  test("no chart covers a written cell or another chart", async () => {
    const { sheet } = await run();
    expect(sheet.charts).toHaveLength(4);
    expectClear(sheet);
  });

  test("chart source cells are plain values on the results sheet, headers in bold", async () => {
    const { sheet, layout } = await run();
    for (const h of layout.headerRows) expect(sheet.bold.has(`${h.row},${h.column}`)).toBe(true);
    const sources = sheet.charts.flatMap((c) => c.series.flatMap((s) => [s.values!, s.xValues!]));
    for (const a of sources) expect(a.startsWith(`'${RESULTS}'!`)).toBe(true);
    expect([...sheet.cells.values()].some((c) => c.formula !== undefined)).toBe(false);
  });
});

test("without a sweep: the silhouette profile and the scatter only", async () => {
  const { ctx, request, fake } = setup();
  const report = await writeResults(ctx, request, { chartApi: true });
  expect(report.charts).toEqual([CHART_TITLES.profile, CHART_TITLES.scatterPca]);
  expect(fake.sheet(RESULTS).charts.map((c) => c.type)).toEqual(["ColumnClustered", "XYScatter"]);
  expectClear(fake.sheet(RESULTS));
});

describe("a host without ExcelApi 1.7", () => {
  const titles = [CHART_TITLES.elbow, CHART_TITLES.silhouette, CHART_TITLES.profile, CHART_TITLES.scatterPca];

  test("draws no chart, says which were not drawn and why, and still writes every table", async () => {
    const { ctx, request, fake, layout } = setup({ sweep: true });
    const report = await writeResults(ctx, request, { chartApi: false });
    expect(report.charts).toEqual([]);
    expect(report.chartsSkipped).toEqual(titles.map((t) => `${t} — needs ExcelApi 1.7 (chart series)`));
    const sheet = fake.sheet(RESULTS);
    expect(sheet.charts).toEqual([]);
    expect(fake.syncs.flatMap((s) => s.calls).some((c) => c.startsWith("charts.add"))).toBe(false);
    // Every block of the layout is on the sheet, the chart sources included.
    for (const b of layout.blocks) {
      b.cells.forEach((line, r) =>
        line.forEach((v, c) => expect(sheet.get(b.row + r, b.column + c)?.value ?? "").toEqual(v)),
      );
    }
  });

  test("is found by asking Office for the requirement set", async () => {
    const asked: string[] = [];
    const g = globalThis as { Office?: unknown };
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) => {
            asked.push(`${name} ${version}`);
            // No 1.6 either: the strict fake has no application object to suspend calculation with.
            return version !== "1.7" && version !== "1.6";
          },
        },
      },
    };
    try {
      const { ctx, request } = setup();
      const report = await writeResults(ctx, request);
      expect(asked).toContain("ExcelApi 1.7");
      expect(report.chartsSkipped.every((s) => s.endsWith(NEEDS_CHART_API))).toBe(true);
      expect(report.chartsSkipped).toHaveLength(2);
    } finally {
      delete g.Office;
    }
  });
});

test("a chart the host refuses is reported with its message; the others are drawn and the tables stay", async () => {
  const { ctx, request, fake } = setup({
    sweep: true,
    fake: { chartFailure: { type: "ColumnClustered", message: "The chart could not be created." } },
  });
  const report = await writeResults(ctx, request, { chartApi: true });
  expect(report.chartsSkipped).toEqual([`${CHART_TITLES.profile} — The chart could not be created.`]);
  expect(report.charts).toEqual([CHART_TITLES.elbow, CHART_TITLES.silhouette, CHART_TITLES.scatterPca]);
  const sheet = fake.sheet(RESULTS);
  expect(sheet.charts.map((c) => c.type)).toEqual(["XYScatterLines", "XYScatterLines", "XYScatter"]);
  expect([...sheet.cells.values()].some((c) => c.value === "Mean silhouette")).toBe(true);
  expect(sheet.tables).toHaveLength(1);
});

test("series Excel guessed beyond the first are deleted before the specs' series are set", async () => {
  const fake = new FakeContext();
  const s = fake.addSheet("S").fill([[1, 2, 3]]);
  const sheet = fake.asContext().workbook.worksheets.getItem("S");
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
  const outcome = await drawCharts(fake.asContext(), sheet, [spec], true);
  expect(outcome).toEqual({ drawn: ["A test"], skipped: [], unstyled: [] });
  expect(s.charts[0].series).toEqual([{ name: "Only", values: "S!A1:C1", xValues: "S!A1:C1" }]);
  expect(s.charts[0].position).toEqual({ start: "A3", end: "D7" });
});

describe("the fake holds to the subset", () => {
  test("an unknown property or an unloaded count is refused", async () => {
    const fake = new FakeContext();
    fake.addSheet("S").fill([[1], [2]]);
    const sheet = fake.asContext().workbook.worksheets.getItem("S");
    const chart = sheet.charts.add("Line", sheet.getRange("A1:A2"), "Columns");
    expect(() => ((chart as unknown as { style: number }).style = 3)).toThrow(TypeError);
    expect(() => ((chart.title as unknown as { visible: boolean }).visible = true)).toThrow(TypeError);
    expect(() => chart.series.count).toThrow("not available");
    expect(() => sheet.charts.add("Pie", sheet.getRange("A1:A2"), "Columns")).toThrow("not in the subset");
    chart.series.load("count");
    await fake.sync();
    expect(chart.series.count).toBe(1);
  });
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
