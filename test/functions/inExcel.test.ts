/**
 * The worksheet functions as the test workbook calls them, per platform: with the build's functions.json
 * (parameter addresses, errors allowed), blanks as each Excel passes them (null on the web, 0 on Windows),
 * whole columns, the argument size cap, formula value preview, and a host without parameter addresses.
 */
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as functions from "../../src/functions/functions";
import { PREVIEW_MESSAGE } from "../../src/functions/calls";
import { CANNOT_TELL_BLANKS, MAX_FUNCTION_CELLS, tooLargeMessage } from "../../src/functions/inputs";
import { installGlobals } from "../host/office";
import { fakeExcel } from "../host/testHost";
import type { FunctionsJson, Platform, Workbook } from "../host/workbook";
import { irisRows, useCountingRunner } from "./helpers";

const { withErrorsAllowed } = require("../../scripts/functions-metadata") as {
  withErrorsAllowed: (json: string) => string;
};

const SOURCE = path.join(__dirname, "..", "..", "src", "functions", "functions.ts");
const IDS: Record<string, unknown> = {
  LABELS: functions.labels,
  CENTROIDS: functions.centroids,
  INERTIA: functions.inertia,
  SILHOUETTE: functions.silhouette,
  ELBOW: functions.elbow,
  PREDICT: functions.predict,
};

let generated: string;
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  generated = result.metadataJson;
});

// Whole columns are a million rows through the test workbook; a loaded machine takes its time.
jest.setTimeout(120_000);

const runner = useCountingRunner();

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

/** A workbook on a platform with the add-in's functions registered, as Excel loads them. */
function open(
  platform: Platform,
  options: { errorsAllowed?: boolean; runtime?: string } = {},
): { workbook: Workbook; sheet: ReturnType<Workbook["sheet"]> } {
  const json = options.errorsAllowed === false ? generated : withErrorsAllowed(generated);
  const f = fakeExcel({
    platform,
    requirements: options.runtime ? { CustomFunctionsRuntime: options.runtime } : undefined,
    loadFunctionMetadata: async () => JSON.parse(json) as FunctionsJson,
  });
  uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, f.host);
  const associate = f.host.CustomFunctions.associate as (id: string, fn: unknown) => void;
  for (const [id, fn] of Object.entries(IDS)) associate(id, fn);
  return { workbook: f.workbook, sheet: f.workbook.sheet("Sheet1") };
}

/** Column of values from a cell down, as the sheet shows them. */
function column(workbook: Workbook, sheet: ReturnType<Workbook["sheet"]>, top: string, rows: number) {
  const { rect } = workbook.resolve(top, sheet);
  return workbook.valuesOf(sheet, { ...rect, rowCount: rows, columnCount: 1 }).map((r) => r[0]);
}

const PLATFORMS: Platform[] = ["web", "windows"];

describe.each(PLATFORMS)("on %s", (platform) => {
  test("a blank cell leaves its row out, never clustered as 0; a real 0 is a number", async () => {
    const { workbook, sheet } = open(platform);
    const rows = irisRows();
    rows[3][1] = 0; // a real zero: row 5 stays in
    workbook.setValues("Sheet1", "A1", rows);
    workbook.setValues("Sheet1", "B10", [[""]]); // a blank: row 10 is left out
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A1:D150, 3)");
    const labels = column(workbook, sheet, "F1", 150);
    expect(labels[9]).toBe("");
    expect(labels.filter((v) => v === "")).toHaveLength(1);
    expect(labels[4]).not.toBe("");

    // The same rows without the blank one, given as values (no range, nothing to look up), cluster alike.
    const expected = rows.filter((_, i) => i !== 9);
    const direct = (await functions.labels(expected, 3)) as unknown[][];
    expect(labels.filter((v) => v !== "")).toEqual(direct.map((r) => r[0]));
    expect(runner.current.jobs[0].X.rows).toBe(149);
  });

  test("a row with an error cell is left out: the build lets Excel pass errors in", async () => {
    const { workbook, sheet } = open(platform);
    workbook.setValues("Sheet1", "A1", irisRows());
    workbook.setValues("Sheet1", "C20", [["#N/A"]]);
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A1:D150, 3)");
    const labels = column(workbook, sheet, "F1", 150);
    expect(labels[19]).toBe("");
    expect(labels.filter((v) => v === "")).toHaveLength(1);
  });

  test("without allowErrorForDataTypeAny Excel would not call the function at all", async () => {
    const { workbook, sheet } = open(platform, { errorsAllowed: false });
    workbook.setValues("Sheet1", "A1", irisRows());
    workbook.setValues("Sheet1", "C20", [["#N/A"]]);
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A1:D150, 3)");
    expect(sheet.get(0, 5)?.v).toBe("#N/A");
    expect(runner.current.jobs).toHaveLength(0);
  });

  test("a range over the cell limit is refused at once, naming the limit and the task pane", async () => {
    const { workbook, sheet } = open(platform);
    const rows = Math.floor(MAX_FUNCTION_CELLS / 4) + 1;
    workbook.fillRandom("Sheet1", rows, 4);
    await workbook.enterFormula("Sheet1", "G1", `=KMEANS.LABELS(A2:D${rows + 1}, 3)`);
    expect(sheet.get(0, 6)).toMatchObject({ v: "#VALUE!", msg: tooLargeMessage("data", rows, 4) });
    expect(sheet.get(0, 6)?.msg).toMatch(/at most 200,000 cells \(50,000 rows of 4 columns\).*task pane/);
    expect(runner.current.jobs).toHaveLength(0);
  });

  test("refusals explain themselves with #VALUE! and a message", async () => {
    const { workbook, sheet } = open(platform);
    workbook.setValues("Sheet1", "A1", irisRows());
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.INERTIA(A1:D150, 2.5)");
    expect(sheet.get(0, 5)).toMatchObject({ v: "#VALUE!", msg: "k must be a whole number, not 2.5." });
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.INERTIA(A1:D150, 3, , -1)");
    expect(sheet.get(0, 5)?.msg).toBe("seed must be a whole number from 0 to 4294967295, not -1.");
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.INERTIA(A1:D150, 3)");
    expect(sheet.get(0, 5)?.t).toBe("Double");
  });

  test("a formula value preview starts no long fit, but shows a result already computed", async () => {
    const { workbook } = open(platform);
    // 5,000 rows × 4 columns × 10 starts × 3 clusters is over the work a preview may start.
    workbook.fillRandom("Sheet1", 5_000, 4);
    const formula = "=KMEANS.LABELS(A2:D5001, 3)";
    expect(await workbook.previewFormula("Sheet1", "G1", formula)).toMatchObject({
      code: "#N/A",
      message: PREVIEW_MESSAGE,
    });
    expect(runner.current.jobs).toHaveLength(0);
    expect(workbook.sheet("Sheet1").get(0, 6)).toBeUndefined();

    await workbook.enterFormula("Sheet1", "G1", formula);
    expect(runner.current.jobs).toHaveLength(1);
    const preview = (await workbook.previewFormula("Sheet1", "H1", formula)) as unknown[][];
    expect(preview).toHaveLength(5_000);
    expect(runner.current.jobs).toHaveLength(1);
  });

  test("a small fit is computed for a preview", async () => {
    const { workbook } = open(platform);
    workbook.setValues("Sheet1", "A1", irisRows());
    const preview = (await workbook.previewFormula(
      "Sheet1",
      "F1",
      "=KMEANS.LABELS(A1:D150, 3)",
    )) as unknown[][];
    expect(preview).toHaveLength(150);
  });

  test("PREDICT names a blank centroid cell as Excel names cells", async () => {
    const { workbook, sheet } = open(platform);
    workbook.setValues("Sheet1", "A1", irisRows());
    await workbook.enterFormula("Sheet1", "G1", "=KMEANS.CENTROIDS(A1:D150, 3)");
    // The user's own copy of the centroids, with one cell left blank.
    const centres = workbook.valuesOf(sheet, { row: 0, column: 6, rowCount: 3, columnCount: 4 });
    workbook.setValues("Sheet1", "G10", centres);
    workbook.setValues("Sheet1", "H11", [[""]]);
    await workbook.enterFormula("Sheet1", "L1", "=KMEANS.PREDICT(A1:D150, G10:J12)");
    expect(sheet.get(0, 11)).toMatchObject({
      v: "#VALUE!",
      msg: "centroids must hold numbers only, one row per cluster; cell H11 of Sheet1 holds a blank.",
    });
  });
});

describe("whole columns", () => {
  test("on the web Excel answers A:A with #CALC! before the add-in is called", async () => {
    const { workbook, sheet } = open("web");
    workbook.setValues(
      "Sheet1",
      "A1",
      irisRows().map((r) => r.slice(0, 2)),
    );
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A:B, 3)");
    expect(sheet.get(0, 5)?.v).toBe("#CALC!");
    expect(runner.current.jobs).toHaveLength(0);
  });

  test("on Windows the million rows of zeros under the data are dropped before any work", async () => {
    const { workbook, sheet } = open("windows");
    // One column: 1,048,576 rows of it fit in Excel's 5 MB, two would not (next test).
    const rows = irisRows().map((r) => r.slice(2, 3));
    workbook.setValues("Sheet1", "A1", rows);
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A:A, 3)");
    expect(runner.current.jobs).toHaveLength(1);
    expect(runner.current.jobs[0].X.rows).toBe(150);
    const labels = column(workbook, sheet, "F1", 151);
    expect(labels.slice(0, 150).every((v) => typeof v === "number")).toBe(true);
    expect(labels[150]).toBe(""); // the spill ends with the data
    expect(labels).toEqual([...((await functions.labels(rows, 3)) as unknown[][]).map((r) => r[0]), ""]);
  });

  test("on Windows a whole-column argument over Excel's 5 MB never reaches the add-in", async () => {
    const { workbook, sheet } = open("windows");
    workbook.setValues("Sheet1", "A1", irisRows());
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A:B, 3)");
    expect(sheet.get(0, 5)?.v).toBe("#BUSY!");
    expect(runner.current.jobs).toHaveLength(0);
  });
});

describe("a desktop host without parameter addresses (CustomFunctionsRuntime 1.2)", () => {
  test("a 0 might be a blank: refused with a message saying what is needed", async () => {
    const { workbook, sheet } = open("windows", { runtime: "1.2" });
    const rows = irisRows();
    workbook.setValues("Sheet1", "A1", rows);
    workbook.setValues("Sheet1", "B10", [[""]]);
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A1:D150, 3)");
    expect(sheet.get(0, 5)).toMatchObject({ v: "#VALUE!", msg: CANNOT_TELL_BLANKS });
  });

  test("data without a 0 is clustered as usual", async () => {
    const { workbook, sheet } = open("windows", { runtime: "1.2" });
    workbook.setValues("Sheet1", "A1", irisRows());
    await workbook.enterFormula("Sheet1", "F1", "=KMEANS.LABELS(A1:D150, 3)");
    expect(column(workbook, sheet, "F1", 150).every((v) => typeof v === "number")).toBe(true);
  });
});
