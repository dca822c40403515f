/**
 * Writing through the strict fake in fakeExcel.ts, which parses strings written into General cells the
 * way Excel does (so a header "=..." would turn into a formula unless its cell is Text first).
 */
import { prepareData } from "../../src/excel/prepare";
import type { PreparedData, WriteRequest } from "../../src/excel/types";
import { buildResultsLayout, NOTE_COLUMN_WIDTH } from "../../src/excel/resultsLayout";
import { checkLabelTarget, writeResults } from "../../src/excel/write";
import { installGlobals } from "../host/office";
import { fakeExcel } from "../host/testHost";
import { FakeContext } from "./fakeExcel";
import { fitFor, rawFrom, recordFor } from "./fixtures";

/** Header "=SUM(A1)" and "Weight" over n rows; row 3 (data row 2) has a blank, so it is skipped. */
function setup(n = 6, options = {}) {
  const values: unknown[][] = [["=SUM(A1)", "Weight"]];
  for (let i = 0; i < n; i++) values.push([i, i === 2 ? "" : i * 2]);
  const fake = new FakeContext(options);
  const sheet = fake.addSheet("Data").fill(values);
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
  return { fake, sheet, ctx: fake.asContext(), prepared, request, values };
}

function expectedLabels(prepared: PreparedData): unknown[][] {
  const out: unknown[][] = [["Cluster"]];
  for (let i = 0; i < prepared.dataRowCount; i++) out.push([""]);
  prepared.rows.forEach((r, j) => (out[r + 1][0] = (j % 2) + 1));
  return out;
}

test("labels go beside the data, counted from 1, blank for skipped rows", async () => {
  const { fake, ctx, prepared, request } = setup();
  const report = await writeResults(ctx, request);
  expect(report.labelAddress).toBe("Data!C1:C7");
  expect(fake.grid("Data", 0, 2, 7, 1)).toEqual(expectedLabels(prepared));
  expect(fake.grid("Data", 3, 2, 1, 1)).toEqual([[""]]);
  expect(report.resultsSheet).toBe("K-Means Results");
  expect(report.warnings.some((w) => w.includes("Data!B4"))).toBe(true);
});

test("the user's sheet gets values only: no number formats, no formatting", async () => {
  const { fake, ctx, request } = setup();
  await writeResults(ctx, request);
  const onData = fake.syncs.flatMap((s) => s.calls).filter((c) => c.startsWith("Data["));
  const reads = (c: string) => c.includes(".load(") || c.endsWith(".isNullObject");
  expect(onData.filter((c) => !c.endsWith(".values=") && !reads(c))).toEqual([]);
  for (const cell of fake.sheet("Data").cells.values()) expect(cell.format).toBe("General");
});

test('a header beginning with "=" ends up as text on the results sheet', async () => {
  const { fake, ctx, request } = setup();
  await writeResults(ctx, request);
  const results = fake.sheet("K-Means Results");
  const header = [...results.cells.values()].filter((c) => c.value === "=SUM(A1)");
  expect(header.length).toBeGreaterThanOrEqual(1);
  for (const cell of header) expect(cell).toEqual({ value: "=SUM(A1)", type: "String", format: "@" });
  expect([...results.cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
  expect(results.tables).toHaveLength(1);
  // "Feature columns" starts with "=" too.
  expect([...results.cells.values()].some((c) => c.value === "=SUM(A1), Weight" && c.type === "String")).toBe(
    true,
  );
});

test("the fake parses like Excel: without the Text format the header would have run", async () => {
  const fake = new FakeContext();
  fake.addSheet("S");
  const ws = fake.asContext().workbook.worksheets.getItem("S");
  ws.getRangeByIndexes(0, 0, 1, 2).values = [["=SUM(A1)", "12"]];
  await fake.sync();
  expect(fake.sheet("S").get(0, 0)).toMatchObject({ type: "Error", formula: "=SUM(A1)" });
  expect(fake.sheet("S").get(0, 1)).toMatchObject({ value: 12, type: "Double" });
});

test("a second run gets a new results sheet", async () => {
  const { fake, ctx, request } = setup();
  fake.addSheet("K-Means Results");
  const report = await writeResults(ctx, request);
  expect(report.resultsSheet).toBe("K-Means Results (2)");
  expect(fake.sheet("K-Means Results").cells.size).toBe(0);
});

describe("a non-empty label column", () => {
  test("is reported with its count", async () => {
    const { sheet, ctx, prepared } = setup();
    expect(await checkLabelTarget(ctx, prepared)).toEqual({
      address: "Data!C1:C7",
      empty: true,
      nonEmptyCount: 0,
    });
    sheet.fill([["note"], [null], [5]], 2, 2);
    expect(await checkLabelTarget(ctx, prepared)).toEqual({
      address: "Data!C1:C7",
      empty: false,
      nonEmptyCount: 2,
    });
  });

  test("is refused without agreement, and nothing is written", async () => {
    const { fake, sheet, ctx, request } = setup();
    sheet.fill([["old"]], 5, 2);
    const before = JSON.stringify([...sheet.cells]);
    await expect(writeResults(ctx, request)).rejects.toMatchObject({
      code: "LABEL_COLUMN_NOT_EMPTY",
      message:
        "The label column Data!C1:C7 already holds 1 cell: agree to overwrite them, or make room to the right of the data.",
    });
    expect(JSON.stringify([...sheet.cells])).toBe(before);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Data"]);
    const writes = fake.syncs.flatMap((s) => s.calls).filter((c) => /=$|add/.test(c));
    expect(writes).toEqual([]);
  });

  test("is overwritten with agreement, clearing old labels of skipped rows", async () => {
    const { fake, sheet, ctx, request, prepared } = setup();
    sheet.fill([["Cluster"], [9], [9], [9]], 0, 2);
    await writeResults(ctx, { ...request, overwrite: true });
    expect(fake.grid("Data", 0, 2, 7, 1)).toEqual(expectedLabels(prepared));
  });
});

test("labels are written in row blocks", async () => {
  const { fake, ctx, request, prepared } = setup(24);
  await writeResults(ctx, request, { maxCellsPerBlock: 10 });
  const labelCalls = fake.calls.filter(
    (c) => c.startsWith("getRangeByIndexes(Data,") && c.endsWith(",2,10,1)"),
  );
  expect(labelCalls).toEqual(["getRangeByIndexes(Data,0,2,10,1)", "getRangeByIndexes(Data,10,2,10,1)"]);
  expect(fake.calls).toContain("getRangeByIndexes(Data,20,2,5,1)");
  expect(fake.grid("Data", 0, 2, 25, 1)).toEqual(expectedLabels(prepared));
});

test("a payload error while writing forces smaller blocks; the refused block changed nothing", async () => {
  const { fake, ctx, request, prepared } = setup(30, { maxCellsPerRequest: 12 });
  const report = await writeResults(ctx, request, { maxCellsPerBlock: 20 });
  expect(fake.syncs.some((s) => s.failed)).toBe(true);
  expect(fake.grid("Data", 0, 2, 31, 1)).toEqual(expectedLabels(prepared));
  expect(fake.sheet(report.resultsSheet).tables).toHaveLength(1);
  // The first label block (20 rows) was refused, then written as 10-row blocks.
  const labelBlocks = fake.calls.filter(
    (c) => c.startsWith("getRangeByIndexes(Data,") && /,2,\d+,1\)$/.test(c),
  );
  expect(labelBlocks.slice(-5)).toEqual([
    "getRangeByIndexes(Data,0,2,20,1)",
    "getRangeByIndexes(Data,0,2,10,1)",
    "getRangeByIndexes(Data,10,2,10,1)",
    "getRangeByIndexes(Data,20,2,10,1)",
    "getRangeByIndexes(Data,30,2,1,1)",
  ]);
});

test("no room right of the data", async () => {
  const raw = rawFrom([["X"], [1], [2]], { sheetName: "S", firstColumn: 16383 });
  const prepared = prepareData(raw);
  const fake = new FakeContext();
  fake.addSheet("S");
  await expect(checkLabelTarget(fake.asContext(), prepared)).rejects.toMatchObject({
    code: "NO_ROOM_FOR_LABELS",
  });
});

test("a label count that does not match the rows is refused before writing", async () => {
  const { fake, ctx, request } = setup();
  const fit = { ...request.fit, labels: new Int32Array(2) };
  await expect(writeResults(ctx, { ...request, fit })).rejects.toMatchObject({
    code: "LABEL_COUNT_MISMATCH",
  });
  expect(fake.syncs).toHaveLength(0);
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
