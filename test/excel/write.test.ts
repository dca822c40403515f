/**
 * Writing through Microsoft's Excel client on the test workbook (test/host), which parses strings written
 * into General cells the way Excel does (so a header "=..." would turn into a formula unless its cell is
 * Text first).
 */
import { prepareData } from "../../src/excel/prepare";
import type { PreparedData, WriteRequest } from "../../src/excel/types";
import { buildResultsLayout, NOTE_COLUMN_WIDTH } from "../../src/excel/resultsLayout";
import { checkLabelTarget, writeResults } from "../../src/excel/write";
import { installGlobals } from "../host/office";
import type { ServerOptions } from "../host/server/protocol";
import { fakeExcel } from "../host/testHost";
import type { Cell, Sheet } from "../host/workbook";
import { fitFor, rawFrom, recordFor } from "./fixtures";
import { recordRangeCalls, runSettled } from "./testWorkbook";

/** Header "=SUM(A1)" and "Weight" over n rows; row 3 (data row 2) has a blank, so it is skipped. */
function setup(n = 6, options: ServerOptions = {}) {
  const values: unknown[][] = [["=SUM(A1)", "Weight"]];
  for (let i = 0; i < n; i++) values.push([i, i === 2 ? "" : i * 2]);
  // Without the Office global, as the add-in's functions are called here: no requirement set is asked
  // for, so calculation is not suspended and no chart is drawn (the tests below the line install it).
  const f = fakeExcel({ sheets: ["Data"], ...options });
  // The user's own sheet, as typed: the header's "=SUM(A1)" is a formula there.
  f.workbook.setValues("Data", "A1", values);
  const raw = rawFrom(values, { sheetName: "Data" });
  raw.address = `Data!A1:B${n + 1}`;
  const prepared = prepareData(raw);
  const labels = Array.from({ length: prepared.X.rows }, (_, i) => i % 2);
  const request: WriteRequest = {
    prepared,
    fit: fitFor(prepared, labels, 2),
    record: recordFor(prepared),
    overwrite: false,
  };
  const data = f.workbook.sheet("Data");
  /** Values of the Data sheet, "" for empty cells. */
  const grid = (row: number, column: number, rowCount: number, columnCount: number) =>
    f.workbook.valuesOf(data, { row, column, rowCount, columnCount });
  return { ...f, data, grid, prepared, request, values };
}

function expectedLabels(prepared: PreparedData): unknown[][] {
  const out: unknown[][] = [["Cluster"]];
  for (let i = 0; i < prepared.dataRowCount; i++) out.push([""]);
  prepared.rows.forEach((r, j) => (out[r + 1][0] = (j % 2) + 1));
  return out;
}

/** Every cell a sheet holds, with its "row,column". */
function cellsOf(sheet: Sheet): [string, Cell][] {
  const out: [string, Cell][] = [];
  for (const [r, line] of sheet.rows) line.forEach((cell, c) => cell && out.push([`${r},${c}`, cell]));
  return out;
}

test("labels go beside the data, counted from 1, blank for skipped rows", async () => {
  const { run, grid, prepared, request } = setup();
  const report = await run((ctx) => writeResults(ctx, request));
  expect(report.labelAddress).toBe("Data!C1:C7");
  expect(grid(0, 2, 7, 1)).toEqual(expectedLabels(prepared));
  expect(grid(3, 2, 1, 1)).toEqual([[""]]);
  expect(report.resultsSheet).toBe("K-Means Results");
  expect(report.warnings.some((w) => w.includes("Data!B4"))).toBe(true);
});

test("the user's sheet gets values only: no number formats, no formatting", async () => {
  const { run, workbook, data, request } = setup();
  await run((ctx) => writeResults(ctx, request));
  const onData = workbook.addinWrites().filter((w) => w.target.startsWith("Data!"));
  expect(onData.length).toBeGreaterThan(0);
  expect(onData.filter((w) => w.kind !== "values")).toEqual([]);
  for (const [, cell] of cellsOf(data)) expect(cell.fmt).toBeUndefined();
  expect([data.bold.size, data.wrapped.size, data.columnWidths.size]).toEqual([0, 0, 0]);
});

test('a header beginning with "=" ends up as text on the results sheet', async () => {
  const { run, workbook, request } = setup();
  await run((ctx) => writeResults(ctx, request));
  const results = workbook.sheet("K-Means Results");
  const cells = cellsOf(results).map(([, cell]) => cell);
  const header = cells.filter((c) => c.v === "=SUM(A1)");
  expect(header.length).toBeGreaterThanOrEqual(1);
  for (const cell of header) expect(cell).toEqual({ v: "=SUM(A1)", t: "String", fmt: "@" });
  expect(cells.filter((c) => c.f !== undefined)).toEqual([]);
  expect(workbook.tables.filter((t) => t.sheetId === results.id)).toHaveLength(1);
  // "Feature columns" starts with "=" too.
  expect(cells.some((c) => c.v === "=SUM(A1), Weight" && c.t === "String")).toBe(true);
});

test("the test workbook parses like Excel: without the Text format the header would have run", async () => {
  const { run, workbook } = fakeExcel({ sheets: ["S"] });
  await run(async (ctx) => {
    ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 2).values = [["=SUM(A1)", "12"]];
    await ctx.sync();
  });
  // A formula (the test workbook does not calculate worksheet functions: #NAME?), and a number.
  expect(workbook.sheet("S").get(0, 0)).toMatchObject({ t: "Error", f: "=SUM(A1)" });
  expect(workbook.sheet("S").get(0, 1)).toMatchObject({ v: 12, t: "Double" });
});

test("a second run gets a new results sheet", async () => {
  const { run, workbook, request } = setup();
  workbook.addSheet("K-Means Results", "user");
  const report = await run((ctx) => writeResults(ctx, request));
  expect(report.resultsSheet).toBe("K-Means Results (2)");
  expect(workbook.sheet("K-Means Results").rows.size).toBe(0);
});

describe("a non-empty label column", () => {
  test("is reported with its count", async () => {
    const { run, workbook, prepared } = setup();
    expect(await run((ctx) => checkLabelTarget(ctx, prepared))).toMatchObject({
      address: "Data!C1:C7",
      empty: true,
      nonEmptyCount: 0,
      sample: [],
      ownOutput: false,
    });
    workbook.setValues("Data", "C3", [["note"], [null], [5]]);
    expect(await run((ctx) => checkLabelTarget(ctx, prepared))).toMatchObject({
      address: "Data!C1:C7",
      empty: false,
      nonEmptyCount: 2,
      // What an overwrite would lose, for the dialog.
      sample: [
        { address: "Data!C3", value: "note" },
        { address: "Data!C5", value: "5" },
      ],
      ownOutput: false,
    });
  });

  test("is refused without agreement, and nothing is written", async () => {
    const { run, workbook, request } = setup();
    workbook.setValues("Data", "C6", [["old"]]);
    const before = workbook.digest();
    await expect(run((ctx) => writeResults(ctx, request))).rejects.toMatchObject({
      code: "LABEL_COLUMN_NOT_EMPTY",
      message:
        "The label column Data!C1:C7 holds data in cell C6: nothing was written. Agree to overwrite them, or make room to the right of the data.",
    });
    expect(workbook.digest()).toBe(before);
    expect(workbook.sheets.map((s) => s.name)).toEqual(["Data"]);
    expect(workbook.addinWrites()).toEqual([]);
  });

  test("is overwritten with agreement, clearing old labels of skipped rows", async () => {
    const { run, workbook, grid, request, prepared } = setup();
    workbook.setValues("Data", "C1", [["Cluster"], [9], [9], [9]]);
    await run((ctx) => writeResults(ctx, { ...request, overwrite: true }));
    expect(grid(0, 2, 7, 1)).toEqual(expectedLabels(prepared));
  });
});

/** The Data sheet's label writes Excel carried out, by address, in order. */
const labelWrites = (f: ReturnType<typeof setup>) =>
  f.workbook
    .addinWrites()
    .filter((w) => w.kind === "values" && w.target.startsWith("Data!"))
    .map((w) => w.target);

test("labels are written in row blocks", async () => {
  const f = setup(24);
  await f.run((ctx) => writeResults(ctx, f.request, { maxCellsPerBlock: 10 }));
  expect(labelWrites(f)).toEqual(["Data!C1:C10", "Data!C11:C20", "Data!C21:C25"]);
  expect(f.grid(0, 2, 25, 1)).toEqual(expectedLabels(f.prepared));
});

// Excel refuses a request over its payload limit before running any of it. The limit (15,000 bytes) is
// under a block of 4,000 labels (about 19,000 bytes) and over one of 2,000 (about 10,500), and over the
// results sheet's largest request that cannot be split (its table and formats, about 13,000 bytes).
test("a payload error while writing forces smaller blocks; the refused block changed nothing", async () => {
  const f = setup(6_000, { requestLimitBytes: 15_000 });
  const calls = recordRangeCalls(f);
  const report = await f.run((ctx) => writeResults(ctx, f.request, { maxCellsPerBlock: 4_000 }));
  const { stats } = f.host.excel;
  expect(stats.failedSyncs).toBeGreaterThan(0);
  expect(f.grid(0, 2, 6_001, 1)).toEqual(expectedLabels(f.prepared));
  const results = f.workbook.sheet(report.resultsSheet);
  expect(f.workbook.tables.filter((t) => t.sheetId === results.id)).toHaveLength(1);
  // After the label column's check (its used part, one range of the column), the first label block (4,000
  // rows) was refused, then written as 2,000-row blocks.
  const labelBlocks = calls.filter((c) => /^\d+,2,\d+,1$/.test(c)).slice(1, 6);
  expect(labelBlocks).toEqual(["0,2,4000,1", "0,2,2000,1", "2000,2,2000,1", "4000,2,2000,1", "6000,2,1,1"]);
  // What Excel wrote of the labels covers each of the 6,001 cells once: nothing of the refused block.
  // (Microsoft's client sends a write of over 1,500 cells in parts, so a block may be logged as two.)
  const rows = labelWrites(f).map((a) => {
    const [, top, bottom] = /^Data!C(\d+)(?::C(\d+))?$/.exec(a)!;
    return Number(bottom ?? top) - Number(top) + 1;
  });
  expect(rows.reduce((n, r) => n + r, 0)).toBe(6_001);
  expect(stats.lastError).toMatch(/^RequestPayloadSizeLimitExceeded/);
});

test("no room right of the data", async () => {
  const raw = rawFrom([["X"], [1], [2]], { sheetName: "S", firstColumn: 16383 });
  const prepared = prepareData(raw);
  const { run } = fakeExcel({ sheets: ["S"] });
  await expect(run((ctx) => checkLabelTarget(ctx, prepared))).rejects.toMatchObject({
    code: "NO_ROOM_FOR_LABELS",
  });
});

test("a label count that does not match the rows is refused before writing", async () => {
  const f = setup();
  const fit = { ...f.request.fit, labels: new Int32Array(2) };
  await expect(runSettled(f, (ctx) => writeResults(ctx, { ...f.request, fit }))).rejects.toMatchObject({
    code: "LABEL_COUNT_MISMATCH",
  });
  // Not a request: the batch queued nothing, so Excel.run had nothing to send, not even a clean-up.
  expect(f.host.excel.stats.syncs).toBe(0);
});

/*
 * Against the test workbook (test/host), which records column widths, wrapped cells and the writes made
 * with calculation suspended, on the platform asked for.
 */
describe("on the test workbook", () => {
  const RESULTS = "K-Means Results";

  /** writeResults with the Office global installed, so requirement sets are asked of the host. */
  async function write(options: Parameters<typeof fakeExcel>[0] = {}) {
    const { values, request } = setup();
    const fx = fakeExcel(options);
    fx.workbook.setValues("Data", "A1", values);
    const uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, fx.host);
    try {
      const report = await fx.run((ctx) => writeResults(ctx, request));
      return { ...fx, report };
    } finally {
      uninstall();
    }
  }

  test.each(["web", "windows"] as const)(
    "labels are written with calculation suspended, then one recalculation before the results sheet (%s)",
    async (platform) => {
      const { workbook } = await write({ platform });
      const writes = workbook.addinWrites();
      const labels = writes.filter((w) => w.kind === "values" && w.target.startsWith("Data!"));
      expect(labels.map((w) => w.target)).toEqual(["Data!C1:C7"]);
      for (const w of labels) expect(w.calculation).toBe("suspended");
      // Suspending leaves the recalculation to the add-in: once, after the labels are in, in the results
      // sheet's request, which is not suspended (nothing depends on a new sheet's cells).
      const recalc = writes.findIndex((w) => w.target === "calculate Recalculate");
      expect(recalc).toBeGreaterThan(writes.findIndex((w) => w.target === "Data!C1:C7"));
      expect(writes.filter((w) => w.target === "calculate Recalculate")).toHaveLength(1);
      const results = writes.filter((w) => w.kind === "values" && w.target.startsWith(`'${RESULTS}'!`));
      expect(results.length).toBeGreaterThan(3);
      expect(results.every((w) => w.calculation === undefined)).toBe(true);
      expect(workbook.unsupported).toEqual([]);
    },
  );

  test("without ExcelApi 1.6 calculation is not suspended, and the labels are still written", async () => {
    const { workbook } = await write({ requirements: { ExcelApi: "1.5" } });
    const values = workbook.addinWrites().filter((w) => w.kind === "values");
    expect(values.map((w) => w.target)).toContain("Data!C1:C7");
    expect(values.every((w) => w.calculation === undefined)).toBe(true);
    expect(workbook.addinWrites().some((w) => w.kind === "calculation")).toBe(false);
  });

  test.each(["web", "mac"] as const)(
    "notes wrap in a column of fixed width; the table's other columns are autofitted (%s)",
    async (platform) => {
      const { workbook, report } = await write({ platform });
      const sheet = workbook.sheet(RESULTS);
      const layout = buildResultsLayout({ ...setup().request, labelAddress: report.labelAddress });
      const warning = layout.warnings.find((w) => w.includes("rows were left out"))!;
      expect(warning.length).toBeGreaterThan(80);
      // Column A holds the warnings and the table's first column: it keeps the notes' width, not a
      // sentence's (autofit alone would fit the whole column, office-js #5999).
      expect(sheet.columnWidths.get(0)).toBe(NOTE_COLUMN_WIDTH);
      expect(NOTE_COLUMN_WIDTH).toBeLessThan(warning.length * 3);
      const at = [...sheet.rows].find(([, line]) => line[0]?.v === warning)![0];
      expect(sheet.wrapped.has(`${at},0`)).toBe(true);
      for (const r of layout.notes)
        for (let i = 0; i < r.rowCount; i++) expect(sheet.wrapped.has(`${r.row + i},${r.column}`)).toBe(true);
      // "Within-cluster SS" (column D) holds no note: autofitted to its header, narrower than a note column.
      const d = sheet.columnWidths.get(3)!;
      expect(d).toBeGreaterThan(48);
      expect(d).toBeLessThan(NOTE_COLUMN_WIDTH);
      // Headings are not wrapped: each has its row to itself.
      for (const h of layout.headingCells) expect(sheet.wrapped.has(`${h.row},${h.column}`)).toBe(false);
    },
  );
});
