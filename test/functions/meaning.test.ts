/**
 * KMEANS.PROFILE, DESCRIBE and DISTANCE (what each cluster means, how far each row is from its centre),
 * and the [numbering] argument of the functions that show cluster numbers. Checked against the engine's
 * own z-scores and the model's words for the labels LABELS gives, and against distances computed here.
 */
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { clusterZScores, fitScaler, fromRows } from "../../src/engine";
import * as functions from "../../src/functions/functions";
import { DEFAULT_OPTIONS, fitSettings } from "../../src/taskpane/options";
import { CLOSE_TO_AVERAGE, describeClusters } from "../../src/model";
import { createInlineClient } from "../../src/worker/inlineClient";
import { loadFixture } from "../engine/fixtures";
import { installGlobals } from "../host/office";
import { fakeExcel } from "../host/testHost";
import type { FunctionsJson, Platform, Workbook } from "../host/workbook";
import { excel, excelErrorOf, irisRows, useCountingRunner } from "./helpers";

const { labels, centroids, profile, describe: describeFn, distance, inertia, silhouette, dbscan } = functions;
const iris = loadFixture("iris");
const NAMES = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

const runner = useCountingRunner();

const column = (out: unknown[][]) => out.map((r) => r[0]);
const scaled = () => fitScaler(fromRows(iris.X), "standard").transform(fromRows(iris.X));

/** 0-based labels as LABELS spills them (1-based). */
async function labelsOf(...args: unknown[]): Promise<Int32Array> {
  const out = (await excel(labels, irisRows(), 3, ...args)) as number[][];
  return Int32Array.from(out, (r) => r[0] - 1);
}

describe("PROFILE", () => {
  test("a header row, then each cluster's z-scores: the engine's for the labels LABELS gives", async () => {
    const out = (await excel(profile, irisRows(), 3, null, null, null, [NAMES])) as unknown[][];
    expect(out[0]).toEqual(["Cluster", ...NAMES]);
    expect(out.slice(1).map((r) => r[0])).toEqual([1, 2, 3]);
    const z = clusterZScores(fromRows(iris.X), await labelsOf(), 3);
    const body = out.slice(1).flatMap((r) => r.slice(1) as number[]);
    body.forEach((v, i) => expect(v).toBeCloseTo(z.data[i], 12));
    // With standard scaling the z-scores are the centres in the scaled space.
    expect(runner.current.jobs).toHaveLength(1); // LABELS after PROFILE: the same fit, cached
  });

  test("names omitted: Column 1, Column 2, …", async () => {
    const out = (await excel(profile, irisRows(), 3)) as unknown[][];
    expect(out[0]).toEqual(["Cluster", "Column 1", "Column 2", "Column 3", "Column 4"]);
    expect(out).toHaveLength(4);
  });

  test("z-scores are taken on the data, whatever the scaling", async () => {
    const out = (await excel(profile, irisRows(), 3, "minmax", 7, 5)) as unknown[][];
    const z = clusterZScores(fromRows(iris.X), await labelsOf("minmax", 7, 5), 3);
    out
      .slice(1)
      .forEach((r, c) => r.slice(1).forEach((v, j) => expect(v).toBeCloseTo(z.data[c * 4 + j], 12)));
  });
});

describe("DESCRIBE", () => {
  test("k lines, cluster 1 first: describeClusters on the z-scores of LABELS' labels", async () => {
    const out = (await excel(describeFn, irisRows(), 3, null, null, null, [NAMES])) as unknown[][];
    expect(out.every((r) => r.length === 1)).toBe(true);
    const z = clusterZScores(fromRows(iris.X), await labelsOf(), 3);
    expect(column(out)).toEqual(describeClusters(z, NAMES));
    expect(column(out)).toEqual([
      "high sepal_length (+1.1 sd), high petal_width (+1.0 sd), high petal_length (+1.0 sd)",
      "low petal_length (-1.3 sd), low petal_width (-1.3 sd), low sepal_length (-1.0 sd)",
      "low sepal_width (-0.9 sd)",
    ]);
  });

  test("without names the columns are Column 1…; a cluster near the mean everywhere says so", async () => {
    const out = (await excel(describeFn, irisRows(), 3)) as unknown[][];
    expect(out[0][0]).toMatch(/^high Column 1 \(\+1\.1 sd\), high Column 4 \(\+1\.0 sd\)/);
    // Two rows far apart and many at the centre: the centre cluster is average on every column.
    const rows = [[-10, -10], [10, 10], ...Array.from({ length: 20 }, (_, i) => [i % 2 ? 0.01 : -0.01, 0])];
    const words = column((await excel(describeFn, rows, 3)) as unknown[][]);
    expect(words).toContain(CLOSE_TO_AVERAGE);
  });
});

describe("DISTANCE", () => {
  test("each row's distance to its own centre in the scaled space: sqrt(sum((xs - centre)^2))", async () => {
    const out = column((await excel(distance, irisRows(), 3)) as unknown[][]) as number[];
    expect(out).toHaveLength(150);
    // The centres from CENTROIDS (original units) scaled as the data is.
    const scaler = fitScaler(fromRows(iris.X), "standard");
    const C = scaler.transform(fromRows((await excel(centroids, irisRows(), 3)) as number[][]));
    const Xs = scaled();
    const lab = await labelsOf();
    for (let i = 0; i < 150; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += (Xs.data[i * 4 + j] - C.data[lab[i] * 4 + j]) ** 2;
      expect(out[i]).toBeCloseTo(Math.sqrt(s), 10);
    }
    // The squares add up to the inertia.
    const [[total]] = (await excel(inertia, irisRows(), 3)) as number[][];
    expect(out.reduce((a, d) => a + d * d, 0)).toBeCloseTo(total, 9);
    expect(runner.current.jobs).toHaveLength(1);
  });

  test("a blank or text row gets an empty cell in place, as LABELS", async () => {
    const rows: unknown[][] = irisRows();
    rows[4] = [5, "", 1.4, 0.2];
    rows[9] = [5, "n/a", 1.4, 0.2];
    const out = column((await excel(distance, rows, 3)) as unknown[][]);
    const lab = column((await excel(labels, rows, 3)) as unknown[][]);
    expect(out).toHaveLength(150);
    out.forEach((v, i) => expect(v === "").toBe(lab[i] === ""));
    expect(out[4]).toBe("");
    expect(out[9]).toBe("");
  });
});

describe("numbering", () => {
  const sizesOf = (lab: ArrayLike<number>) => {
    const n = [0, 0, 0];
    for (let i = 0; i < lab.length; i++) n[lab[i]]++;
    return n;
  };

  test('"size" numbers cluster 1 the largest; LABELS, CENTROIDS and PROFILE agree', async () => {
    const sk = await labelsOf();
    const bySize = await labelsOf(null, null, null, "size");
    const sizes = sizesOf(bySize);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizesOf(sk)).not.toEqual(sizes); // iris' scikit-learn order is not by size: the test means something
    // The same clustering, renamed: each scikit-learn cluster maps to one size cluster.
    const map = new Map<number, number>();
    sk.forEach((c, i) => {
      if (!map.has(c)) map.set(c, bySize[i]);
      expect(map.get(c)).toBe(bySize[i]);
    });

    const centres = (await excel(centroids, irisRows(), 3, null, null, null, true, "size")) as number[][];
    expect(centres.map((r) => r[0])).toEqual(sizes);
    const X = fromRows(iris.X);
    centres.forEach((r, c) => {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let i = 0; i < 150; i++) if (bySize[i] === c) s += X.data[i * 4 + j];
        expect(r[j + 1]).toBeCloseTo(s / sizes[c], 9);
      }
    });

    const table = (await excel(profile, irisRows(), 3, null, null, null, null, "size")) as unknown[][];
    const z = clusterZScores(X, bySize, 3);
    table
      .slice(1)
      .forEach((r, c) => r.slice(1).forEach((v, j) => expect(v).toBeCloseTo(z.data[c * 4 + j], 12)));
    const words = column(
      (await excel(describeFn, irisRows(), 3, null, null, null, [NAMES], "SIZE ")) as unknown[][],
    );
    expect(words).toEqual(describeClusters(z, NAMES));
    // One fit for the scikit-learn numbering, one for "size"; DISTANCE, INERTIA and SILHOUETTE share the first.
    await excel(distance, irisRows(), 3);
    await excel(inertia, irisRows(), 3);
    await excel(silhouette, irisRows(), 3);
    expect(runner.current.jobs).toHaveLength(2);
  });

  test('"sklearn" written out is the default: the same settings, the same cache entry', async () => {
    const a = await excel(labels, irisRows(), 3);
    const b = await excel(labels, irisRows(), 3, null, null, null, "sklearn");
    expect(b).toEqual(a);
    expect(column(a as unknown[][])).toEqual(
      iris.kmeanspp
        .find((c) => c.k === 3 && c.random_state === 42 && c.n_init === 10)!
        .labels.map((l) => l + 1),
    );
    expect(runner.current.jobs).toHaveLength(1);
    expect(runner.current.jobs[0].settings).not.toHaveProperty("numbering");
  });

  test("a formula and the Cluster button with numbering by size: the same settings, the same labels", async () => {
    // The pane's options with numbering "size" (a cast keeps this compiling while the pane's field is new).
    const settings = fitSettings({ ...DEFAULT_OPTIONS, numbering: "size" } as typeof DEFAULT_OPTIONS, 3);
    expect(settings).toMatchObject({ numbering: "size" });
    const pane = await createInlineClient().run({ kind: "fit", X: fromRows(iris.X), settings });
    expect(Array.from(await labelsOf(null, null, null, "size"))).toEqual(Array.from(pane.labels));
    expect(runner.current.jobs[0].settings).toEqual(settings);
    // And with the pane's default numbering, the settings LABELS runs without the argument.
    await labelsOf();
    expect(runner.current.jobs[1].settings).toEqual(fitSettings(DEFAULT_OPTIONS, 3));
  });

  test("DBSCAN numbers by size too; noise stays 0", async () => {
    const sk = column((await excel(dbscan, irisRows(), 0.5)) as unknown[][]) as number[];
    const bySize = column(
      (await excel(dbscan, irisRows(), 0.5, null, null, "size")) as unknown[][],
    ) as number[];
    expect(bySize.map((l) => l === 0)).toEqual(sk.map((l) => l === 0));
    const count = (ls: number[], c: number) => ls.filter((l) => l === c).length;
    expect(count(bySize, 1)).toBeGreaterThanOrEqual(count(bySize, 2));
  });

  test("an unknown numbering is #VALUE! naming the choices and what was given", async () => {
    const message =
      'numbering must be "sklearn" (scikit-learn\'s order, the default) or "size" (cluster 1 the largest), not the text "largest".';
    for (const p of [
      excel(labels, irisRows(), 3, null, null, null, "largest"),
      excel(centroids, irisRows(), 3, null, null, null, null, "largest"),
      excel(profile, irisRows(), 3, null, null, null, null, "largest"),
      excel(describeFn, irisRows(), 3, null, null, null, null, "largest"),
    ]) {
      expect(await excelErrorOf(p)).toEqual({ code: "#VALUE!", message });
    }
    expect((await excelErrorOf(excel(labels, irisRows(), 3, null, null, null, 1))).message).toMatch(
      /, not 1\.$/,
    );
    expect((await excelErrorOf(excel(dbscan, irisRows(), 0.5, null, null, "big"))).code).toBe("#VALUE!");
    expect(runner.current.jobs).toHaveLength(0);
  });
});

describe("names", () => {
  test("of the wrong width or shape: #VALUE! saying what is needed", async () => {
    expect(await excelErrorOf(excel(profile, irisRows(), 3, null, null, null, [NAMES.slice(0, 3)]))).toEqual({
      code: "#VALUE!",
      message: "names must be one row of 4 header cells, one per column of data; it has 3 cells.",
    });
    expect(
      (
        await excelErrorOf(
          excel(
            describeFn,
            irisRows(),
            3,
            null,
            null,
            null,
            NAMES.map((n) => [n]),
          ),
        )
      ).message,
    ).toBe("names must be one row of 4 header cells, one per column of data; it has 4 rows × 1 column.");
    expect(runner.current.jobs).toHaveLength(0);
  });

  test("a cell that is no text is named (counted within names when Excel gave no address)", async () => {
    const err = await excelErrorOf(excel(profile, irisRows(), 3, null, null, null, [["a", "b", 3, "d"]]));
    expect(err).toEqual({
      code: "#VALUE!",
      message: "names must be text, one header cell per column of data; row 1, column 3 of names holds 3.",
    });
    const blank = await excelErrorOf(
      excel(describeFn, irisRows(), 3, null, null, null, [["a", null, "c", "d"]]),
    );
    expect(blank.message).toMatch(/row 1, column 2 of names holds a blank\.$/);
  });
});

// ---- In the test workbook, per platform: blank cells arrive as null (web) or 0 (Windows). ----

const { withErrorsAllowed } = require("../../scripts/functions-metadata") as {
  withErrorsAllowed: (json: string) => string;
};
const SOURCE = path.join(__dirname, "..", "..", "src", "functions", "functions.ts");
let generated: string;
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  generated = result.metadataJson;
});

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

function open(platform: Platform): { workbook: Workbook; sheet: ReturnType<Workbook["sheet"]> } {
  const f = fakeExcel({
    platform,
    loadFunctionMetadata: async () => JSON.parse(withErrorsAllowed(generated)) as FunctionsJson,
  });
  uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, f.host);
  const associate = f.host.CustomFunctions.associate as (id: string, fn: unknown) => void;
  for (const [id, fn] of Object.entries({
    LABELS: labels,
    PROFILE: profile,
    DESCRIBE: describeFn,
    DISTANCE: distance,
  }))
    associate(id, fn);
  return { workbook: f.workbook, sheet: f.workbook.sheet("Sheet1") };
}

function block(
  workbook: Workbook,
  sheet: ReturnType<Workbook["sheet"]>,
  top: string,
  rows: number,
  cols: number,
) {
  const { rect } = workbook.resolve(top, sheet);
  return workbook.valuesOf(sheet, { ...rect, rowCount: rows, columnCount: cols });
}

describe.each<Platform>(["web", "windows"])("on %s", (platform) => {
  test("a blank data cell leaves its row out of the fit, never 0; DISTANCE leaves its cell empty", async () => {
    const { workbook, sheet } = open(platform);
    workbook.setValues("Sheet1", "A1", [NAMES]);
    workbook.setValues("Sheet1", "A2", irisRows());
    workbook.setValues("Sheet1", "B11", [[""]]); // row 10 of the data
    await workbook.enterFormula("Sheet1", "F2", "=KMEANS.DISTANCE(A2:D151, 3)");
    const d = block(workbook, sheet, "F2", 150, 1).map((r) => r[0]);
    expect(d[9]).toBe("");
    expect(d.filter((v) => v === "")).toHaveLength(1);
    await workbook.enterFormula("Sheet1", "H1", "=KMEANS.PROFILE(A2:D151, 3, , , , A1:D1)");
    const table = block(workbook, sheet, "H1", 4, 5);
    expect(table[0]).toEqual(["Cluster", ...NAMES]);
    const rows = irisRows().filter((_, i) => i !== 9);
    expect(table).toEqual(await excel(profile, rows, 3, null, null, null, [NAMES]));
    await workbook.enterFormula("Sheet1", "N1", "=KMEANS.DESCRIBE(A2:D151, 3, , , , A1:D1)");
    expect(block(workbook, sheet, "N1", 3, 1)).toEqual(
      await excel(describeFn, rows, 3, null, null, null, [NAMES]),
    );
    // One fit for DISTANCE, PROFILE and DESCRIBE in the workbook (149 rows); the direct calls share it.
    expect(runner.current.jobs).toHaveLength(1);
    expect(runner.current.jobs[0].X.rows).toBe(149);
  });

  test("a blank names cell is named as Excel names cells, a blank rather than the 0 Windows passes", async () => {
    const { workbook, sheet } = open(platform);
    workbook.setValues("Sheet1", "A1", [["sepal_length", "", "petal_length", "petal_width"]]);
    workbook.setValues("Sheet1", "A2", irisRows());
    await workbook.enterFormula("Sheet1", "H1", "=KMEANS.PROFILE(A2:D151, 3, , , , A1:D1)");
    expect(sheet.get(0, 7)).toMatchObject({
      v: "#VALUE!",
      msg: "names must be text, one header cell per column of data; cell B1 of Sheet1 holds a blank.",
    });
    workbook.setValues("Sheet1", "B1", [[0]]);
    await workbook.enterFormula("Sheet1", "H1", "=KMEANS.DESCRIBE(A2:D151, 3, , , , A1:D1)");
    expect(sheet.get(0, 7)?.msg).toBe(
      "names must be text, one header cell per column of data; cell B1 of Sheet1 holds 0.",
    );
    await workbook.enterFormula("Sheet1", "H1", "=KMEANS.DESCRIBE(A2:D151, 3, , , , A1:C1)");
    expect(sheet.get(0, 7)?.msg).toBe(
      "names must be one row of 4 header cells, one per column of data; it has 3 cells.",
    );
    await workbook.enterFormula("Sheet1", "H1", '=KMEANS.LABELS(A2:D151, 3, , , , "biggest")');
    expect(sheet.get(0, 7)?.msg).toMatch(/^numbering must be "sklearn"/);
    expect(runner.current.jobs).toHaveLength(0);
  });
});
