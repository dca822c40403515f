/**
 * The add-in's own Excel code (src/excel, through the pane's workflow) on Microsoft's Excel client, talking
 * to the test workbook in Node: what the Cluster button does, minus React and the worker thread. The browser
 * tests do the same with the built bundle; this finds a mismatch between the add-in and Excel in seconds.
 */
import { createExcelHost } from "../../src/excel/host";
import { DEFAULT_OPTIONS, type PaneOptions } from "../../src/taskpane/options";
import { fitAndWrite, readAndCheck, sweep, type WorkflowEvents } from "../../src/taskpane/workflow";
import { createInlineClient } from "../../src/worker/inlineClient";
import { installGlobals } from "./office";
import { loadSample } from "./samples";
import { fakeExcel } from "./testHost";

function events(overwrite = false): WorkflowEvents & { stages: string[] } {
  const stages: string[] = [];
  return {
    stages,
    onStage: (s) => void stages.push(s),
    onProgress: () => undefined,
    confirmOverwrite: async () => overwrite,
  };
}

function setup(options: Parameters<typeof fakeExcel>[0] = {}) {
  const f = fakeExcel(options);
  const uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, f.host);
  const host = createExcelHost();
  const deps = { host, runner: createInlineClient() };
  return { ...f, testHost: f.host, host, deps, uninstall };
}

/** Polls until the condition holds: events and the client's clean-up requests land after the call returns. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

test("clustering iris writes the labels beside the data, the results sheet, its table and charts", async () => {
  const { workbook, deps, host, uninstall } = setup();
  cleanup = uninstall;
  loadSample(workbook, "iris");
  workbook.select("Iris", "A1:D151");
  expect(await host.getSelection()).toEqual({
    address: "Iris!A1:D151",
    sheetName: "Iris",
    rowCount: 151,
    columnCount: 4,
    areaCount: 1,
  });
  const signal = new AbortController().signal;
  const options: PaneOptions = { ...DEFAULT_OPTIONS };
  const checked = await readAndCheck(deps, options, events(), signal);
  if ("status" in checked) throw new Error("declined");
  const done = await fitAndWrite(deps, checked, options, 3, events(), signal);

  const iris = workbook.sheet("Iris");
  const labels = workbook
    .valuesOf(iris, { row: 0, column: 4, rowCount: 151, columnCount: 1 })
    .map((r) => r[0]);
  expect(labels[0]).toBe("Cluster");
  expect(new Set(labels.slice(1))).toEqual(new Set([1, 2, 3]));
  expect(done.report.labelAddress).toBe("Iris!E1:E151");
  expect(done.report.resultsSheet).toBe("K-Means Results");
  expect(workbook.tables).toHaveLength(1);
  expect(workbook.tables[0].headers.slice(0, 4)).toEqual([
    "Cluster",
    "Size",
    "Share of rows",
    "Within-cluster SS (scaled)",
  ]);
  expect(workbook.tables[0].renamedHeaders).toEqual([]);
  expect(done.report.chartsSkipped).toEqual([]);
  expect(workbook.charts.map((c) => c.name)).toEqual(["Silhouette by cluster", "Cluster scatter"]);
  expect(await host.loadRunRecord()).toMatchObject({ sourceAddress: "Iris!A1:D151" });
  expect(workbook.unsupported).toEqual([]);
});

test("choosing k on the customers draws the four charts from the results sheet's cells", async () => {
  const { workbook, deps, uninstall } = setup();
  cleanup = uninstall;
  loadSample(workbook, "customers");
  workbook.select("Customers", "A1:E501");
  const signal = new AbortController().signal;
  const options: PaneOptions = { ...DEFAULT_OPTIONS, chooseK: true };
  const checked = await readAndCheck(deps, options, events(), signal);
  if ("status" in checked) throw new Error("declined");
  const sw = await sweep(deps, checked, options, events(), signal);
  await fitAndWrite(deps, checked, options, sw.bestSilhouetteK ?? 4, events(), signal, sw);
  expect(workbook.charts.map((c) => [c.name, c.type, c.series.length])).toEqual([
    ["Elbow", "XYScatterLines", 2],
    ["Silhouette by k", "XYScatterLines", 2],
    ["Silhouette by cluster", "ColumnClustered", 1],
    ["Cluster scatter", "XYScatter", (sw.bestSilhouetteK ?? 4) + 1],
  ]);
  for (const chart of workbook.charts) {
    for (const s of chart.series) {
      expect(s.values && workbook.addressOf(s.values)).toMatch(/^'K-Means Results'!/);
      expect(s.xValues && workbook.addressOf(s.xValues)).toMatch(/^'K-Means Results'!/);
    }
  }
  expect(workbook.unsupported).toEqual([]);
});

test("the pane follows the selection through one handler in Microsoft's client, gone once unsubscribed", async () => {
  const { workbook, host, testHost, uninstall } = setup();
  cleanup = uninstall;
  loadSample(workbook, "iris");
  const seen: string[] = [];
  expect(testHost.client.selectionHandlers()).toBe(0);
  const unsubscribe = await host.onSelectionChanged((info) => seen.push(info.address));
  expect(testHost.client.selectionHandlers()).toBe(1);
  workbook.select("Iris", "A1:D151");
  await until(() => seen.length === 1);
  expect(seen).toEqual(["Iris!A1:D151"]);
  unsubscribe();
  await until(() => testHost.client.selectionHandlers() === 0);
});

test("a non-empty label column is left alone when the user keeps their cells", async () => {
  const { workbook, deps, uninstall } = setup();
  cleanup = uninstall;
  loadSample(workbook, "iris");
  workbook.setValues("Iris", "E10", [["note"]]);
  workbook.select("Iris", "A1:D151");
  const before = workbook.digest();
  const checked = await readAndCheck(
    deps,
    { ...DEFAULT_OPTIONS },
    events(false),
    new AbortController().signal,
  );
  expect(checked).toMatchObject({
    status: "declined",
    target: { address: "Iris!E1:E151", nonEmptyCount: 1 },
  });
  expect(workbook.digest()).toBe(before);
  expect(workbook.addinWrites()).toEqual([]);
});

test("on Excel without ExcelApi 1.9 the add-in reads the selection with getSelectedRange", async () => {
  const { workbook, deps, host, uninstall } = setup({ requirements: { ExcelApi: "1.8" } });
  cleanup = uninstall;
  loadSample(workbook, "iris");
  workbook.select("Iris", "A1:D151");
  expect(await host.getSelection()).toMatchObject({ address: "Iris!A1:D151", areaCount: 1 });
  const signal = new AbortController().signal;
  const checked = await readAndCheck(deps, { ...DEFAULT_OPTIONS }, events(), signal);
  if ("status" in checked) throw new Error("declined");
  const done = await fitAndWrite(deps, checked, { ...DEFAULT_OPTIONS }, 3, events(), signal);
  expect(done.report.labelAddress).toBe("Iris!E1:E151");
  expect(done.report.chartsSkipped).toEqual([]);
  expect(workbook.unsupported).toEqual([]);
  // A multi-area selection is refused by getSelectedRange itself, with Excel's code.
  workbook.select("Iris", "A1:B2,D1:D3");
  await expect(host.getSelection()).rejects.toMatchObject({ code: "InvalidSelection" });
});

test.each(["web", "windows"] as const)(
  "iris on a build refusing series markers (%s): charts drawn plain, labels written with calculation suspended, notes wrapped",
  async (platform) => {
    const { workbook, deps, uninstall } = setup({ platform });
    cleanup = uninstall;
    loadSample(workbook, "iris");
    workbook.failingMembers.add("ChartSeries.markerStyle");
    workbook.failingMembers.add("ChartSeries.markerSize");
    workbook.select("Iris", "A1:D151");
    const signal = new AbortController().signal;
    const checked = await readAndCheck(deps, { ...DEFAULT_OPTIONS }, events(), signal);
    if ("status" in checked) throw new Error("declined");
    const done = await fitAndWrite(deps, checked, { ...DEFAULT_OPTIONS }, 3, events(), signal);
    expect(done.report.chartsSkipped).toEqual([]);
    expect(workbook.charts.map((c) => c.name)).toEqual(["Silhouette by cluster", "Cluster scatter"]);
    expect(workbook.charts[1].series.every((s) => s.markerSize === null)).toBe(true);
    expect(done.report.warnings.some((w) => w.startsWith("Chart drawn without its markers: "))).toBe(true);
    const labels = workbook.addinWrites().filter((w) => w.kind === "values" && w.target.startsWith("Iris!"));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((w) => w.calculation === "suspended")).toBe(true);
    const results = workbook.sheet("K-Means Results");
    expect(results.columnWidths.get(0)).toBeLessThanOrEqual(200);
    expect(results.wrapped.size).toBeGreaterThan(0);
    expect(workbook.unsupported).toEqual([]);
  },
);
