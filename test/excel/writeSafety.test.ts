/**
 * Nothing lost, nothing half-written: writeResults through Microsoft's Excel client on the test workbook,
 * when the workbook changes under a running job (a cell typed into the label column, a sheet protected,
 * deleted or renamed), when a step fails part-way, and when a run replaces the add-in's own output.
 */
import { prepareData } from "../../src/excel/prepare";
import type { WriteRequest } from "../../src/excel/types";
import { checkLabelTarget, writeResults, type WriteOptions } from "../../src/excel/write";
import { officeError } from "../host/errors";
import { fakeExcel } from "../host/testHost";
import { fitFor, rawFrom, recordFor } from "./fixtures";

const OPTIONS: WriteOptions = { saveRecord: true, workbookProtection: true };

function setup(n = 8) {
  const values: unknown[][] = [["Height", "Weight"]];
  for (let i = 0; i < n; i++) values.push([i, (i * 7) % 5]);
  const f = fakeExcel({ sheets: ["Data", "Notes"] });
  f.workbook.setValues("Data", "A1", values);
  const data = f.workbook.sheet("Data");
  const raw = rawFrom(values, { sheetName: "Data" });
  raw.address = `Data!A1:B${n + 1}`;
  raw.sheetId = data.id;
  const prepared = prepareData(raw);
  const request = (labels = prepared.rows.length): WriteRequest => ({
    prepared,
    fit: fitFor(
      prepared,
      Array.from({ length: labels }, (_, i) => i % 2),
      2,
    ),
    record: recordFor(prepared),
    overwrite: false,
    sheetId: data.id,
  });
  const column = () => f.workbook.valuesOf(data, { row: 0, column: 2, rowCount: n + 1, columnCount: 1 });
  return { ...f, data, prepared, request, column };
}

describe("consent is for the cells the user saw", () => {
  test("a cell typed into the label column after the user agreed stops the write", async () => {
    const f = setup();
    f.workbook.setValues("Data", "C3", [["keep?"]]);
    const agreed = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS));
    expect(agreed).toMatchObject({ nonEmptyCount: 1, ownOutput: false });
    // While the job runs, the user types into the column.
    f.workbook.setValues("Data", "C6", [["typed later"]]);
    const before = f.workbook.digest();
    await expect(
      f.run((ctx) => writeResults(ctx, { ...f.request(), overwrite: true, agreed }, OPTIONS)),
    ).rejects.toMatchObject({
      code: "LABEL_COLUMN_CHANGED",
      message: expect.stringContaining("cell C6"),
    });
    expect(f.workbook.digest()).toBe(before);
    expect(f.workbook.addinWrites()).toEqual([]);
  });

  test("a cell changed after the user agreed stops the write too; the agreed cells alone do not", async () => {
    const f = setup();
    f.workbook.setValues("Data", "C3", [["old"]]);
    const agreed = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS));
    f.workbook.setValues("Data", "C3", [["edited"]]);
    await expect(
      f.run((ctx) => writeResults(ctx, { ...f.request(), overwrite: true, agreed }, OPTIONS)),
    ).rejects.toMatchObject({ code: "LABEL_COLUMN_CHANGED", message: expect.stringContaining("cell C3") });
    f.workbook.setValues("Data", "C3", [["old"]]);
    const report = await f.run((ctx) =>
      writeResults(ctx, { ...f.request(), overwrite: true, agreed }, OPTIONS),
    );
    expect(report.labelAddress).toBe("Data!C1:C9");
    expect(f.column()[2]).toEqual([2]);
  });
});

describe("checked before the first write, each in Excel's terms", () => {
  test("a protected data sheet", async () => {
    const f = setup();
    f.data.protected = true;
    const before = f.workbook.digest();
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "SHEET_PROTECTED",
      message: expect.stringContaining("The sheet Data is protected"),
    });
    expect(f.workbook.digest()).toBe(before);
  });

  test("a workbook whose structure is protected", async () => {
    const f = setup();
    f.workbook.structureProtected = true;
    const before = f.workbook.digest();
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "WORKBOOK_PROTECTED",
      message: expect.stringContaining("structure is protected"),
    });
    expect(f.workbook.digest()).toBe(before);
  });

  test("a data sheet renamed while clustering", async () => {
    const f = setup();
    f.data.name = "Measurements";
    const before = f.workbook.digest();
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "SOURCE_SHEET_RENAMED",
      message: expect.stringContaining("The sheet Data was renamed to Measurements"),
    });
    expect(f.workbook.digest()).toBe(before);
  });

  test("a data sheet deleted while clustering", async () => {
    const f = setup();
    f.workbook.deleteSheet(f.data, "user");
    const before = f.workbook.digest();
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "SOURCE_SHEET_DELETED",
      message: "The sheet Data was deleted while clustering: nothing was written.",
    });
    expect(f.workbook.digest()).toBe(before);
  });
});

describe("all or nothing", () => {
  test("when the results sheet cannot be added, the labels are taken back and the user's cells restored", async () => {
    const f = setup();
    f.workbook.setValues("Data", "C4", [["=A4*2"]]);
    f.workbook.setValues("Data", "C7", [["mine"]]);
    const agreed = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS));
    const before = f.workbook.digest();
    // The workbook's structure gets protected after the check: Excel then refuses the new sheet.
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
    expect(error!.message).toContain('adding the results sheet "K-Means Results" failed because');
    expect(error!.message).toContain("AccessDenied");
    expect(error!.message).toContain("Nothing of this run was kept");
    // Labels had been written; now the column is as it was, formula included, and no record was stored.
    expect(f.workbook.addinWrites().some((w) => w.target.startsWith("Data!C"))).toBe(true);
    expect(f.workbook.digest()).toBe(before);
    expect(f.data.get(3, 2)?.f).toBe("=A4*2");
    expect(f.workbook.settings.size).toBe(0);
  });

  test("when the labels fail part-way, the error says so, and says when they could not be put back", async () => {
    const f = setup(30);
    const writeCell = f.workbook.writeCell.bind(f.workbook);
    let labels = 0;
    // The sheet gets protected after the first block of labels.
    f.workbook.writeCell = (sheet, row, column, input) => {
      if (sheet === f.data && column === 2 && ++labels > 10) f.data.protected = true;
      writeCell(sheet, row, column, input);
    };
    const error = await f
      .run((ctx) => writeResults(ctx, f.request(), { ...OPTIONS, maxCellsPerBlock: 10 }))
      .then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
    expect(error).toMatchObject({ code: "WRITE_FAILED" });
    expect(error!.message).toContain("writing the labels to Data!C1:C31 failed because");
    // Putting the column back is refused by the same protection: said, not hidden.
    expect(error!.message).toContain("Data!C1:C31 could not be put back as it was");
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(["Data", "Notes"]);
    expect(f.workbook.settings.size).toBe(0);
  });
});

describe("the add-in's own output is the add-in's", () => {
  async function twice(f: ReturnType<typeof setup>, between: () => void = () => undefined) {
    const first = await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    between();
    const target = await f.run((ctx) => checkLabelTarget(ctx, f.prepared, OPTIONS));
    return { first, target };
  }

  test("a second run on the same range replaces its labels and its results sheet, unasked", async () => {
    const f = setup();
    const { first, target } = await twice(f);
    expect(first.recordSaved).toBe(true);
    expect(target).toMatchObject({ empty: false, ownOutput: true });
    const second = await f.run((ctx) => writeResults(ctx, { ...f.request(), agreed: target }, OPTIONS));
    expect(second.resultsSheet).toBe("K-Means Results");
    expect(second.replacedSheet).toBe("K-Means Results");
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(["Data", "Notes", "K-Means Results"]);
    // A third time too: no "(2)" or "(3)" pile up.
    const third = await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    expect(third.resultsSheet).toBe("K-Means Results");
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(["Data", "Notes", "K-Means Results"]);
    expect(f.workbook.tables).toHaveLength(1);
  });

  test("its results sheet moved among the sheets is replaced where it stands", async () => {
    const f = setup();
    await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    const results = f.workbook.sheet("K-Means Results");
    f.workbook.sheets = [f.workbook.sheets[0], results, f.workbook.sheets[1]];
    await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    expect(f.workbook.sheets.map((s) => s.name)).toEqual(["Data", "K-Means Results", "Notes"]);
  });

  test("a label the user changed makes the column the user's again: asked about", async () => {
    const f = setup();
    const { target } = await twice(f, () => f.workbook.setValues("Data", "C5", [[7]]));
    expect(target).toMatchObject({ ownOutput: false, nonEmptyCount: 9 });
    await expect(f.run((ctx) => writeResults(ctx, f.request(), OPTIONS))).rejects.toMatchObject({
      code: "LABEL_COLUMN_NOT_EMPTY",
    });
  });

  test("the user's own cell among the old labels is what the dialog shows first", async () => {
    const f = setup(30);
    const { target } = await twice(f, () => f.workbook.setValues("Data", "C25", [["my note"]]));
    expect(target).toMatchObject({ ownOutput: false, nonEmptyCount: 31, ownLabelCount: 30 });
    expect(target.sample![0]).toEqual({ address: "Data!C25", value: "my note" });
  });

  test("a results sheet the user wrote on is kept, and the new results go on a sheet of their own", async () => {
    const f = setup();
    await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    f.workbook.setValues("K-Means Results", "H2", [["my note"]]);
    const second = await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    expect(second.resultsSheet).toBe("K-Means Results (2)");
    expect(second.replacedSheet).toBeUndefined();
    expect(
      f.workbook.valuesOf(f.workbook.sheet("K-Means Results"), {
        row: 1,
        column: 7,
        rowCount: 1,
        columnCount: 1,
      }),
    ).toEqual([["my note"]]);
  });

  test("the record stored with the results names what was written", async () => {
    const f = setup();
    const report = await f.run((ctx) => writeResults(ctx, f.request(), OPTIONS));
    const stored = JSON.parse(String(f.workbook.settings.get("kmeans.lastRun")));
    expect(stored.output).toEqual(report.output);
    expect(stored.output).toMatchObject({ labelAddress: "Data!C1:C9", resultsSheet: "K-Means Results" });
    // The results sheet's fingerprint was predicted right, so the record rode with the sheet: stored once.
    const adds = f.host.excel.stats.requests.filter((r) =>
      r.statements.some((t) => /SettingCollection\.add/.test(t)),
    );
    expect(adds).toHaveLength(1);
    expect(adds[0].statements.some((t) => /WorksheetCollection\.add/.test(t))).toBe(true);
  });
});
