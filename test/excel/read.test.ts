/**
 * Reading the selection through Microsoft's Excel client on the test workbook (test/host): a property read
 * before load+sync throws there (the client's PropertyNotLoaded), and a request or response over a payload
 * limit fails whole.
 */
import { isWorkbookError } from "../../src/excel/errors";
import { prepareData } from "../../src/excel/prepare";
import {
  HIDDEN_PROBES_PER_SYNC,
  MULTI_AREA_MESSAGE,
  readRangeAt,
  readSelectedRange,
  readSelectionInfo,
  type ReadOptions,
} from "../../src/excel/read";
import type { ServerOptions } from "../host/server/protocol";
import { fakeExcel } from "../host/testHost";
import type { Platform } from "../host/workbook";
import { recordRangeCalls, runSettled } from "./testWorkbook";

function table(rows: number, cols: number): unknown[][] {
  const header = Array.from({ length: cols }, (_, c) => `F${c + 1}`);
  const body = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * 10 + c));
  return [header, ...body];
}

/** As table, with numbers of 17 significant digits: about 28 bytes a cell read with its type. */
function wide(rows: number, cols: number): unknown[][] {
  const [header, ...body] = table(rows, cols);
  return [header, ...body.map((line, r) => line.map((_, c) => r + (c + 1) / 7))];
}

/** A workbook whose Sheet1 holds values from A1, and the add-in's getRangeByIndexes calls. */
function workbook(values: unknown[][], options: ServerOptions = {}) {
  const f = fakeExcel(options);
  f.workbook.setValues("Sheet1", "A1", values);
  const calls = recordRangeCalls(f);
  return { ...f, calls, select: (areas: string) => f.workbook.select("Sheet1", areas) };
}

describe("selection info", () => {
  test("one area", async () => {
    const { select, run } = workbook(table(3, 2));
    select("A1:B4");
    expect(await run((ctx) => readSelectionInfo(ctx))).toEqual({
      address: "Sheet1!A1:B4",
      sheetName: "Sheet1",
      rowCount: 4,
      columnCount: 2,
      areaCount: 1,
    });
  });

  test("several areas are counted, and reading them is refused", async () => {
    const { select, run } = workbook(table(3, 2));
    select("A1:B2,D6:D7");
    const info = await run((ctx) => readSelectionInfo(ctx));
    expect(info.areaCount).toBe(2);
    // RangeAreas.address lists the areas with ", " between them ("Sheet1!A1:B4, Sheet1!D1:D4",
    // Excel.RangeAreas.address, https://learn.microsoft.com/javascript/api/excel/excel.rangeareas).
    expect(info.address).toBe("Sheet1!A1:B2, Sheet1!D6:D7");
    await expect(run((ctx) => readSelectedRange(ctx))).rejects.toThrow(MULTI_AREA_MESSAGE);
    const e = await run((ctx) => readSelectedRange(ctx)).catch((x: unknown) => x);
    expect(isWorkbookError(e) && e.code).toBe("MULTI_AREA");
  });

  test("without ExcelApi 1.9 the single selected range is used", async () => {
    const { select, run } = workbook(table(3, 2));
    select("A2:B4");
    expect(await run((ctx) => readSelectionInfo(ctx, { multiAreaApi: false }))).toMatchObject({
      address: "Sheet1!A2:B4",
      areaCount: 1,
    });
    const raw = await run((ctx) => readSelectedRange(ctx, { multiAreaApi: false }));
    expect(raw.values).toEqual(table(3, 2).slice(1));
  });
});

describe("reading the selection", () => {
  test("values and types, in row blocks", async () => {
    const values = table(24, 4);
    const { select, run, calls } = workbook(values);
    select("A1:D25");
    const raw = await run((ctx) => readSelectedRange(ctx, { maxCellsPerBlock: 40 }));
    expect(raw.values).toEqual(values);
    expect(raw.valueTypes[0]).toEqual(["String", "String", "String", "String"]);
    expect(raw.valueTypes[1]).toEqual(["Double", "Double", "Double", "Double"]);
    expect(raw).toMatchObject({ address: "Sheet1!A1:D25", sheetName: "Sheet1", firstRow: 0, firstColumn: 0 });
    expect(calls).toEqual(["0,0,10,4", "10,0,10,4", "20,0,5,4"]);
    expect(raw.hiddenRows).toEqual(new Array(25).fill(false));
  });

  test("a whole-column selection is trimmed to the used range", async () => {
    const { workbook: wb, select, run, calls } = workbook([]);
    wb.setValues("Sheet1", "B3", table(5, 2));
    select("A1:D1048576");
    const raw = await run((ctx) => readSelectedRange(ctx));
    expect(raw.address).toBe("Sheet1!B3:C8");
    expect(raw).toMatchObject({ firstRow: 2, firstColumn: 1 });
    expect(raw.values).toEqual(table(5, 2));
    expect(calls).toEqual(["2,1,6,2"]);
  });

  test.each([true, false])(
    "an empty whole column says it has no values, beside data or on an empty sheet (ExcelApi 1.9: %s)",
    async (multiAreaApi) => {
      const beside = workbook(table(5, 2));
      beside.select("E1:E1048576");
      await expect(beside.run((ctx) => readSelectedRange(ctx, { multiAreaApi }))).rejects.toMatchObject({
        code: "EMPTY_SELECTION",
        message: "The selection Sheet1!E:E has no values: select the data to cluster.",
      });
      // An empty sheet's used range is A1, which column A contains.
      const empty = workbook([]);
      empty.select("A1:A1048576");
      await expect(empty.run((ctx) => readSelectedRange(ctx, { multiAreaApi }))).rejects.toMatchObject({
        code: "EMPTY_SELECTION",
        message: "The selection Sheet1!A:A has no values: select the data to cluster.",
      });
    },
  );

  test("whole columns are trimmed to their own values, not to the sheet's", async () => {
    const { workbook: wb, select, run } = workbook(table(9, 2));
    wb.setValues("Sheet1", "D100", [[5]]);
    select("A1:B1048576");
    const raw = await run((ctx) => readSelectedRange(ctx));
    expect(raw.address).toBe("Sheet1!A1:B10");
  });

  test("a stray value far below the data: read, and named with the blank rows above it", async () => {
    const values = table(150, 4);
    const { workbook: wb, select, run } = workbook(values);
    wb.setValues("Sheet1", "B3000", [[7]]);
    select("A1:D1048576");
    const raw = await run((ctx) => readSelectedRange(ctx, { hiddenRows: false }));
    expect(raw.address).toBe("Sheet1!A1:D3000");
    const prepared = prepareData(raw);
    expect(prepared.notices).toEqual([
      "Rows 152–2999 of Sheet1 are blank; B3000 holds 7 far below the data: clear it or select A1:D151.",
    ]);
    expect(prepared.X.rows).toBe(150);
  });

  // A read's bytes are in its response, so Excel refuses it as ResponsePayloadSizeLimitExceeded. 1,300
  // bytes: more than the locate request's response (about 860), less than 10 rows × 5 of these values with
  // their types (about 1,700), more than 5 rows (about 1,000).
  test("a payload error forces smaller blocks and the read still succeeds", async () => {
    const values = wide(39, 5);
    const { select, run, calls, host } = workbook(values, { responseLimitBytes: 1_300 });
    select("A1:E40");
    const raw = await run((ctx) => readSelectedRange(ctx, { maxCellsPerBlock: 50, hiddenRows: false }));
    expect(raw.values).toEqual(values);
    expect(host.excel.stats.failedSyncs).toBe(1);
    expect(host.excel.stats.lastError).toMatch(/^ResponsePayloadSizeLimitExceeded/);
    expect(calls.slice(0, 3)).toEqual(["0,0,10,5", "0,0,5,5", "5,0,5,5"]);
    // The refused 10-row block, then 8 blocks of 5 rows.
    expect(calls).toHaveLength(1 + 8);
  });

  test("a single row over the limit is reported, not retried forever", async () => {
    // The header row fits (about 860 bytes); a row of 40 long numbers with their types does not.
    const { select, run, host } = workbook(wide(3, 40), { responseLimitBytes: 1_000 });
    select("A1:AN4");
    await expect(run((ctx) => readSelectedRange(ctx, { hiddenRows: false }))).rejects.toMatchObject({
      code: "ResponsePayloadSizeLimitExceeded",
    });
    // All 4 rows, 2, then the header alone (which fits), then the first data row alone: refused, and reported.
    expect(host.excel.stats.failedSyncs).toBe(3);
  });

  test("the response-side refusal on two columns: the block is halved, and later blocks stay that size", async () => {
    const { select, run, calls } = workbook(wide(19, 2), { responseLimitBytes: 1_100 });
    select("A1:B20");
    const raw = await run((ctx) => readSelectedRange(ctx, { maxCellsPerBlock: 40, hiddenRows: false }));
    expect(raw.values).toEqual(wide(19, 2));
    expect(calls).toEqual(["0,0,20,2", "0,0,10,2", "10,0,10,2"]);
  });

  test("a preview reads only the first rows", async () => {
    const { select, run, calls } = workbook(table(100, 3));
    select("A1:C101");
    const raw = await run((ctx) => readSelectedRange(ctx, { maxRows: 20, hiddenRows: false }));
    expect(raw.values).toHaveLength(20);
    expect(raw.address).toBe("Sheet1!A1:C20");
    expect(calls).toEqual(["0,0,20,3"]);
  });

  test("an empty selection: small ones are read (prepare explains), large ones refused", async () => {
    const { select, run } = workbook([["x"]]);
    select("F6:G7");
    const raw = await run((ctx) => readSelectedRange(ctx));
    expect(raw.values).toEqual([
      ["", ""],
      ["", ""],
    ]);
    select("F6:H1048575");
    await expect(run((ctx) => readSelectedRange(ctx))).rejects.toMatchObject({ code: "EMPTY_SELECTION" });
  });
});

/**
 * A sheet of the table, and a read of a selection of it in Excel.run. Each read waits for the clean-up
 * request Microsoft's client sends after Excel.run (it releases the ranges the run kept), so counts of
 * requests taken between reads include it: Excel receives it.
 */
function testWorkbook(values: unknown[][], platform: Platform = "web") {
  const f = fakeExcel({ platform });
  f.workbook.setValues("Sheet1", "A1", values);
  const hide = (rows: Iterable<number>) => {
    for (const r of rows) f.workbook.sheet("Sheet1").hiddenRows.add(r);
  };
  const read = (address: string, options: ReadOptions = {}) => {
    f.workbook.select("Sheet1", address);
    return runSettled(f, (context) => readSelectedRange(context, options));
  };
  /** Requests Excel received from here on. */
  const count = () => {
    const from = f.host.excel.stats.syncs;
    return () => f.host.excel.stats.syncs - from;
  };
  return { ...f, hide, read, count };
}

/** Excel.run's clean-up request, after each read. */
const CLEAN_UP = 1;

describe.each(["web", "windows"] as const)("hidden rows, on %s", (platform) => {
  test("found by halving where a range is mixed", async () => {
    const { hide, read, count } = testWorkbook(table(63, 2), platform);
    hide([3, 4, 5, 40]);
    const requests = count();
    const raw = await read("A1:B64");
    const expected = new Array(64).fill(false);
    for (const r of [3, 4, 5, 40]) expected[r] = true;
    expect(raw.hiddenRows).toEqual(expected);
    // The locate request, the values, then one request per halving level (log2 64 = 6), not one per row;
    // and Excel.run's clean-up.
    expect(requests()).toBeLessThanOrEqual(2 + 6 + CLEAN_UP);
  });

  test("no hidden rows costs no probes; all hidden needs none either", async () => {
    const { hide, read, count } = testWorkbook(table(9, 2), platform);
    let requests = count();
    await read("A1:B10");
    // Where the range is and its values: rowHidden came with the first.
    expect(requests()).toBe(2 + CLEAN_UP);
    hide(Array.from({ length: 10 }, (_, r) => r));
    requests = count();
    const raw = await read("A1:B10");
    expect(raw.hiddenRows).toEqual(new Array(10).fill(true));
    expect(requests()).toBe(2 + CLEAN_UP);
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
    const { hide, read, host, count } = testWorkbook(table(rows - 1, 1), platform);
    hide(Array.from({ length: rows / 3 }, (_, i) => 3 * i + 1));
    const requests = count();
    const raw = await read(`A1:A${rows}`);
    expect(raw.hiddenRows?.filter(Boolean)).toHaveLength(rows / 3);
    const probeRequests = requests() - 2 - CLEAN_UP;
    // More probes than one request carries, so without untrack they would pile up across requests.
    expect(probeRequests).toBeGreaterThan(2);
    expect(host.excel.stats.maxTrackedObjects).toBeLessThanOrEqual(HIDDEN_PROBES_PER_SYNC + 10);
    // And Excel holds none of them once the run is over (read() waited for the clean-up to say so).
    expect(host.excel.stats.trackedObjects).toBe(0);
  });
});

describe("reading by address (Re-run)", () => {
  test("a quoted sheet name, read exactly", async () => {
    const { workbook: wb, run } = fakeExcel();
    wb.setValues("O'Brien's data", "B2", table(4, 2));
    const raw = await run((ctx) => readRangeAt(ctx, "'O''Brien''s data'!B2:C6"));
    expect(raw.sheetName).toBe("O'Brien's data");
    expect(raw.values).toEqual(table(4, 2));
    expect(raw).toMatchObject({ firstRow: 1, firstColumn: 1, address: "'O''Brien''s data'!B2:C6" });
  });

  test("a deleted sheet is reported by name", async () => {
    const { run } = fakeExcel();
    await expect(run((ctx) => readRangeAt(ctx, "Gone!A1:B3"))).rejects.toMatchObject({
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
    const { requests } = host.excel.stats;
    // A read's second request is its values (the first locates them, the third is the clean-up): its
    // response is what typesFromValues halves. The other two are the same either way.
    const valuesResponse = async (options: ReadOptions) => {
      const from = requests.length;
      const raw = await read("A1:C5", options);
      expect(requests.length - from).toBe(2 + CLEAN_UP);
      return { raw, bytes: requests[from + 1].responseBytes };
    };
    const { raw: exact, bytes: both } = await valuesResponse({});
    const { raw: derived, bytes: valuesOnly } = await valuesResponse({ typesFromValues: true });
    expect(exact.valueTypes).toContainEqual(["Error", "Double", "Empty"]);
    expect(derived.valueTypes).toEqual(exact.valueTypes);
    expect(derived.values).toEqual(exact.values);
    expect(valuesOnly).toBeLessThan(both * 0.75);
  });

  test("the label column's emptiness comes with the values, in no extra request", async () => {
    const { read, workbook, count } = testWorkbook(mixed, platform);
    let requests = count();
    await read("A1:C5");
    const plain = requests();
    // Where the data is, then its values, and Excel.run's clean-up.
    expect(plain).toBe(2 + CLEAN_UP);
    requests = count();
    const empty = await read("A1:C5", { labelColumn: true });
    expect(empty.labelColumnEmpty).toBe(true);
    expect(requests()).toBe(plain);
    workbook.setValues("Sheet1", "D4", [["kept"]]);
    requests = count();
    const taken = await read("A1:C5", { labelColumn: true });
    expect(taken.labelColumnEmpty).toBe(false);
    expect(requests()).toBe(plain);
    // Not asked for (or a preview): not looked at.
    expect((await read("A1:C5")).labelColumnEmpty).toBeUndefined();
    expect((await read("A1:C5", { labelColumn: true, maxRows: 2 })).labelColumnEmpty).toBeUndefined();
  });
});
