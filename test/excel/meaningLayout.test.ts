/** "What defines each cluster" on the results sheet (src/excel/meaningLayout.ts), read without Excel. */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { fitDbscan } from "../../src/analysis/dbscan";
import { fitKMeans } from "../../src/analysis/kmeans";
import { blockRect, overlaps, TEXT_FORMAT } from "../../src/excel/cells";
import {
  ANOVA_HEADER,
  clusterSeriesName,
  COLOR_HIGH,
  COLOR_LOW,
  COLOR_MID,
  CONSTANT_REASON,
  DESCRIPTION_HEADER,
  ETA_SQUARED_FORMAT,
  MEANING_HEADING,
  NO_WITHIN_SPREAD_REASON,
  P_VALUE_FORMAT,
  SERIES_DESCRIPTION_MAX,
  Z_SCORE_FORMAT,
} from "../../src/excel/meaningLayout";
import { buildResultsLayout, type CellValue, type ResultsLayout } from "../../src/excel/resultsLayout";
import type { PreparedData } from "../../src/excel/types";
import {
  CLOSE_TO_AVERAGE,
  dbscanRun,
  DESCRIBE_MAX_COLUMNS,
  DESCRIBE_MIN_SD,
  describeClusters,
  type ClusteringReport,
  type RunSettings,
} from "../../src/model";
import { loadFixture } from "../engine/fixtures";
import { fitFor, rawFrom, recordFor, sampleTable, SETTINGS } from "./fixtures";
import { prepareData } from "../../src/excel/prepare";

const iris = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "iris.json"), "utf8")) as {
  X: number[][];
  columns: string[];
};

/** The layout painted onto a sparse grid: value and number format of every cell. */
function paint(layout: ResultsLayout) {
  const cells = new Map<string, { value: CellValue; format: string }>();
  for (const b of layout.blocks) {
    b.cells.forEach((line, r) =>
      line.forEach((value, c) =>
        cells.set(`${b.row + r},${b.column + c}`, { value, format: b.formats[r][c] }),
      ),
    );
  }
  const at = (row: number, column: number) => cells.get(`${row},${column}`);
  const texts = [...cells.values()].map((c) => c.value).filter((v): v is string => typeof v === "string");
  return { at, texts };
}

function irisLayout(scaling: "standard" | "minmax" | "none" = "standard") {
  const { prepared } = sampleTable(iris.columns, iris.X);
  const settings = { ...SETTINGS, k: 3, scaling };
  const fit = fitKMeans(prepared.X, settings, () => {});
  const layout = buildResultsLayout({
    prepared,
    fit,
    record: recordFor(prepared, settings),
    labelAddress: "Sheet1!E1:E151",
  });
  return { prepared, fit, layout, sheet: paint(layout) };
}

function layoutOf(prepared: PreparedData, fit: ClusteringReport, settings: Partial<RunSettings> = {}) {
  const record = {
    ...recordFor(prepared),
    settings: { ...recordFor(prepared).settings, ...settings } as RunSettings,
  };
  const layout = buildResultsLayout({ prepared, fit, record, labelAddress: "Sheet1!Z1" });
  return { layout, sheet: paint(layout) };
}

describe("iris, k = 3", () => {
  const { fit, layout, sheet } = irisLayout();
  const anova = fit.meaning.anova!;
  const t = layout.meaning.anovaTable!;
  const z = layout.meaning.zScoreTable!;
  const columns = iris.columns;
  const rowOfTable = (r: number, width: number) =>
    Array.from({ length: width }, (_, c) => sheet.at(r, c)?.value);

  test("the section sits under the centroid table, with a heading", () => {
    const heading = layout.headingCells.find((h) => sheet.at(h.row, h.column)?.value === MEANING_HEADING);
    expect(heading).toBeDefined();
    expect(heading!.row).toBe(layout.table.row + layout.table.rowCount + 1);
    expect(t.row).toBeGreaterThan(heading!.row);
    expect(z.row).toBeGreaterThan(t.row + t.rowCount);
  });

  test("one ANOVA row per column, sorted by η² descending, the numbers the report's", () => {
    expect(rowOfTable(t.row, 5)).toEqual(ANOVA_HEADER);
    expect(t).toMatchObject({ column: 0, rowCount: 5, columnCount: 5 });
    const names = Array.from({ length: 4 }, (_, r) => sheet.at(t.row + 1 + r, 0)?.value as string);
    expect([...names].sort()).toEqual([...columns].sort());
    const etas = names.map((_, r) => sheet.at(t.row + 1 + r, 3)?.value as number);
    expect(etas).toEqual([...etas].sort((a, b) => b - a));
    // Petal length separates iris's clusters best.
    expect(names[0]).toBe("petal length (cm)");
    names.forEach((name, r) => {
      const j = columns.indexOf(name);
      expect(rowOfTable(t.row + 1 + r, 5)).toEqual([name, anova.f[j], anova.p[j], anova.etaSquared[j], ""]);
      expect(sheet.at(t.row + 1 + r, 2)?.format).toBe(P_VALUE_FORMAT);
      expect(sheet.at(t.row + 1 + r, 3)?.format).toBe(ETA_SQUARED_FORMAT);
    });
    // The p-values are far below what General would show: numbers, in a scientific format.
    const p = sheet.at(t.row + 1, 2)!.value;
    expect(typeof p).toBe("number");
    expect(p).toBeLessThan(1e-50);
    expect(layout.headerRows).toContainEqual({ ...t, rowCount: 1 });
  });

  test("the note names the test, the space, the rows and scikit-learn's f_classif", () => {
    expect(sheet.texts).toContain(
      "A one-way ANOVA of each column across the clusters, in the space the clustering ran in (standard scaling), on 150 clustered rows: the same F and p-value as scikit-learn's f_classif.",
    );
    expect(sheet.texts.some((s) => s.startsWith("η² is the share of the column's variance"))).toBe(true);
    expect(irisLayout("none").sheet.texts.some((s) => s.includes("(no scaling: the data's own units)"))).toBe(
      true,
    );
    expect(irisLayout("minmax").sheet.texts.some((s) => s.includes("(minmax scaling)"))).toBe(true);
  });

  test("the z-scores: cluster × column, in the ANOVA's order, the report's numbers", () => {
    const order = Array.from({ length: 4 }, (_, r) =>
      columns.indexOf(sheet.at(t.row + 1 + r, 0)?.value as string),
    );
    expect(rowOfTable(z.row, 5)).toEqual(["Cluster", ...order.map((j) => columns[j])]);
    expect(z).toMatchObject({ column: 0, rowCount: 4, columnCount: 5 });
    const zs = fit.meaning.zScores;
    for (let c = 0; c < 3; c++) {
      expect(rowOfTable(z.row + 1 + c, 5)).toEqual([c + 1, ...order.map((j) => zs.data[c * 4 + j])]);
      for (let i = 1; i <= 4; i++) expect(sheet.at(z.row + 1 + c, i)?.format).toBe(Z_SCORE_FORMAT);
    }
    expect(sheet.texts).toContain(
      "z-scores: each cluster's mean minus the overall mean, in standard deviations of the column, in the same space on the same 150 clustered rows.",
    );
  });

  test("a 3-colour scale over the z-scores: blue, white at the number 0, red, symmetric about 0", () => {
    expect(layout.colorScales).toHaveLength(1);
    const [scale] = layout.colorScales;
    expect(scale.range).toEqual({ row: z.row + 1, column: 1, rowCount: 3, columnCount: 4 });
    const { minimum, midpoint, maximum } = scale.criteria;
    expect(midpoint).toEqual({ type: "Number", formula: "0", color: COLOR_MID });
    expect(COLOR_MID).toBe("#FFFFFF");
    expect(minimum).toMatchObject({ type: "Number", color: COLOR_LOW });
    expect(maximum).toMatchObject({ type: "Number", color: COLOR_HIGH });
    const end = Number(maximum.formula);
    expect(Number(minimum.formula)).toBe(-end);
    const largest = Math.max(...Array.from(fit.meaning.zScores.data, Math.abs));
    expect(end).toBeGreaterThanOrEqual(largest);
    expect(end).toBeLessThan(largest + 0.1 + 1e-12);
    expect(sheet.texts).toContain(
      `Shaded by Excel's own colour scale (Home > Conditional Formatting): blue at -${end}, white at 0, red at +${end}.`,
    );
  });

  test("a description beside each cluster of the centroid table, and the thresholds in a note", () => {
    const d = layout.descriptions!;
    const table = layout.table;
    expect(d).toEqual({ row: table.row, column: table.columnCount, rowCount: 4, columnCount: 1 });
    expect(sheet.at(d.row, d.column)).toEqual({ value: DESCRIPTION_HEADER, format: TEXT_FORMAT });
    const lines = describeClusters(fit.meaning.zScores, columns);
    for (let c = 0; c < 3; c++)
      expect(sheet.at(d.row + 1 + c, d.column)).toEqual({ value: lines[c], format: TEXT_FORMAT });
    expect(lines.some((l) => l.includes("petal length (cm)"))).toBe(true);
    expect(sheet.texts).toContain(
      `Description (beside the cluster table): up to ${DESCRIBE_MAX_COLUMNS} columns whose z-score is at least ${DESCRIBE_MIN_SD} sd from 0, strongest first; "${CLOSE_TO_AVERAGE}" when none is.`,
    );
    // Not a note: it runs on into the empty cells to its right, so its column keeps its width.
    expect(layout.notes.some((r) => r.column === d.column)).toBe(false);
    expect(layout.headerRows).toContainEqual({ ...d, rowCount: 1 });
  });

  test("the scatter's series carry the descriptions", () => {
    const scatter = layout.charts.find((c) => c.name === "Cluster scatter")!;
    const lines = describeClusters(fit.meaning.zScores, columns);
    expect(scatter.series.slice(0, 3).map((s) => s.name)).toEqual(
      lines.map((l, c) =>
        l.length <= SERIES_DESCRIPTION_MAX ? `Cluster ${c + 1}: ${l}` : `Cluster ${c + 1}`,
      ),
    );
  });

  test("no chart covers a cell of the new tables", () => {
    for (const chart of layout.charts)
      for (const b of layout.blocks)
        expect([chart.name, overlaps(chart.position, blockRect(b))]).toEqual([chart.name, false]);
  });
});

describe("columns the ANOVA cannot score", () => {
  // "split" is constant within each cluster but differs between them: F is infinite, p 0, η² 1.
  const rows = [
    [1, 7, 0],
    [2, 7, 0],
    [4, 7, 0],
    [10, 7, 5],
    [11, 7, 5],
    [13, 7, 5],
  ];
  const { prepared } = sampleTable(["spread", "const", "split"], rows);
  const fit = fitFor(prepared, [0, 0, 0, 1, 1, 1], 2);
  const { layout, sheet } = layoutOf(prepared, fit);
  const t = layout.meaning.anovaTable!;
  const line = (r: number) => Array.from({ length: 5 }, (_, c) => sheet.at(t.row + 1 + r, c)?.value);

  test("a constant column is blank, with the reason, last; an infinite F is blank, with p 0 and η² 1", () => {
    expect(Number.isNaN(fit.meaning.anova!.etaSquared[1])).toBe(true);
    expect(fit.meaning.anova!.f[2]).toBe(Infinity);
    expect(line(0)).toEqual(["split", "", 0, 1, NO_WITHIN_SPREAD_REASON]);
    expect(line(1)[0]).toBe("spread");
    expect(line(2)).toEqual(["const", "", "", "", CONSTANT_REASON]);
    // Reasons are short: they stay in their column, no note (see resultsLayout's notes).
    expect(CONSTANT_REASON.length).toBeLessThanOrEqual(30);
    expect(NO_WITHIN_SPREAD_REASON.length).toBeLessThanOrEqual(30);
    expect(sheet.texts.some((s) => s.startsWith("A blank F, p-value or η² cannot be computed"))).toBe(true);
    // Blank cells hold no text: never "NaN" or "Infinity" as a string.
    expect(sheet.texts.some((s) => /NaN|Infinity/.test(s))).toBe(false);
  });

  test("without an ANOVA (fewer than 2 clusters) the note says why; the z-scores stay, in the columns' order", () => {
    const none = fitFor(prepared, [0, 0, 0, 1, 1, 1], 2, {
      meaning: { anova: null, zScores: fit.meaning.zScores },
    });
    const { layout: l, sheet: s } = layoutOf(prepared, none);
    expect(l.meaning.anovaTable).toBeNull();
    expect(s.texts.some((x) => x.startsWith("No ANOVA: it needs at least 2 clusters"))).toBe(true);
    const z = l.meaning.zScoreTable!;
    expect(Array.from({ length: 4 }, (_, c) => s.at(z.row, c)?.value)).toEqual([
      "Cluster",
      "spread",
      "const",
      "split",
    ]);
  });
});

describe("DBSCAN", () => {
  const moons = loadFixture("moons");
  const { prepared } = sampleTable(moons.columns, moons.X);
  const settings = dbscanRun({ eps: 0.12, minSamples: 5, scaling: "none", seed: 42 });
  const fit = fitDbscan(prepared.X, settings, () => {});
  const { layout, sheet } = layoutOf(prepared, fit, settings);

  test("the note counts the clustered rows only, and says the noise is left out", () => {
    expect(fit.noiseCount).toBeGreaterThan(0);
    const n = prepared.X.rows - fit.noiseCount;
    expect(sheet.texts).toContain(
      `A one-way ANOVA of each column across the clusters, in the space the clustering ran in (no scaling: the data's own units), on ${n} clustered rows (DBSCAN: noise rows left out): the same F and p-value as scikit-learn's f_classif.`,
    );
    expect(layout.meaning.zScoreTable!.rowCount).toBe(fit.clusterCount + 1);
  });

  test('the noise series stays "Noise"; the clusters\' carry their descriptions', () => {
    const scatter = layout.charts.find((c) => c.name === "Cluster scatter")!;
    const names = scatter.series.map((s) => s.name);
    expect(names.slice(-2)).toEqual(["Noise", "Cluster means"]);
    expect(names.filter((x) => /^Cluster \d+: /.test(x))).toHaveLength(fit.clusterCount);
  });
});

test("a series keeps the plain name when its description is too long for a legend", () => {
  const short = "high a (+1.2 sd)";
  const long = "high a_very_long_column_name (+1.2 sd), low another_long_column_name (-0.9 sd)";
  expect(long.length).toBeGreaterThan(SERIES_DESCRIPTION_MAX);
  expect(clusterSeriesName(1, short)).toBe("Cluster 1: high a (+1.2 sd)");
  expect(clusterSeriesName(2, long)).toBe("Cluster 2");
  expect(clusterSeriesName(3, undefined)).toBe("Cluster 3");
});

test("no chart covers the new tables, nor do they cover each other, whatever the clusters, rows or columns", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 12 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 8 }),
      (k, extra, d) => {
        const n = k + extra;
        const header = Array.from({ length: d }, (_, j) => `Feature number ${j + 1} with a long name`);
        const values: unknown[][] = [header];
        for (let i = 0; i < n; i++)
          values.push(Array.from({ length: d }, (_, j) => ((i * 7 + j * 3) % 11) + i / n));
        const prepared = prepareData(rawFrom(values));
        const fit = fitFor(
          prepared,
          Array.from({ length: n }, (_, i) => i % k),
          k,
        );
        const { layout } = layoutOf(prepared, fit, { k } as Partial<RunSettings>);
        const own = [layout.descriptions, layout.meaning.anovaTable, layout.meaning.zScoreTable].filter(
          (r) => r !== null,
        );
        expect(own).toHaveLength(3);
        for (const chart of layout.charts) {
          for (const b of layout.blocks) expect(overlaps(chart.position, blockRect(b))).toBe(false);
        }
        // Every block has cells of its own: none writes over another's.
        const rects = layout.blocks.map(blockRect);
        rects.forEach((a, i) =>
          rects.forEach((b, j) => i < j && expect([i, j, overlaps(a, b)]).toEqual([i, j, false])),
        );
      },
    ),
    { numRuns: 40 },
  );
});
