import fc from "fast-check";
import { block, blockRect, overlaps, thousands, type Rect } from "../../src/excel/cells";
import {
  CHART_TITLES,
  INERTIA_AXIS_TITLE,
  K_AXIS_TITLE,
  PROFILE_HEADER,
  SILHOUETTE_AXIS_TITLE,
  SWEEP_HEADER,
  silhouetteAxis,
  type ChartSpec,
} from "../../src/excel/chartLayout";
import { prepareData } from "../../src/excel/prepare";
import {
  buildResultsLayout,
  TEXT_FORMAT,
  type CellValue,
  type ResultsLayout,
} from "../../src/excel/resultsLayout";
import type { KMeansReport, ScatterData, SweepReport } from "../../src/model";
import { fitFor, rawFrom, recordFor, sweepFor } from "./fixtures";

/** n rows of two features in three groups, labelled by group. */
function scenario(options: { n?: number; sweep?: SweepReport; fit?: Partial<KMeansReport> } = {}) {
  const n = options.n ?? 30;
  const values: unknown[][] = [["Height", "Weight"]];
  for (let i = 0; i < n; i++) values.push([(i % 3) * 10 + (i % 7) / 10, (i % 3) * 5 - (i % 5) / 10]);
  const raw = rawFrom(values, { sheetName: "Data" });
  raw.address = `Data!A1:B${n + 1}`;
  const prepared = prepareData(raw);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const fit = fitFor(prepared, labels, 3, options.fit);
  const record = recordFor(prepared, { k: 3 });
  const layout = buildResultsLayout({
    prepared,
    fit,
    record,
    labelAddress: `Data!C1:C${n + 1}`,
    sweep: options.sweep,
  });
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
  const at = (row: number, column: number) => cells.get(`${row},${column}`)?.value ?? "";
  const read = (r: Rect) => {
    const out: CellValue[] = [];
    for (let i = 0; i < r.rowCount; i++)
      for (let j = 0; j < r.columnCount; j++) out.push(at(r.row + i, r.column + j));
    return out;
  };
  const find = (value: CellValue): { row: number; column: number } => {
    for (const [key, cell] of cells) {
      if (cell.value === value) {
        const [row, column] = key.split(",").map(Number);
        return { row, column };
      }
    }
    throw new Error(`no cell ${String(value)}`);
  };
  return { cells, at, read, find };
}

function chart(layout: ResultsLayout, title: string): ChartSpec {
  const c = layout.charts.find((x) => x.title.startsWith(title));
  if (!c) throw new Error(`no chart ${title}`);
  return c;
}

/** Every chart is clear of every block, every other chart and every section heading's row of text. */
function expectNoOverlap(layout: ResultsLayout): void {
  const blocks = layout.blocks.map(blockRect);
  layout.charts.forEach((c, i) => {
    for (const b of blocks) expect([c.name, b, overlaps(c.position, b)]).toEqual([c.name, b, false]);
    layout.charts.forEach((d, j) => {
      if (i !== j)
        expect([c.name, d.name, overlaps(c.position, d.position)]).toEqual([c.name, d.name, false]);
    });
  });
}

/** Each series reads cells inside one block, right of which (and clear of which) its chart sits. */
function expectBesideSources(layout: ResultsLayout): void {
  const blocks = layout.blocks.map(blockRect);
  for (const c of layout.charts) {
    for (const s of c.series) {
      for (const r of [s.values, s.xValues]) {
        expect(r.columnCount).toBe(1);
        expect(r.rowCount).toBe(s.values.rowCount);
        const home = blocks.find(
          (b) =>
            r.row >= b.row &&
            r.row + r.rowCount <= b.row + b.rowCount &&
            r.column >= b.column &&
            r.column + r.columnCount <= b.column + b.columnCount,
        );
        expect(home).toBeDefined();
        expect(c.position.column).toBeGreaterThan(home!.column + home!.columnCount - 1);
      }
    }
  }
}

describe("the sweep table", () => {
  const sweep = sweepFor(1, 8);
  const { layout } = scenario({ sweep });
  const sheet = paint(layout);
  const top = sheet.find("Choosing k: scores for each number of clusters");
  const header = sheet.find("Elbow (knee)");
  const headerRow = header.row;

  test("k, inertia, mean silhouette, CH, DB, and the marked points' helper columns", () => {
    expect(headerRow).toBeGreaterThan(top.row);
    expect(sheet.read({ row: headerRow, column: 0, rowCount: 1, columnCount: 7 })).toEqual(SWEEP_HEADER);
    sweep.rows.forEach((r, i) => {
      expect(sheet.read({ row: headerRow + 1 + i, column: 0, rowCount: 1, columnCount: 7 })).toEqual([
        r.k,
        r.inertia,
        r.silhouette ?? "",
        r.calinskiHarabasz ?? "",
        r.daviesBouldin ?? "",
        r.k === 3 ? r.inertia : "",
        r.k === 3 ? r.silhouette : "",
      ]);
    });
    // Undefined scores are blank cells, which charts skip (text such as "n/a" would plot as 0).
    expect(sheet.at(headerRow + 1, 2)).toBe("");
    expect(layout.headerRows).toContainEqual({ row: headerRow, column: 0, rowCount: 1, columnCount: 7 });
  });

  test("notes say what the blanks and the helper columns mean, and when the silhouette was sampled", () => {
    const notes = [...sheet.cells.values()].map((c) => String(c.value));
    expect(notes).toContain("A blank score is undefined for that k (k = 1, or a single cluster found).");
    expect(notes.some((t) => t.startsWith("Mean silhouette on a seeded sample"))).toBe(false);
    const sampled = sweepFor(2, 5);
    sampled.rows.forEach((r) => (r.silhouetteSampled = true));
    const big = paint(scenario({ sweep: sampled }).layout);
    const texts = [...big.cells.values()].map((c) => String(c.value));
    // recordFor's sample size is 1000; the scenario has 30 rows, so the note says what would be sampled.
    expect(texts).toContain(
      "Mean silhouette on a seeded sample of 30 of the 30 rows; exact when there are at most 1,000 rows.",
    );
    expect(texts).not.toContain("A blank score is undefined for that k (k = 1, or a single cluster found).");
  });

  test("the elbow chart: inertia against k, the knee as its own series, titled for a person", () => {
    const c = chart(layout, CHART_TITLES.elbow);
    const ks: Rect = { row: headerRow + 1, column: 0, rowCount: 8, columnCount: 1 };
    expect(c).toMatchObject({
      type: "XYScatterLines",
      title: "Elbow method: inertia by number of clusters",
      xAxisTitle: "Number of clusters (k)",
      yAxisTitle: "Inertia (within-cluster sum of squares)",
      legend: { visible: true },
    });
    expect(c.series.map((s) => s.name)).toEqual(["Inertia", "Elbow at k = 3"]);
    expect(c.series[0]).toMatchObject({ xValues: ks, values: { ...ks, column: 1 } });
    expect(c.series[1]).toMatchObject({ xValues: ks, values: { ...ks, column: 5 }, markerStyle: "Diamond" });
    expect(sheet.read(c.series[1].values).filter((v) => v !== "")).toEqual([sweep.rows[2].inertia]);
    expect(K_AXIS_TITLE).toBe(c.xAxisTitle);
    expect(INERTIA_AXIS_TITLE).toBe(c.yAxisTitle);
  });

  test("the silhouette chart: mean silhouette against k, the best k marked", () => {
    const c = chart(layout, CHART_TITLES.silhouette);
    expect(c).toMatchObject({
      type: "XYScatterLines",
      title: "Silhouette: mean score by number of clusters",
      xAxisTitle: K_AXIS_TITLE,
      yAxisTitle: SILHOUETTE_AXIS_TITLE,
    });
    expect(c.series.map((s) => s.name)).toEqual(["Mean silhouette", "Best silhouette at k = 3"]);
    expect(sheet.read(c.series[0].values)).toEqual(sweep.rows.map((r) => r.silhouette ?? ""));
    expect(sheet.read(c.series[1].values).filter((v) => v !== "")).toEqual([0.72]);
    // Stacked under the elbow chart, in the same columns, so both k axes line up.
    const elbow = chart(layout, CHART_TITLES.elbow);
    expect(c.position.column).toBe(elbow.position.column);
    expect(c.position.row).toBe(elbow.position.row + elbow.position.rowCount + 1);
    expect(elbow.position.row).toBe(headerRow);
  });

  test("the silhouette chart's value axis runs from 0 to 1, whatever the means; the elbow's is Excel's", () => {
    // Means of 0.12 to 0.14: scaled to the data, the 0.02 between them would fill the chart.
    const flat = sweepFor(2, 7);
    flat.rows.forEach((r, i) => (r.silhouette = 0.12 + (i % 3) / 100));
    const l = scenario({ sweep: flat }).layout;
    expect(chart(l, CHART_TITLES.silhouette).valueAxis).toEqual({ minimum: 0, maximum: 1 });
    expect(chart(l, CHART_TITLES.elbow).valueAxis).toBeUndefined();
    expect(chart(l, CHART_TITLES.profile).valueAxis).toBeUndefined();
    expect(chart(layout, CHART_TITLES.silhouette).valueAxis).toEqual({ minimum: 0, maximum: 1 });
  });

  test("a negative mean silhouette keeps its point on the chart: the axis starts at the tenth below it", () => {
    const low = sweepFor(2, 5);
    low.rows[3].silhouette = -0.13;
    const axis = chart(scenario({ sweep: low }).layout, CHART_TITLES.silhouette).valueAxis!;
    expect(axis.minimum).toBeLessThanOrEqual(-0.13);
    expect(axis.minimum).toBeGreaterThan(-0.13 - 0.1);
    expect(axis.maximum).toBe(1);
    expect(silhouetteAxis([-1, 0.5]).minimum).toBe(-1);
  });

  test("no knee, no best k: the curves without marks; no silhouette at all: that chart is unavailable", () => {
    const plain = scenario({ sweep: sweepFor(1, 6, { elbowK: null, bestSilhouetteK: null }) }).layout;
    expect(chart(plain, CHART_TITLES.elbow).series.map((s) => s.name)).toEqual(["Inertia"]);
    expect(chart(plain, CHART_TITLES.silhouette).series.map((s) => s.name)).toEqual(["Mean silhouette"]);
    const none = sweepFor(1, 4, { bestSilhouetteK: null });
    none.rows.forEach((r) => (r.silhouette = null));
    const l = scenario({ sweep: none }).layout;
    expect(l.charts.map((c) => c.title)).not.toContain(CHART_TITLES.silhouette);
    expect(l.chartsUnavailable).toEqual([`${CHART_TITLES.silhouette} — no k had a defined silhouette`]);
  });

  test("without a sweep there is no sweep table and no elbow or silhouette chart", () => {
    const l = scenario().layout;
    expect(l.charts.map((c) => c.title)).toEqual([CHART_TITLES.profile, CHART_TITLES.scatterPca]);
    expect([...paint(l).cells.values()].some((c) => c.value === "Elbow (knee)")).toBe(false);
  });
});

describe("silhouette by cluster", () => {
  test("a table of cluster, size and mean silhouette, plotted as columns", () => {
    const { layout, fit } = scenario({ fit: { silhouetteByCluster: [0.7, null, -0.1] } });
    const sheet = paint(layout);
    const h = sheet.find("Mean silhouette");
    expect(sheet.read({ row: h.row, column: 0, rowCount: 1, columnCount: 3 })).toEqual(PROFILE_HEADER);
    expect(sheet.read({ row: h.row + 1, column: 0, rowCount: 3, columnCount: 3 })).toEqual([
      1,
      fit.profile[0].size,
      0.7,
      2,
      fit.profile[1].size,
      "",
      3,
      fit.profile[2].size,
      -0.1,
    ]);
    const c = chart(layout, CHART_TITLES.profile);
    expect(c).toMatchObject({
      type: "ColumnClustered",
      title: "Silhouette by cluster: higher is better-separated",
      xAxisTitle: "Cluster",
      yAxisTitle: SILHOUETTE_AXIS_TITLE,
      legend: { visible: false },
    });
    expect(c.series).toEqual([
      {
        name: "Mean silhouette",
        values: { row: h.row + 1, column: 2, rowCount: 3, columnCount: 1 },
        xValues: { row: h.row + 1, column: 0, rowCount: 3, columnCount: 1 },
      },
    ]);
    expect(c.position).toMatchObject({ row: h.row, column: 4 });
  });

  test("an undefined silhouette is said on the sheet, and the chart is unavailable", () => {
    const { layout } = scenario({ fit: { silhouetteByCluster: [null, null, null], silhouette: null } });
    expect(layout.charts.map((c) => c.title)).not.toContain(CHART_TITLES.profile);
    expect(layout.chartsUnavailable).toEqual([
      `${CHART_TITLES.profile} — the silhouette is undefined for this clustering`,
    ]);
    const texts = [...paint(layout).cells.values()].map((c) => c.value);
    expect(texts).toContain(
      "The silhouette is undefined for this clustering (a single cluster, or one row per cluster).",
    );
  });
});

describe("the cluster scatter", () => {
  test("one series per cluster from its own rows, and the centroids, on the principal components", () => {
    const { layout, fit } = scenario();
    const sheet = paint(layout);
    const c = chart(layout, CHART_TITLES.scatterPca);
    const ratio = fit.scatter.explainedVarianceRatio!;
    expect(c).toMatchObject({
      type: "XYScatter",
      title: "Clusters on the first two principal components",
      xAxisTitle: `PC1 (${(ratio[0] * 100).toFixed(1)} % of variance)`,
      yAxisTitle: `PC2 (${(ratio[1] * 100).toFixed(1)} % of variance)`,
      legend: { visible: true, position: "Right" },
    });
    expect(c.xAxisTitle).toMatch(/^PC1 \(\d+\.\d % of variance\)$/);
    // Each cluster's series carries its plain-word description (meaningLayout.ts), as the legend shows it.
    expect(c.series.map((s) => s.name)).toEqual([
      "Cluster 1: low Weight (-1.2 sd), low Height (-1.2 sd)",
      "Cluster 2: close to average on every column",
      "Cluster 3: high Height (+1.2 sd), high Weight (+1.2 sd)",
      "Centroids",
    ]);
    const { points, labels, centroids } = fit.scatter;
    for (let k = 0; k < 3; k++) {
      const s = c.series[k];
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < points.rows; i++) {
        if (labels[i] === k) {
          xs.push(points.data[2 * i]);
          ys.push(points.data[2 * i + 1]);
        }
      }
      expect(sheet.read(s.xValues)).toEqual(xs);
      expect(sheet.read(s.values)).toEqual(ys);
      // The cluster column beside them says the same.
      expect(new Set(sheet.read({ ...s.values, column: 0 }))).toEqual(new Set([k + 1]));
    }
    const cen = c.series[3];
    expect(cen.markerSize).toBeGreaterThan(c.series[0].markerSize!);
    expect(sheet.read(cen.xValues)).toEqual([0, 1, 2].map((j) => centroids.data[2 * j]));
    expect(sheet.read(cen.values)).toEqual([0, 1, 2].map((j) => centroids.data[2 * j + 1]));
    expect(sheet.read({ row: cen.xValues.row - 1, column: 0, rowCount: 1, columnCount: 3 })).toEqual([
      "Centroid",
      "PC1",
      "PC2",
    ]);
  });

  test("a sample says so in the title and on the sheet; a cluster with no plotted row gets no series", () => {
    const big: ScatterData = {
      axes: "pca",
      explainedVarianceRatio: [0.623, 0.2],
      points: { data: new Float64Array(40000).map((_, i) => i % 97), rows: 20000, cols: 2 },
      labels: new Int32Array(20000).map((_, i) => (i % 2) * 2),
      centroids: { data: Float64Array.from([0, 0, 1, 1, 2, 2]), rows: 3, cols: 2 },
      sampled: true,
    };
    const { layout } = scenario({ fit: { scatter: big } });
    const c = chart(layout, CHART_TITLES.scatterPca);
    expect(c.title).toBe("Clusters on the first two principal components (sample of 20,000 rows)");
    expect(c.xAxisTitle).toBe("PC1 (62.3 % of variance)");
    expect(c.yAxisTitle).toBe("PC2 (20.0 % of variance)");
    expect(c.series.map((s) => [s.name, s.values.rowCount])).toEqual([
      ["Cluster 1: low Weight (-1.2 sd), low Height (-1.2 sd)", 10000],
      ["Cluster 3: high Height (+1.2 sd), high Weight (+1.2 sd)", 10000],
      ["Centroids", 3],
    ]);
    const texts = [...paint(layout).cells.values()].map((x) => x.value);
    expect(texts).toContain(
      "The chart plots a seeded sample of 20,000 of the 30 rows, so Excel stays responsive.",
    );
    expect(texts).toContain("No plotted row is in cluster 2, so the chart has no series for it.");
    expectNoOverlap(layout);
  });

  test("two features chosen by the user: their names on the axes, in original units", () => {
    const { fit: base } = scenario();
    const scatter: ScatterData = { ...base.scatter, axes: [1, 0], explainedVarianceRatio: null };
    const { layout } = scenario({ fit: { scatter } });
    const c = chart(layout, "Clusters by");
    expect(c.title).toBe("Clusters by Weight and Height");
    expect([c.xAxisTitle, c.yAxisTitle]).toEqual(["Weight", "Height"]);
    const sheet = paint(layout);
    const h = sheet.find("Centroid");
    expect(sheet.read({ row: h.row, column: 0, rowCount: 1, columnCount: 3 })).toEqual([
      "Centroid",
      "Weight",
      "Height",
    ]);
  });
});

describe("placement", () => {
  test("charts are beside their sources, clear of every block and of each other", () => {
    const { layout } = scenario({ sweep: sweepFor(1, 10) });
    expect(layout.charts).toHaveLength(4);
    expectNoOverlap(layout);
    expectBesideSources(layout);
    // Sections go top-down: sweep, profile, scatter; each chart starts at its first table's header row.
    const rows = layout.charts.map((c) => c.position.row);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    // Everything sits below the summary at the top (the centroid table and the settings).
    expect(Math.min(...rows)).toBeGreaterThan(layout.table.row + layout.table.rowCount);
  });

  test("readable sizes: line and bar charts 8 × 15 cells, the scatter 10 × 24", () => {
    const { layout } = scenario({ sweep: sweepFor(2, 10) });
    const size = (t: string) => {
      const p = chart(layout, t).position;
      return [p.columnCount, p.rowCount];
    };
    expect(size(CHART_TITLES.elbow)).toEqual([8, 15]);
    expect(size(CHART_TITLES.silhouette)).toEqual([8, 15]);
    expect(size(CHART_TITLES.profile)).toEqual([8, 15]);
    expect(size(CHART_TITLES.scatterPca)).toEqual([10, 24]);
  });

  test("strings are text, numbers are not, in the new blocks too", () => {
    const { layout } = scenario({ sweep: sweepFor(1, 5) });
    for (const b of layout.blocks) {
      b.cells.forEach((line, r) =>
        line.forEach((v, c) => {
          if (v !== "") expect(b.formats[r][c] === TEXT_FORMAT).toBe(typeof v === "string");
        }),
      );
    }
  });

  test("never an overlap, whatever the number of clusters, rows, features or ks", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 14 }))),
        fc.boolean(),
        (k, extra, d, sweepRange, sampled) => {
          const n = k + extra;
          const header = Array.from({ length: d }, (_, j) => `Feature number ${j + 1} with a long name`);
          const values: unknown[][] = [header];
          for (let i = 0; i < n; i++)
            values.push(Array.from({ length: d }, (_, j) => ((i * 7 + j * 3) % 11) + i / n));
          const prepared = prepareData(rawFrom(values));
          const labels = Array.from({ length: n }, (_, i) => i % k);
          const fit = fitFor(prepared, labels, k, { silhouetteSampled: sampled });
          const sweep = sweepRange ? sweepFor(sweepRange[0], sweepRange[0] + sweepRange[1]) : undefined;
          const layout = buildResultsLayout({
            prepared,
            fit,
            record: recordFor(prepared, { k }),
            labelAddress: "x",
            sweep,
          });
          expectNoOverlap(layout);
          expectBesideSources(layout);
        },
      ),
      { numRuns: 60 },
    );
  });
});

test("thousands separators do not depend on the locale", () => {
  expect([thousands(7), thousands(1000), thousands(20000), thousands(1234567)]).toEqual([
    "7",
    "1,000",
    "20,000",
    "1,234,567",
  ]);
});

test("a block of more rows than a call takes arguments is laid out", () => {
  const rows = Array.from({ length: 200000 }, (_, i) => [i, i / 2]);
  const b = block(0, rows);
  expect(b.cells).toHaveLength(200000);
  expect(b.formats[199999]).toEqual(["General", "General"]);
});
