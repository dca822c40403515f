import * as fs from "fs";
import * as path from "path";
import { prepareData } from "../../src/excel/prepare";
import {
  buildResultsLayout,
  NOTE_COLUMN_WIDTH,
  NOTE_MIN_CHARS,
  resultsSheetName,
  resultWarnings,
  TEXT_FORMAT,
  uniqueHeaders,
  type CellValue,
  type ResultsLayout,
} from "../../src/excel/resultsLayout";
import { fitKMeans } from "../../src/analysis/kmeans";
import type { KMeansSettings } from "../../src/model";
import { fitFor, rawFrom, recordFor, sampleTable, SETTINGS } from "./fixtures";

/** 60 rows: 50 in cluster 1, 9 in cluster 2, 1 in cluster 3; one more row is skipped (blank). */
function scenario() {
  const rows: unknown[][] = [];
  for (let i = 0; i < 60; i++) rows.push([`id${i}`, i < 50 ? 1 + i / 100 : i < 59 ? 5 + i / 100 : 20, 7]);
  rows.splice(10, 0, ["gap", "", 7]);
  const raw = rawFrom([["Name", "=SUM(A1)", "Const"], ...rows], { sheetName: "My Data" });
  raw.address = "'My Data'!A1:C62";
  const prepared = prepareData(raw);
  const labels = Array.from({ length: 60 }, (_, i) => (i < 50 ? 0 : i < 59 ? 1 : 2));
  const fit = fitFor(prepared, labels, 3, { converged: false, silhouetteSampled: true, daviesBouldin: null });
  const record = recordFor(prepared, { k: 3, silhouetteSampleSize: 40 });
  const layout = buildResultsLayout({ prepared, fit, record, labelAddress: "'My Data'!D1:D62" });
  return { prepared, fit, record, layout };
}

/** The layout painted onto a sparse grid, as Excel would show it. */
function paint(layout: ResultsLayout) {
  const cells = new Map<string, { value: CellValue; format: string }>();
  for (const b of layout.blocks) {
    b.cells.forEach((line, r) =>
      line.forEach((value, c) => {
        if (value !== "") cells.set(`${b.row + r},${b.column + c}`, { value, format: b.formats[r][c] });
      }),
    );
  }
  const at = (row: number, column: number) => cells.get(`${row},${column}`);
  const rowOf = (label: string) => {
    for (const [key, cell] of cells) if (cell.value === label) return Number(key.split(",")[0]);
    throw new Error(`no cell ${label}`);
  };
  const valueRight = (label: string) => at(rowOf(label), 1)?.value;
  return { cells, at, rowOf, valueRight };
}

test("the centroid table: header as text, every centre, size and share", () => {
  const { layout, fit } = scenario();
  const sheet = paint(layout);
  const t = layout.table;
  expect(t).toMatchObject({ column: 0, rowCount: 4, columnCount: 6 });
  const header = Array.from({ length: t.columnCount }, (_, c) => sheet.at(t.row, c));
  expect(header.map((h) => h?.value)).toEqual([
    "Cluster",
    "Size",
    "Share of rows",
    "Within-cluster SS (scaled)",
    "=SUM(A1)",
    "Const",
  ]);
  expect(header.every((h) => h?.format === TEXT_FORMAT)).toBe(true);
  expect(layout.textCells).toContainEqual({ row: t.row, column: 4 });
  for (let c = 0; c < 3; c++) {
    const line = Array.from({ length: t.columnCount }, (_, j) => sheet.at(t.row + 1 + c, j)?.value);
    expect(line[0]).toBe(c + 1);
    expect(line[1]).toBe(fit.profile[c].size);
    expect(line[2]).toBeCloseTo(fit.profile[c].share, 12);
    expect(line[3]).toBe(fit.profile[c].withinSS);
    expect(line.slice(4)).toEqual(Array.from(fit.centers.data.subarray(c * 2, c * 2 + 2)));
    expect(sheet.at(t.row + 1 + c, 2)?.format).toBe("0.0%");
    expect(sheet.at(t.row + 1 + c, 4)?.format).toBe("General");
  }
});

test("metrics say where inertia lives and when the silhouette was sampled", () => {
  const { layout, fit } = scenario();
  const sheet = paint(layout);
  const inertiaRow = sheet.rowOf("Inertia");
  expect(sheet.at(inertiaRow, 1)?.value).toBe(fit.inertia);
  expect(String(sheet.at(inertiaRow, 2)?.value)).toContain("scaled space");
  const silRow = sheet.rowOf("Silhouette");
  expect(sheet.at(silRow, 1)?.value).toBe(0.61);
  expect(sheet.at(silRow, 2)?.value).toBe("Sampled on 40 rows.");
  expect(sheet.valueRight("Calinski-Harabasz")).toBe(88.2);
  expect(sheet.valueRight("Davies-Bouldin")).toBe("n/a");
  expect(sheet.valueRight("Iterations")).toBe(4);
  expect(sheet.valueRight("Converged")).toBe("no");
});

test("settings record the source, features and run", () => {
  const { layout } = scenario();
  const sheet = paint(layout);
  expect(sheet.valueRight("Source")).toBe("'My Data'!A1:C62");
  expect(sheet.valueRight("Feature columns")).toBe("=SUM(A1), Const");
  expect(sheet.valueRight("Header row")).toBe("yes (detected)");
  expect(sheet.valueRight("Scaling")).toBe("standard");
  expect(sheet.valueRight("k")).toBe(3);
  expect(sheet.valueRight("Seed")).toBe(42);
  expect(sheet.valueRight("Initialisations")).toBe(10);
  expect(sheet.valueRight("Max iterations")).toBe(300);
  expect(sheet.valueRight("Tolerance")).toBe(1e-4);
  expect(sheet.valueRight("Rows clustered")).toBe(60);
  expect(sheet.valueRight("Rows skipped")).toBe(1);
  expect(sheet.valueRight("Add-in version")).toBe("0.1.0");
  expect(sheet.valueRight("Date")).toBe("2024-05-01T10:00:00.000Z");
});

test("every string is forced to text and nothing else is", () => {
  const { layout } = scenario();
  const sheet = paint(layout);
  const text = new Set(layout.textCells.map((p) => `${p.row},${p.column}`));
  for (const [key, cell] of sheet.cells) {
    expect([key, text.has(key)]).toEqual([key, typeof cell.value === "string"]);
  }
});

test("warnings: small and dominant clusters, non-convergence, constant columns, skipped rows", () => {
  const { layout } = scenario();
  const w = layout.warnings;
  expect(w).toContain(
    "Cluster 3 holds 1.7% of the rows (1 of 60): it may be a few outliers rather than a group.",
  );
  expect(w).toContain(
    "Cluster 1 holds 83.3% of the rows (50 of 60): the data may not have 3 distinct groups, or one column may dominate the distances.",
  );
  expect(w).toContain(
    "The clustering did not converge within 300 iterations (tolerance 0.0001): raise Max iterations.",
  );
  expect(w).toContain("Constant columns (one value in every row) cannot separate clusters: Const.");
  expect(w).toContain(
    "1 of 61 rows were left out (1 with a blank, text, TRUE/FALSE or error in a feature column (e.g. 'My Data'!B12)); their Cluster cells are empty.",
  );
  expect(w.some((x) => x.startsWith("Cluster 2"))).toBe(false);
  // One warning per row under the heading.
  const sheet = paint(layout);
  const first = sheet.rowOf("Warnings") + 1;
  w.forEach((text, i) => expect(sheet.at(first + i, 0)?.value).toBe(text));
});

test("warnings: hidden rows, and the engine's warnings (such as too few distinct points) kept once", () => {
  const raw = rawFrom(
    [
      ["X", "Y"],
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 2],
    ],
    { hiddenRows: [false, false, false, false, true] },
  );
  const prepared = prepareData(raw, { visibleOnly: true });
  const fit = fitFor(prepared, [0, 0, 1], 2, { warnings: ["engine says so", "engine says so"] });
  const w = resultWarnings(prepared, fit, recordFor(prepared));
  expect(w.filter((x) => x === "engine says so")).toHaveLength(1);
  expect(w).toContain(
    "1 of 4 rows were left out (1 hidden or filtered out: row 5 of Sheet1); their Cluster cells are empty.",
  );
});

test("no warnings shows None.", () => {
  const raw = rawFrom([["X"], [1], [2], [10], [11]]);
  const prepared = prepareData(raw);
  const layout = buildResultsLayout({
    prepared,
    fit: fitFor(prepared, [0, 0, 1, 1], 2),
    record: recordFor(prepared),
    labelAddress: "Sheet1!B1:B5",
  });
  expect(layout.warnings).toEqual([]);
  const sheet = paint(layout);
  expect(sheet.at(sheet.rowOf("Warnings") + 1, 0)?.value).toBe("None.");
  expect(sheet.valueRight("Header row")).toBe("yes (detected)");
  expect(sheet.at(sheet.rowOf("Header row"), 2)?.value).toBe(
    "The first row is the header: text over numbers.",
  );
});

test("the prepared data's notices, such as a stray value far below the data, are warnings on the sheet", () => {
  const rows: unknown[][] = [["X", "Y"]];
  for (let i = 0; i < 10; i++) rows.push([i, i % 3]);
  for (let i = 0; i < 1500; i++) rows.push(["", ""]);
  rows.push([5, ""]);
  const prepared = prepareData(rawFrom(rows, { sheetName: "Data" }));
  const labels = Array.from({ length: 10 }, (_, i) => (i < 5 ? 0 : 1));
  const w = resultWarnings(prepared, fitFor(prepared, labels, 2), recordFor(prepared));
  expect(w).toContain(
    "Rows 12–1511 of Data are blank; A1512 holds 5 far below the data: clear it or select A1:B11.",
  );
});

test("non-finite numbers are written as n/a", () => {
  const raw = rawFrom([["X"], [1], [2], [10], [11]]);
  const prepared = prepareData(raw);
  const fit = fitFor(prepared, [0, 0, 1, 1], 2, { inertia: Number.NaN, silhouette: null });
  const sheet = paint(buildResultsLayout({ prepared, fit, record: recordFor(prepared), labelAddress: "x" }));
  expect(sheet.valueRight("Inertia")).toBe("n/a");
  expect(sheet.valueRight("Silhouette")).toBe("n/a");
});

test("results sheet names avoid taken ones, case-insensitively, within 31 characters", () => {
  expect(resultsSheetName([])).toBe("K-Means Results");
  expect(resultsSheetName(["Sheet1", "k-means results"])).toBe("K-Means Results (2)");
  expect(resultsSheetName(["K-Means Results", "K-Means Results (2)"])).toBe("K-Means Results (3)");
  const long = "A".repeat(31);
  const name = resultsSheetName([long], long);
  expect(name).toBe(`${"A".repeat(27)} (2)`);
  expect(name.length).toBeLessThanOrEqual(31);
});

test("table headers are made unique the way Excel requires", () => {
  expect(uniqueHeaders(["Cluster", "Size", "size", "Size", "Size (2)"])).toEqual([
    "Cluster",
    "Size",
    "size (2)",
    "Size (3)",
    "Size (2) (2)",
  ]);
  const raw = rawFrom([
    ["Size", "Cluster"],
    [1, 2],
    [3, 4],
  ]);
  const prepared = prepareData(raw);
  const layout = buildResultsLayout({
    prepared,
    fit: fitFor(prepared, [0, 1], 2),
    record: recordFor(prepared),
    labelAddress: "x",
  });
  const sheet = paint(layout);
  expect(sheet.at(layout.table.row, 4)?.value).toBe("Size (2)");
  expect(sheet.at(layout.table.row, 5)?.value).toBe("Cluster (2)");
});

describe("notes: long sentences wrap in columns of fixed width", () => {
  test("every text cell over NOTE_MIN_CHARS outside the tables and headings is in a note run, and no other", () => {
    const { layout } = scenario();
    const sheet = paint(layout);
    const inNotes = (row: number, column: number) =>
      layout.notes.some((r) => r.column === column && row >= r.row && row < r.row + r.rowCount);
    const heading = new Set(layout.headingCells.map((h) => `${h.row},${h.column}`));
    // The centroid table with its descriptions beside it, and the ANOVA and z-score tables.
    const tables = [layout.table, layout.descriptions, layout.meaning.anovaTable, layout.meaning.zScoreTable];
    expect(tables.every((t) => t !== null)).toBe(true);
    let long = 0;
    for (const [key, { value }] of sheet.cells) {
      const [row, column] = key.split(",").map(Number);
      const inTable = tables.some(
        (t) =>
          t !== null &&
          row >= t.row &&
          row < t.row + t.rowCount &&
          column >= t.column &&
          column < t.column + t.columnCount,
      );
      const note =
        typeof value === "string" && value.length > NOTE_MIN_CHARS && !inTable && !heading.has(key);
      if (note) long++;
      expect([key, inNotes(row, column)]).toEqual([key, note]);
    }
    // The warnings (column A) and the fit-quality explanations (column C) at least.
    expect(long).toBeGreaterThanOrEqual(layout.warnings.length + 1);
    expect(layout.notes.every((r) => r.columnCount === 1)).toBe(true);
  });

  test("consecutive notes in a column are one run; their columns keep NOTE_COLUMN_WIDTH", () => {
    const { layout } = scenario();
    const sheet = paint(layout);
    const first = sheet.rowOf(layout.warnings[0]);
    // The warnings are one block down column A.
    expect(layout.notes).toContainEqual({
      row: first,
      column: 0,
      rowCount: layout.warnings.length,
      columnCount: 1,
    });
    expect(layout.noteColumns).toEqual([
      { column: 0, width: NOTE_COLUMN_WIDTH },
      { column: 2, width: NOTE_COLUMN_WIDTH },
    ]);
  });
});

describe("the within-cluster sums of squares are in the inertia's space", () => {
  const irisRows = JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "fixtures", "iris.json"), "utf8"),
  ) as { X: number[][]; columns: string[] };

  function layoutOf(rows: number[][], scaling: KMeansSettings["scaling"]) {
    const { prepared } = sampleTable(["a", "b", "c", "d"], rows);
    const settings = { ...SETTINGS, k: 3, scaling };
    const fit = fitKMeans(prepared.X, settings, () => {});
    const record = recordFor(prepared, settings);
    const layout = buildResultsLayout({ prepared, fit, record, labelAddress: "Sheet1!E1:E151" });
    const sheet = paint(layout);
    const t = layout.table;
    const wcss = Array.from({ length: 3 }, (_, c) => sheet.at(t.row + 1 + c, 3)?.value as number);
    return { fit, layout, sheet, wcss, header: sheet.at(t.row, 3)?.value };
  }

  test.each(["standard", "minmax", "none"] as const)(
    "iris, %s scaling: the column adds up to the inertia",
    (scaling) => {
      const { fit, wcss, header, sheet } = layoutOf(irisRows.X, scaling);
      const total = wcss.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - fit.inertia) / fit.inertia).toBeLessThan(1e-9);
      expect(sheet.valueRight("Inertia")).toBe(fit.inertia);
      expect(header).toBe(scaling === "none" ? "Within-cluster SS" : "Within-cluster SS (scaled)");
      expect(String(sheet.at(sheet.rowOf("Inertia"), 2)?.value)).toContain("within-cluster SS");
    },
  );

  test.each([1e200, 1e-200])("values of size %s: every number on the sheet is finite, none n/a", (unit) => {
    const { layout, fit } = layoutOf(
      irisRows.X.map((r) => r.map((v) => v * unit)),
      "standard",
    );
    const reference = layoutOf(irisRows.X, "standard");
    for (const b of layout.blocks) {
      for (const line of b.cells)
        for (const v of line) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
    const sheet = paint(layout);
    const t = layout.table;
    for (let r = 1; r < t.rowCount; r++) {
      for (let c = 0; c < t.columnCount; c++) expect(sheet.at(t.row + r, c)?.value).not.toBe("n/a");
    }
    // The clustering and its numbers are those of the data in ordinary units, the centres scaled back.
    expect(Array.from(fit.labels)).toEqual(Array.from(reference.fit.labels));
    fit.centers.data.forEach((v, i) => expect(v / unit).toBeCloseTo(reference.fit.centers.data[i], 10));
  });
});

test("a column called constant by scikit-learn's bounds is said to be constant only when its values are all equal", () => {
  const rows = Array.from({ length: 12 }, (_, i) => [i % 2 === 0 ? i : i + 20, (1 + (i % 3)) * 1e-20, 4]);
  const { prepared } = sampleTable(["x", "tiny", "four"], rows);
  const settings = { ...SETTINGS, k: 2, scaling: "minmax" as const };
  const fit = fitKMeans(prepared.X, settings, () => {});
  // Min-max's bound is absolute (a range under 10 × 2.2e-16): both columns are "constant" to the scaler.
  expect(fit.scaler.constantColumns).toEqual([1, 2]);
  const w = resultWarnings(prepared, fit, recordFor(prepared, settings));
  expect(w).toContain("Constant columns (one value in every row) cannot separate clusters: four.");
  expect(w).toContain(
    "Columns whose values differ too little for minmax scaling to resolve were left unscaled and barely count: tiny.",
  );
});
