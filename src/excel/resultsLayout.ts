/**
 * The contents of the results sheet, as plain data: which values go where, which cells must stay text,
 * and where the centroid table is. Pure, so tests read the sheet without Excel; write.ts only copies it.
 */
import type { PreparedData, RunRecord } from "./types";
import { centresOf, type ClusteringReport, type SweepReport } from "../model";
import {
  TEXT_FORMAT,
  block,
  formatOf,
  type CellPosition,
  type CellValue,
  type LayoutBlock,
  type Rect,
} from "./cells";
import { buildChartSections, type ChartSpec } from "./chartLayout";
import {
  buildMeaningSection,
  clusterDescriptions,
  DESCRIPTION_HEADER,
  type ColorScaleSpec,
} from "./meaningLayout";
import { skippedReasons, type PrepareNotes } from "./prepare";

export { TEXT_FORMAT, type CellPosition, type CellValue, type LayoutBlock, type Rect } from "./cells";

export const RESULTS_SHEET_BASE = "K-Means Results";
/** Excel's limit on sheet names. */
const MAX_SHEET_NAME = 31;
/** Clusters below or above these shares of the rows get a warning. */
export const SMALL_CLUSTER_SHARE = 0.02;
export const LARGE_CLUSTER_SHARE = 0.8;

const PERCENT_FORMAT = "0.0%";
/** Text longer than this, outside the tables and headings, is a note: wrapped in a column of fixed width. */
export const NOTE_MIN_CHARS = 30;
/** The fixed width, in points, of a column holding notes: about 35 characters (the standard is 8.43, 48 pt). */
export const NOTE_COLUMN_WIDTH = 200;

export type ResultsLayout = {
  blocks: LayoutBlock[];
  /** The centroid table, header row included. */
  table: { row: number; column: number; rowCount: number; columnCount: number };
  /** Cells whose format is "@": set before their value, so "=x" or "007" is shown exactly as written. */
  textCells: CellPosition[];
  /** Cells written in bold (headings); the sheet is the add-in's own, so formatting it is allowed. */
  headingCells: CellPosition[];
  /** Header rows of the other tables (descriptions, ANOVA, z-scores, chart sources), also written in bold. */
  headerRows: Rect[];
  /** The plain-word line of each cluster, in the column right of the centroid table (header included). */
  descriptions: Rect | null;
  /** "What defines each cluster" (meaningLayout.ts): its ANOVA and z-score tables, header rows included. */
  meaning: { anovaTable: Rect | null; zScoreTable: Rect | null };
  /** Colour scales Excel keeps as conditional formats (the z-scores' shading). */
  colorScales: ColorScaleSpec[];
  /** The charts to draw, each beside the cells it plots (see chartLayout.ts). */
  charts: ChartSpec[];
  /** Charts the results cannot support, each as "title — reason". */
  chartsUnavailable: string[];
  warnings: string[];
  /** Cells holding long sentences (notes, warnings, settings text), as runs down a column: wrapped. */
  notes: Rect[];
  /**
   * The columns holding notes, with the width they keep. Excel autofits a whole column (office-js #5999),
   * so autofitting the table alone would make such a column as wide as its longest sentence.
   */
  noteColumns: { column: number; width: number }[];
};

/** What prepareData returns; the notes are optional so a PreparedData built elsewhere still lays out. */
export type PreparedInput = PreparedData & Partial<PrepareNotes>;

export type ResultsInput = {
  prepared: PreparedInput;
  fit: ClusteringReport;
  record: RunRecord;
  /** Where the labels went, to say so on the sheet. */
  labelAddress: string;
  /** The k sweep that chose k: a table with the elbow and silhouette charts. */
  sweep?: SweepReport;
};

/** "K-Means Results", or "K-Means Results (2)", (3)… when taken; Excel compares names case-insensitively. */
export function resultsSheetName(existing: readonly string[], base = RESULTS_SHEET_BASE): string {
  const taken = new Set(existing.map((s) => s.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base.slice(0, MAX_SHEET_NAME);
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Makes names unique as Excel table headers must be (case-insensitively), by appending " (2)", " (3)"… */
export function uniqueHeaders(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let i = 2; seen.has(candidate.toLowerCase()); i++) candidate = `${name} (${i})`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

export function buildResultsLayout(input: ResultsInput): ResultsLayout {
  const { prepared, fit, record, labelAddress } = input;
  const settings = record.settings;
  const centres = centresOf(fit);
  const k = centres.rows;
  const d = centres.cols;
  const featureNames = prepared.features.map((c) => prepared.columns[c].name);
  const warnings = resultWarnings(prepared, fit, record);

  const blocks: LayoutBlock[] = [];
  const headingCells: CellPosition[] = [];
  let row = 0;
  const heading = (text: string) => {
    headingCells.push({ row, column: 0 });
    blocks.push(block(row, [[text]]));
    row++;
  };
  const pairs = (rows: CellValue[][]) => {
    blocks.push(block(row, rows));
    row += rows.length + 1;
  };

  const dbscan = fit.clusterer === "dbscan" ? fit : null;
  heading(dbscan ? "DBSCAN clustering results" : "K-Means clustering results");
  pairs([
    [
      dbscan
        ? `Data ${prepared.source.address}, cluster labels in ${labelAddress} (0 marks a noise row).`
        : `Data ${prepared.source.address}, cluster labels in ${labelAddress}.`,
    ],
  ]);

  heading(
    dbscan
      ? "Clusters (means in original units; noise rows left out)"
      : "Cluster centres (means in original units)",
  );
  const tableRow = row;
  const header = uniqueHeaders([
    "Cluster",
    "Size",
    "Share of rows",
    withinSSHeader(settings.scaling),
    ...featureNames,
  ]);
  const tableCells: CellValue[][] = [header];
  const tableFormats: string[][] = [header.map(() => TEXT_FORMAT)];
  for (let c = 0; c < k; c++) {
    const stats = fit.profile[c];
    const line: CellValue[] = [c + 1, stats?.size ?? 0, stats?.share ?? 0, finite(stats?.withinSS)];
    for (let j = 0; j < d; j++) line.push(finite(centres.data[c * d + j]));
    tableCells.push(line);
    tableFormats.push(line.map((v, j) => (j === 2 ? PERCENT_FORMAT : formatOf(v))));
  }
  blocks.push({ row, column: 0, cells: tableCells, formats: tableFormats });
  // Beside the table, not in it: the table's columns stay the centres', and a long line runs on into the
  // empty cells to its right (it is no note: wrapped, its column would widen the charts drawn over it).
  const descriptionLines = clusterDescriptions(fit, featureNames);
  const descriptions =
    k > 0 ? { row: tableRow, column: header.length, rowCount: k + 1, columnCount: 1 } : null;
  if (descriptions) {
    const cells = [[DESCRIPTION_HEADER], ...Array.from({ length: k }, (_, c) => [descriptionLines[c] ?? ""])];
    blocks.push(block(tableRow, cells, descriptions.column));
  }
  row += tableCells.length + 1;

  const meaning = buildMeaningSection({ fit, featureNames, scaling: settings.scaling, startRow: row });
  blocks.push(...meaning.blocks);
  headingCells.push(...meaning.headingCells);
  row = meaning.endRow;

  heading("Fit quality");
  const n = prepared.X.rows;
  const sampled = fit.silhouetteSampled ? Math.min(settings.silhouetteSampleSize, n) : 0;
  const silhouetteNote = sampled > 0 ? `Sampled on ${sampled} rows.` : "On all rows.";
  const scores: CellValue[][] = [
    [
      "Silhouette",
      finite(fit.silhouette),
      dbscan ? `${silhouetteNote.slice(0, -1)}, noise rows left out.` : silhouetteNote,
    ],
    ["Calinski-Harabasz", finite(fit.calinskiHarabasz), "Higher is better."],
    ["Davies-Bouldin", finite(fit.daviesBouldin), "Lower is better."],
  ];
  if (dbscan) {
    pairs([
      ["Clusters found", dbscan.clusterCount, ""],
      [
        "Noise rows",
        dbscan.noiseCount,
        `Rows with fewer than ${minSamplesOf(record)} rows within eps and no core row near: labelled 0.`,
      ],
      ["Core rows", dbscan.coreSampleIndices.length, ""],
      ...scores,
      [
        "Inertia",
        "n/a",
        "DBSCAN has no centres, so no inertia and no elbow: judge eps by the k-distance chart.",
      ],
    ]);
  } else if (fit.clusterer === "kmeans") {
    pairs([
      [
        "Inertia",
        finite(fit.inertia),
        settings.scaling === "none"
          ? "Sum of squared distances of rows to their centre, in the data's units (no scaling): the clusters' within-cluster SS add up to it."
          : `Sum of squared distances of rows to their centre, in the scaled space (${settings.scaling} scaling), not in original units: the clusters' within-cluster SS (scaled) add up to it.`,
      ],
      ...scores,
      ["Iterations", fit.nIter, "Of the best initialisation."],
      ["Converged", fit.converged ? "yes" : "no", ""],
    ]);
  }

  heading("Settings");
  const headerText =
    record.header === "auto" ? `${prepared.hasHeader ? "yes" : "no"} (detected)` : record.header;
  // Why, beside it (the third column already holds the notes): a header the user did not expect is found.
  const why =
    record.header === "auto" && prepared.headerReason
      ? prepared.headerReason === "none"
        ? "The first row is data: it is no text over numbers, nor whole numbers such as years over other numbers."
        : `The first row is the header: ${prepared.headerReason}.`
      : "";
  const settingRows: CellValue[][] = [
    ["Source", prepared.source.address],
    ["Feature columns", featureNames.join(", ")],
    why ? ["Header row", headerText, why] : ["Header row", headerText],
    ["Scaling", settings.scaling],
    ...(settings.clusterer === "dbscan"
      ? [
          ["Algorithm", "DBSCAN"],
          ["eps", settings.eps],
          ["Min samples", settings.minSamples],
          ...(dbscan?.kDistance.suggestedEps != null
            ? [["Suggested eps", dbscan.kDistance.suggestedEps, "The knee of the k-distance curve."]]
            : []),
        ]
      : [
          ["k", settings.k],
          ["Seed", settings.seed],
          ["Initialisations", settings.nInit],
          ["Max iterations", settings.maxIter],
          ["Tolerance", settings.tol],
        ]),
  ];
  if (settings.clusterer !== "dbscan" && settings.algorithm)
    settingRows.push(["Algorithm", settings.algorithm]);
  settingRows.push(
    ["Rows clustered", n],
    ["Rows skipped", prepared.skipped.count],
    ["Add-in version", record.version],
    ["Date", record.date],
  );
  pairs(settingRows);

  heading("Warnings");
  pairs(warnings.length > 0 ? warnings.map((w) => [w]) : [["None."]]);

  // Below everything else: the scatter's data can run to thousands of rows.
  const sections = buildChartSections({
    fit,
    sweep: input.sweep,
    featureNames,
    rowCount: n,
    silhouetteSampleSize: settings.silhouetteSampleSize,
    startRow: row,
    descriptions: descriptionLines,
  });
  blocks.push(...sections.blocks);
  headingCells.push(...sections.headingCells);

  const textCells: CellPosition[] = [];
  for (const b of blocks) {
    b.formats.forEach((line, r) =>
      line.forEach((f, c) => f === TEXT_FORMAT && textCells.push({ row: b.row + r, column: b.column + c })),
    );
  }
  const table = { row: tableRow, column: 0, rowCount: k + 1, columnCount: header.length };
  const tables = [table, meaning.anovaTable, meaning.zScoreTable, descriptions].filter(
    (r): r is Rect => r !== null,
  );
  const notes = noteRuns(blocks, tables, headingCells);
  return {
    blocks,
    table,
    textCells,
    headingCells,
    headerRows: [
      ...(descriptions ? [{ ...descriptions, rowCount: 1 }] : []),
      ...meaning.headerRows,
      ...sections.headerRows,
    ],
    descriptions,
    meaning: { anovaTable: meaning.anovaTable, zScoreTable: meaning.zScoreTable },
    colorScales: meaning.colorScales,
    charts: sections.charts,
    chartsUnavailable: sections.unavailable,
    warnings,
    notes,
    noteColumns: [...new Set(notes.map((r) => r.column))]
      .sort((a, b) => a - b)
      .map((column) => ({ column, width: NOTE_COLUMN_WIDTH })),
  };
}

/**
 * The long text cells outside the tables (the centroid table with its descriptions, the ANOVA and z-score
 * tables), merged into runs of consecutive rows in a column. Headings are left out: each has a row to
 * itself, so it shows in full over the empty cells to its right.
 */
function noteRuns(blocks: LayoutBlock[], tables: Rect[], headings: CellPosition[]): Rect[] {
  const heading = new Set(headings.map((h) => `${h.row},${h.column}`));
  const inTable = (row: number, column: number) =>
    tables.some(
      (t) =>
        row >= t.row && row < t.row + t.rowCount && column >= t.column && column < t.column + t.columnCount,
    );
  const cells: CellPosition[] = [];
  for (const b of blocks) {
    b.cells.forEach((line, r) =>
      line.forEach((v, c) => {
        const row = b.row + r;
        const column = b.column + c;
        if (typeof v !== "string" || v.length <= NOTE_MIN_CHARS) return;
        if (!inTable(row, column) && !heading.has(`${row},${column}`)) cells.push({ row, column });
      }),
    );
  }
  cells.sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: Rect[] = [];
  for (const { row, column } of cells) {
    const last = runs[runs.length - 1];
    if (last && last.column === column && last.row + last.rowCount === row) last.rowCount++;
    else runs.push({ row, column, rowCount: 1, columnCount: 1 });
  }
  return runs;
}

/**
 * The within-cluster sums of squares are the inertia cluster by cluster (the worker measures them where
 * the clustering ran), so they add up to it; with scaling, that space is not the centres' units, and the
 * heading says so.
 */
export function withinSSHeader(scaling: string): string {
  return scaling === "none" ? "Within-cluster SS" : "Within-cluster SS (scaled)";
}

function minSamplesOf(record: RunRecord): number | string {
  return record.settings.clusterer === "dbscan" ? record.settings.minSamples : "min samples";
}

/** Excel cannot hold NaN or Infinity, and a metric the engine could not compute is null. */
function finite(v: number | null | undefined): CellValue {
  return typeof v === "number" && Number.isFinite(v) ? v : "n/a";
}

function allEqual(X: PreparedData["X"], j: number): boolean {
  for (let i = 1; i < X.rows; i++) if (X.data[i * X.cols + j] !== X.data[j]) return false;
  return true;
}

/** What the user should know before trusting the clusters, one sentence each. */
export function resultWarnings(prepared: PreparedInput, fit: ClusteringReport, record: RunRecord): string[] {
  const out: string[] = [...fit.warnings, ...(prepared.notices ?? [])];
  const n = prepared.X.rows;
  const k = fit.clusterCount;
  for (const stats of fit.profile) {
    const pct = `${(stats.share * 100).toFixed(1)}%`;
    if (stats.share < SMALL_CLUSTER_SHARE) {
      out.push(
        `Cluster ${stats.cluster + 1} holds ${pct} of the rows (${stats.size} of ${n}): it may be a few outliers rather than a group.`,
      );
    } else if (stats.share > LARGE_CLUSTER_SHARE) {
      out.push(
        `Cluster ${stats.cluster + 1} holds ${pct} of the rows (${stats.size} of ${n}): the data may not have ${k} distinct groups, or one column may dominate the distances.`,
      );
    }
  }
  const s = record.settings;
  if (fit.clusterer === "kmeans" && !fit.converged && s.clusterer !== "dbscan") {
    out.push(
      `The clustering did not converge within ${s.maxIter} iterations (tolerance ${s.tol}): raise Max iterations.`,
    );
  }
  // The scaler calls a column constant by scikit-learn's bounds, which also take in a column whose values
  // differ by less than they resolve (a min-max range under 2.2e-15, say); "one value in every row" is
  // said only of a column where that is true.
  const name = (j: number) => prepared.columns[prepared.features[j]]?.name ?? `#${j}`;
  const constant = fit.scaler.constantColumns.filter((j) => allEqual(prepared.X, j));
  const nearly = fit.scaler.constantColumns.filter((j) => !allEqual(prepared.X, j));
  if (constant.length > 0) {
    out.push(
      `Constant columns (one value in every row) cannot separate clusters: ${constant.map(name).join(", ")}.`,
    );
  }
  if (nearly.length > 0) {
    out.push(
      `Columns whose values differ too little for ${record.settings.scaling} scaling to resolve were left unscaled and barely count: ${nearly.map(name).join(", ")}.`,
    );
  }
  if (prepared.skipped.count > 0) {
    const { count } = prepared.skipped;
    out.push(
      `${count} of ${prepared.dataRowCount} rows were left out (${skippedReasons(prepared)}); their Cluster cells are empty.`,
    );
  }
  return [...new Set(out)];
}
