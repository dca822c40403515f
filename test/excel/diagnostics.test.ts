/**
 * Per-row diagnostics beside the labels, through Microsoft's Excel client on the test workbook: the Cluster
 * column and the five diagnostics columns are one label block, written with or without header cells, asked
 * about before a cell in any of them is overwritten, replaced unasked when they are the add-in's own from
 * the last run, and put back when a later step fails. The run record says how wide the block was.
 */
import { prepareData } from "../../src/excel/prepare";
import { DIAGNOSTIC_HEADERS } from "../../src/excel/labelColumn";
import { parseRunRecord } from "../../src/excel/settings";
import type { RunRecord, WriteRequest } from "../../src/excel/types";
import { checkLabelTarget, writeResults, type WriteOptions } from "../../src/excel/write";
import { officeError } from "../host/errors";
import { fakeExcel } from "../host/testHost";
import { fitFor, rawFrom, recordFor } from "./fixtures";

const OPTIONS: WriteOptions = { saveRecord: true, workbookProtection: true };

/** n rows of Height, Weight on Data!A:B (a header row unless header is false); the block is C:H. */
function setup(n = 8, header = true) {
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) rows.push([i, (i * 7) % 5]);
  const values = header ? [["Height", "Weight"], ...rows] : rows;
  const f = fakeExcel({ sheets: ["Data", "Notes"] });
  f.workbook.setValues("Data", "A1", values);
  const data = f.workbook.sheet("Data");
  const raw = rawFrom(values, { sheetName: "Data" });
  raw.address = `Data!A1:B${values.length}`;
  raw.sheetId = data.id;
  const prepared = prepareData(raw, { header: header ? "yes" : "no" });
  const fit = fitFor(
    prepared,
    Array.from({ length: prepared.rows.length }, (_, i) => i % 2),
    2,
  );
  const request = (over: Partial<RunRecord> = { diagnostics: true }): WriteRequest => ({
    prepared,
    fit,
    record: { ...recordFor(prepared), ...over },
    overwrite: false,
    sheetId: data.id,
  });
  const block = () =>
    f.workbook.valuesOf(data, { row: 0, column: 2, rowCount: values.length, columnCount: 6 });
  const stored = () => parseRunRecord(f.workbook.settings.get("kmeans.lastRun"));
  return { ...f, data, prepared, fit, request, block, stored, rows: values.length };
}

describe("written beside the labels", () => {
  test("with a header row: header cells, then each row's distance, silhouette, runner-up, margin, outlier", async () => {
    const f = setup();
    const report = await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    expect(report.labelAddress).toBe("Data!C1:C9");
    expect(report.diagnosticsAddress).toBe("Data!D1:H9");
    const block = f.block();
    expect(block[0]).toEqual(["Cluster", ...DIAGNOSTIC_HEADERS]);
    const d = f.fit.diagnostics;
    for (let i = 0; i < 8; i++) {
      const [label, distance, silhouette, runnerUp, margin, outlier] = block[i + 1];
      expect(label).toBe((i % 2) + 1);
      expect(distance).toBeCloseTo(d.distance[i], 12);
      expect(silhouette).toBeCloseTo(d.silhouette![i], 12);
      // Two clusters: the runner-up is the other one, counted from 1 as the labels are.
      expect(runnerUp).toBe(((i + 1) % 2) + 1);
      expect(margin).toBeCloseTo(d.margin[i], 12);
      expect(outlier).toBe(d.outlier[i] === 1);
    }
    // The record says the block is six columns wide, and its fingerprint covers them all.
    expect(f.stored()?.output).toMatchObject({ labelAddress: "Data!C1:C9", labelColumns: 6 });
    expect(f.stored()?.diagnostics).toBe(true);
  });

  test("without a header row: no header cells, the first row holds data", async () => {
    const f = setup(6, false);
    const report = await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    expect(report.diagnosticsAddress).toBe("Data!D1:H6");
    const block = f.block();
    expect(block[0][0]).toBe(1);
    expect(typeof block[0][1]).toBe("number");
    expect(typeof block[0][5]).toBe("boolean");
  });

  test("a sampled silhouette leaves the Silhouette column blank; left-out rows stay blank throughout", async () => {
    const f = setup();
    f.workbook.setValues("Data", "A4", [["n/a"]]);
    const raw = rawFrom(
      [["Height", "Weight"], ...Array.from({ length: 8 }, (_, i) => [i === 2 ? "n/a" : i, (i * 7) % 5])],
      { sheetName: "Data" },
    );
    raw.address = "Data!A1:B9";
    raw.sheetId = f.data.id;
    const prepared = prepareData(raw);
    const fit = fitFor(
      prepared,
      Array.from({ length: 7 }, (_, i) => i % 2),
      2,
    );
    fit.diagnostics = { ...fit.diagnostics, silhouette: null };
    fit.silhouetteSampled = true;
    await f.run((ctx) =>
      writeResults(
        ctx,
        { ...f.request(), prepared, fit, record: { ...recordFor(prepared), diagnostics: true } },
        OPTIONS,
      ),
    );
    const block = f.block();
    expect(block.slice(1).map((r) => r[2])).toEqual(Array(8).fill(""));
    expect(block[3]).toEqual(["", "", "", "", "", ""]);
    expect(typeof block[2][1]).toBe("number");
  });
});

describe("consent covers every cell of the block", () => {
  test("a cell of the diagnostics columns is listed before an overwrite, and nothing is written unasked", async () => {
    const f = setup();
    f.workbook.setValues("Data", "F4", [["my note"]]);
    const target = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS, true));
    expect(target).toMatchObject({
      address: "Data!C1:H9",
      columnCount: 6,
      empty: false,
      nonEmptyCount: 1,
      ownOutput: false,
      sample: [{ address: "Data!F4", value: "my note" }],
    });
    // Without diagnostics only the Cluster column is the block: F4 is not in the way.
    const narrow = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS));
    expect(narrow).toMatchObject({ address: "Data!C1:C9", empty: true });
    const before = f.workbook.digest();
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "LABEL_COLUMN_NOT_EMPTY",
      message: expect.stringContaining("label and diagnostics columns Data!C1:H9 hold data in cell F4"),
    });
    expect(f.workbook.digest()).toBe(before);
    // Agreed to, it is overwritten.
    await f.run((ctx) => writeResults(ctx, { ...f.request(), overwrite: true, agreed: target }, OPTIONS));
    expect(f.block()[3][3]).toBe(2);
  });

  test("a diagnostics cell typed into after the user agreed stops the write", async () => {
    const f = setup();
    f.workbook.setValues("Data", "D2", [["old"]]);
    const agreed = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS, true));
    f.workbook.setValues("Data", "H7", [["typed later"]]);
    const before = f.workbook.digest();
    await expect(
      f.run((ctx) => writeResults(ctx, { ...f.request(), overwrite: true, agreed }, OPTIONS)),
    ).rejects.toMatchObject({ code: "LABEL_COLUMN_CHANGED", message: expect.stringContaining("cell H7") });
    expect(f.workbook.digest()).toBe(before);
  });
});

describe("the add-in's own diagnostics are the add-in's", () => {
  test("a second run replaces them unasked; a changed one is asked about, named first", async () => {
    const f = setup();
    await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    const target = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS, true));
    expect(target).toMatchObject({ ownOutput: true, nonEmptyCount: 54 });
    await f.run((ctx) => writeResults(ctx, { ...f.request(), agreed: target }, OPTIONS));
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(["Data", "Notes", "K-Means Results"]);

    f.workbook.setValues("Data", "G5", [["mine"]]);
    const changed = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS, true));
    expect(changed).toMatchObject({ ownOutput: false, nonEmptyCount: 54, ownLabelCount: 53 });
    expect(changed.sample![0]).toEqual({ address: "Data!G5", value: "mine" });
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "LABEL_COLUMN_NOT_EMPTY",
      message: expect.stringContaining("Data!C1:H9 hold data in cells C1, D1, E1, F1, G1 and 49 more"),
    });
  });

  test("a run without diagnostics clears the last run's, unasked, and the record says one column", async () => {
    const f = setup();
    await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    const target = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS));
    expect(target).toMatchObject({ address: "Data!C1:H9", ownOutput: true });
    const report = await f.run((ctx) => writeResults(ctx, { ...f.request({}), agreed: target }, OPTIONS));
    expect(report.diagnosticsAddress).toBeUndefined();
    expect(f.block().map((r) => r.slice(1))).toEqual(Array(9).fill(["", "", "", "", ""]));
    expect(
      f
        .block()
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(f.stored()?.output?.labelColumns).toBeUndefined();
    expect(f.stored()?.diagnostics).toBeUndefined();
  });

  test("an older record (one column, no labelColumns) still makes its labels the add-in's", async () => {
    const f = setup();
    await f.run((ctx) => writeResults(ctx, f.request({}), OPTIONS));
    const target = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS, true));
    // The diagnostics columns are empty: the block holds exactly what the last run wrote.
    expect(target).toMatchObject({ address: "Data!C1:H9", ownOutput: true, nonEmptyCount: 9 });
  });
});

describe("all or nothing", () => {
  test("when the results sheet cannot be added, the diagnostics columns are put back, formulas included", async () => {
    const f = setup();
    f.workbook.setValues("Data", "E4", [["=A4*2"]]);
    f.workbook.setValues("Data", "H9", [["mine"]]);
    const agreed = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS, true));
    const before = f.workbook.digest();
    const addSheet = f.workbook.addSheet.bind(f.workbook);
    f.workbook.addSheet = (name, by) => {
      if (by !== "user") throw officeError("AccessDenied");
      return addSheet(name, by);
    };
    const error = await f
      .run((ctx) => writeResults(ctx, { ...f.request(), overwrite: true, agreed }, OPTIONS))
      .then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
    expect(error).toMatchObject({ code: "WRITE_FAILED" });
    expect(error!.message).toContain("Data!C1:H9 holds what it held before");
    expect(f.workbook.addinWrites().some((w) => w.target.startsWith("Data!C"))).toBe(true);
    expect(f.workbook.digest()).toBe(before);
    expect(f.data.get(3, 4)?.f).toBe("=A4*2");
    expect(f.workbook.settings.size).toBe(0);
  });
});

describe("numbering in the run record", () => {
  test("a run numbered by size is stored and read back so; an older record reads as scikit-learn's", async () => {
    const f = setup();
    const request = f.request();
    request.record = { ...request.record, settings: { ...request.record.settings, numbering: "size" } };
    await f.run((ctx) => writeResults(ctx, request, OPTIONS));
    expect(f.stored()?.settings.numbering).toBe("size");
    const old = recordFor(f.prepared);
    expect(parseRunRecord(JSON.stringify(old))?.settings.numbering).toBeUndefined();
    expect(
      parseRunRecord(JSON.stringify({ ...old, settings: { ...old.settings, numbering: "alphabetical" } })),
    ).toBeNull();
  });
});
