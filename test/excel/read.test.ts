/**
 * Reading through the strict fake in fakeExcel.ts (a read before load+sync throws there, and an
 * over-limit request fails whole). office-addin-mock versions of the block tests are in officeMock.test.ts.
 */
import { isWorkbookError } from "../../src/excel/errors";
import {
  HIDDEN_PROBES_PER_SYNC,
  MULTI_AREA_MESSAGE,
  readRangeAt,
  readSelectedRange,
  readSelectionInfo,
  type ReadOptions,
} from "../../src/excel/read";
import { fakeExcel } from "../host/testHost";
import type { Platform } from "../host/workbook";
import { FakeContext } from "./fakeExcel";

function table(rows: number, cols: number): unknown[][] {
  const header = Array.from({ length: cols }, (_, c) => `F${c + 1}`);
  const body = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * 10 + c));
  return [header, ...body];
}

function workbook(values: unknown[][], options = {}) {
  const fake = new FakeContext(options);
  const sheet = fake.addSheet("Sheet1").fill(values);
  return { fake, sheet, ctx: fake.asContext() };
}

describe("selection info", () => {
  test("one area", async () => {
    const { fake, ctx } = workbook(table(3, 2));
    fake.select(0, 0, 4, 2);
    expect(await readSelectionInfo(ctx)).toEqual({
      address: "Sheet1!A1:B4",
      sheetName: "Sheet1",
      rowCount: 4,
      columnCount: 2,
      areaCount: 1,
    });
  });

  test("several areas are counted, and reading them is refused", async () => {
    const { fake, ctx } = workbook(table(3, 2));
    fake.select(0, 0, 2, 2).select(5, 3, 2, 1);
    const info = await readSelectionInfo(ctx);
    expect(info.areaCount).toBe(2);
    expect(info.address).toBe("Sheet1!A1:B2,Sheet1!D6:D7");
    await expect(readSelectedRange(ctx)).rejects.toThrow(MULTI_AREA_MESSAGE);
    await readSelectedRange(ctx).catch((e) => expect(isWorkbookError(e) && e.code).toBe("MULTI_AREA"));
  });

  test("without ExcelApi 1.9 the single selected range is used", async () => {
    const { fake, ctx } = workbook(table(3, 2));
    fake.select(1, 0, 3, 2);
    expect(await readSelectionInfo(ctx, { multiAreaApi: false })).toMatchObject({
      address: "Sheet1!A2:B4",
      areaCount: 1,
    });
    const raw = await readSelectedRange(ctx, { multiAreaApi: false });
    expect(raw.values).toEqual(table(3, 2).slice(1));
  });
});

describe("reading the selection", () => {
  test("values and types, in row blocks", async () => {
    const values = table(24, 4);
    const { fake, ctx } = workbook(values);
    fake.select(0, 0, 25, 4);
    const raw = await readSelectedRange(ctx, { maxCellsPerBlock: 40 });
    expect(raw.values).toEqual(values);
    expect(raw.valueTypes[0]).toEqual(["String", "String", "String", "String"]);
    expect(raw.valueTypes[1]).toEqual(["Double", "Double", "Double", "Double"]);
    expect(raw).toMatchObject({ address: "Sheet1!A1:D25", sheetName: "Sheet1", firstRow: 0, firstColumn: 0 });
    expect(fake.calls).toEqual([
      "getRangeByIndexes(Sheet1,0,0,10,4)",
      "getRangeByIndexes(Sheet1,10,0,10,4)",
      "getRangeByIndexes(Sheet1,20,0,5,4)",
    ]);
    expect(raw.hiddenRows).toEqual(new Array(25).fill(false));
  });

  test("a whole-column selection is trimmed to the used range", async () => {
    const { fake, sheet, ctx } = workbook([]);
    sheet.fill(table(5, 2), 2, 1);
    fake.select(0, 0, 1048576, 4);
    const raw = await readSelectedRange(ctx);
    expect(raw.address).toBe("Sheet1!B3:C8");
    expect(raw).toMatchObject({ firstRow: 2, firstColumn: 1 });
    expect(raw.values).toEqual(table(5, 2));
    expect(fake.calls).toEqual(["getRangeByIndexes(Sheet1,2,1,6,2)"]);
  });

  test("a payload error forces smaller blocks and the read still succeeds", async () => {
    const values = table(39, 5);
    // Values plus types of 10 rows × 5 columns is 100 cells: over the fake's limit of 60.
    const { fake, ctx } = workbook(values, { maxCellsPerRequest: 60 });
    fake.select(0, 0, 40, 5);
    const raw = await readSelectedRange(ctx, { maxCellsPerBlock: 50, hiddenRows: false });
    expect(raw.values).toEqual(values);
    const failed = fake.syncs.filter((s) => s.failed);
    expect(failed.length).toBe(1);
    expect(fake.calls.slice(0, 3)).toEqual([
      "getRangeByIndexes(Sheet1,0,0,10,5)",
      "getRangeByIndexes(Sheet1,0,0,5,5)",
      "getRangeByIndexes(Sheet1,5,0,5,5)",
    ]);
    // The refused 10-row block, then 8 blocks of 5 rows.
    expect(fake.calls).toHaveLength(1 + 8);
  });

  test("a single row over the limit is reported, not retried forever", async () => {
    const { fake, ctx } = workbook(table(3, 40), { maxCellsPerRequest: 60 });
    fake.select(0, 0, 4, 40);
    await expect(readSelectedRange(ctx, { hiddenRows: false })).rejects.toMatchObject({
      code: "RequestPayloadSizeLimitExceeded",
    });
  });

  test("the response-side payload code is handled the same way", async () => {
    const { fake, ctx } = workbook(table(19, 2), {
      maxCellsPerRequest: 30,
      payloadErrorCode: "ResponsePayloadSizeLimitExceeded",
    });
    fake.select(0, 0, 20, 2);
    const raw = await readSelectedRange(ctx, { maxCellsPerBlock: 40, hiddenRows: false });
    expect(raw.values).toEqual(table(19, 2));
  });

  test("a preview reads only the first rows", async () => {
    const { fake, ctx } = workbook(table(100, 3));
    fake.select(0, 0, 101, 3);
    const raw = await readSelectedRange(ctx, { maxRows: 20, hiddenRows: false });
    expect(raw.values).toHaveLength(20);
    expect(raw.address).toBe("Sheet1!A1:C20");
    expect(fake.calls).toEqual(["getRangeByIndexes(Sheet1,0,0,20,3)"]);
  });

  test("an empty selection: small ones are read (prepare explains), large ones refused", async () => {
    const { fake, ctx } = workbook([["x"]]);
    fake.select(5, 5, 2, 2);
    const raw = await readSelectedRange(ctx);
    expect(raw.values).toEqual([
      ["", ""],
      ["", ""],
    ]);
    fake.selection = [];
    fake.select(5, 5, 1048570, 3);
    await expect(readSelectedRange(ctx)).rejects.toMatchObject({ code: "EMPTY_SELECTION" });
  });
});

/** The test workbook (test/host) with a sheet of the table, and its Excel.run. */
function testWorkbook(values: unknown[][], platform: Platform = "web") {
  const f = fakeExcel({ platform });
  f.workbook.setValues("Sheet1", "A1", values as (string | number)[][]);
  const hide = (rows: Iterable<number>) => {
    for (const r of rows) f.workbook.sheet("Sheet1").hiddenRows.add(r);
  };
  const read = (address: string, options: ReadOptions = {}) => {
    f.workbook.select("Sheet1", address);
    return f.run((context) => readSelectedRange(context, options));
  };
  return { ...f, hide, read };
}

describe.each(["web", "windows"] as const)("hidden rows, on %s", (platform) => {
  test("found by halving where a range is mixed", async () => {
    const { hide, read, host } = testWorkbook(table(63, 2), platform);
    hide([3, 4, 5, 40]);
    const raw = await read("A1:B64");
    const expected = new Array(64).fill(false);
    for (const r of [3, 4, 5, 40]) expected[r] = true;
    expect(raw.hiddenRows).toEqual(expected);
    // The locate request, the values, then one request per halving level (log2 64 = 6), not one per row.
    expect(host.excel.stats.syncs).toBeLessThanOrEqual(2 + 6);
  });

  test("no hidden rows costs no probes; all hidden needs none either", async () => {
    const { hide, read, host } = testWorkbook(table(9, 2), platform);
    await read("A1:B10");
    // Where the range is and its values: rowHidden came with the first.
    expect(host.excel.stats.syncs).toBe(2);
    hide(Array.from({ length: 10 }, (_, r) => r));
    const raw = await read("A1:B10");
    expect(raw.hiddenRows).toEqual(new Array(10).fill(true));
    expect(host.excel.stats.syncs).toBe(4);
  });

  test("too fragmented to look up: hiddenRows is left out", async () => {
    const { hide, read } = testWorkbook(table(99, 2), platform);
    hide(Array.from({ length: 50 }, (_, i) => 2 * i + 1));
    const raw = await read("A1:B100", { maxHiddenProbes: 50 });
    expect(raw.hiddenRows).toBeUndefined();
    const full = await read("A1:B100");
    expect(full.hiddenRows?.filter(Boolean)).toHaveLength(50);
  });

  test("the probes are untracked once read, so Excel never holds more than a request's worth", async () => {
    // Every third row hidden: mixed down to single rows, thousands of probes in all.
    const rows = 6_000;
    const { hide, read, host } = testWorkbook(table(rows - 1, 1), platform);
    hide(Array.from({ length: rows / 3 }, (_, i) => 3 * i + 1));
    const syncsBefore = host.excel.stats.syncs;
    const raw = await read(`A1:A${rows}`);
    expect(raw.hiddenRows?.filter(Boolean)).toHaveLength(rows / 3);
    const probeRequests = host.excel.stats.syncs - syncsBefore - 2;
    // More probes than one request carries, so without untrack they would pile up across requests.
    expect(probeRequests).toBeGreaterThan(2);
    expect(host.excel.stats.maxTrackedObjects).toBeLessThanOrEqual(HIDDEN_PROBES_PER_SYNC + 10);
    // And Excel holds none of them once the run is over.
    expect(host.excel.stats.trackedObjects).toBe(0);
  });
});

describe("reading by address (Re-run)", () => {
  test("a quoted sheet name, read exactly", async () => {
    const fake = new FakeContext();
    fake.addSheet("Sheet1");
    fake.addSheet("O'Brien's data").fill(table(4, 2), 1, 1);
    const raw = await readRangeAt(fake.asContext(), "'O''Brien''s data'!B2:C6");
    expect(raw.sheetName).toBe("O'Brien's data");
    expect(raw.values).toEqual(table(4, 2));
    expect(raw).toMatchObject({ firstRow: 1, firstColumn: 1, address: "'O''Brien''s data'!B2:C6" });
  });

  test("a deleted sheet is reported by name", async () => {
    const fake = new FakeContext();
    fake.addSheet("Sheet1");
    await expect(readRangeAt(fake.asContext(), "Gone!A1:B3")).rejects.toMatchObject({
      code: "SOURCE_NOT_FOUND",
      message: 'The sheet "Gone" of Gone!A1:B3 no longer exists: select the data and cluster it again.',
    });
  });
});

describe.each(["web", "mac"] as const)("one read where one suffices, on %s", (platform) => {
  const mixed = [
    ["name", "x", "flag"],
    ["a", 1.5, true],
    ["", 2, false],
    ["#N/A", -3, ""],
    ["b", "#DIV/0!", "text"],
  ];

  test("types told from the values are the types Excel reports, for half the bytes", async () => {
    const { read, host } = testWorkbook(mixed, platform);
    const before = host.excel.stats.totalResponseBytes;
    const exact = await read("A1:C5");
    const both = host.excel.stats.totalResponseBytes - before;
    const derived = await read("A1:C5", { typesFromValues: true });
    const valuesOnly = host.excel.stats.totalResponseBytes - before - both;
    expect(exact.valueTypes).toContainEqual(["Error", "Double", "Empty"]);
    expect(derived.valueTypes).toEqual(exact.valueTypes);
    expect(derived.values).toEqual(exact.values);
    expect(valuesOnly).toBeLessThan(both * 0.75);
  });

  test("the label column's emptiness comes with the values, in no extra request", async () => {
    const { read, host, workbook } = testWorkbook(mixed, platform);
    let syncs = host.excel.stats.syncs;
    const empty = await read("A1:C5", { labelColumn: true });
    expect(empty.labelColumnEmpty).toBe(true);
    expect(host.excel.stats.syncs - syncs).toBe(2);
    workbook.setValues("Sheet1", "D4", [["kept"]]);
    syncs = host.excel.stats.syncs;
    const taken = await read("A1:C5", { labelColumn: true });
    expect(taken.labelColumnEmpty).toBe(false);
    expect(host.excel.stats.syncs - syncs).toBe(2);
    // Not asked for (or a preview): not looked at.
    expect((await read("A1:C5")).labelColumnEmpty).toBeUndefined();
    expect((await read("A1:C5", { labelColumn: true, maxRows: 2 })).labelColumnEmpty).toBeUndefined();
  });
});
