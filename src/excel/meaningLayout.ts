/**
 * The "What defines each cluster" part of the results sheet, as plain data: a one-way ANOVA per column
 * (F, p-value, η²) sorted by η², a cluster × column table of z-scores shaded by a colour scale that Excel
 * itself keeps (a conditional format, so the shading stays in the workbook without the add-in), and the
 * plain-word line per cluster written beside the centroid table. Pure, like resultsLayout.ts; write.ts
 * copies it and adds the colour scale.
 */
import {
  CLOSE_TO_AVERAGE,
  DESCRIBE_MAX_COLUMNS,
  DESCRIBE_MIN_SD,
  describeClusters,
  type ClusteringReport,
} from "../model";
import type { ScalingMethod } from "../engine";
import {
  block,
  TEXT_FORMAT,
  GENERAL_FORMAT,
  thousands,
  type CellPosition,
  type CellValue,
  type LayoutBlock,
  type Rect,
} from "./cells";

export const MEANING_HEADING = "What defines each cluster";
export const ANOVA_HEADER = ["Column", "F", "p-value", "η² (share of variance explained)", "Note"];
/** p-values run down to 1e-50 and below: a scientific format shows them, where General shows 0. */
export const P_VALUE_FORMAT = "0.00E+00";
export const ETA_SQUARED_FORMAT = "0.000";
export const F_FORMAT = "0.00";
/** z-scores with their sign, as the descriptions write them. */
export const Z_SCORE_FORMAT = "+0.00;-0.00;0.00";
export const DESCRIPTION_HEADER = "Description";
/** A scatter series is named "Cluster 1: <description>" when the description is at most this long. */
export const SERIES_DESCRIPTION_MAX = 60;

/** Why a column's F, p and η² are blank: short, so the cell stays in its column (see resultsLayout's notes). */
export const CONSTANT_REASON = "constant: no spread";
export const NO_WITHIN_SPREAD_REASON = "no spread in clusters";

/** Excel's Red-White-Blue colour scale's end colours, with pure white at 0. */
export const COLOR_LOW = "#5A8AC6";
export const COLOR_MID = "#FFFFFF";
export const COLOR_HIGH = "#F8696B";

/**
 * A 3-colour scale as Excel.ConditionalColorScaleCriteria takes it: blue at -bound, white at 0, red at
 * +bound. The ends are numbers, not the lowest and highest values, so equal distances from 0 get equal
 * shades on both sides, and the midpoint is the number 0, not the 50th percentile.
 */
export type ColorScaleSpec = {
  range: Rect;
  criteria: {
    minimum: { type: "Number"; formula: string; color: string };
    midpoint: { type: "Number"; formula: string; color: string };
    maximum: { type: "Number"; formula: string; color: string };
  };
};

export type MeaningInput = {
  fit: ClusteringReport;
  /** Names of X's columns (the centroid table's feature headers). */
  featureNames: string[];
  scaling: ScalingMethod;
  /** The first free row. */
  startRow: number;
};

export type MeaningSection = {
  blocks: LayoutBlock[];
  headingCells: CellPosition[];
  /** Header rows of the two tables, in bold. */
  headerRows: Rect[];
  /** The ANOVA table (header included), or null when there is no ANOVA (fewer than 2 clusters). */
  anovaTable: Rect | null;
  /** The z-score table (header included), or null without clusters. */
  zScoreTable: Rect | null;
  /** The colour scale over the z-scores (the table's body without its Cluster column). */
  colorScales: ColorScaleSpec[];
  /** The columns (indices into featureNames) in the tables' order: η² descending, NaN last. */
  order: number[];
  /** The first free row below the section. */
  endRow: number;
};

/** The plain-word line of each cluster, from its z-scores (src/model/describe.ts). */
export function clusterDescriptions(fit: ClusteringReport, featureNames: readonly string[]): string[] {
  return describeClusters(fit.meaning.zScores, featureNames);
}

/** "Cluster 1: high petal_length (+1.2 sd)" when the description is short enough, else "Cluster 1". */
export function clusterSeriesName(cluster: number, description: string | undefined): string {
  const base = `Cluster ${cluster}`;
  return description && description.length <= SERIES_DESCRIPTION_MAX ? `${base}: ${description}` : base;
}

/** Columns by η² descending; columns without one (NaN, or no ANOVA) after, in their own order. */
export function etaSquaredOrder(fit: ClusteringReport, d: number): number[] {
  const eta = fit.meaning.anova?.etaSquared;
  const value = (j: number) => (eta && Number.isFinite(eta[j]) ? eta[j] : -Infinity);
  return Array.from({ length: d }, (_, j) => j).sort((a, b) => value(b) - value(a) || a - b);
}

/** The rows the ANOVA and z-scores are computed on: every row but DBSCAN's noise. */
export function clusteredRowCount(fit: ClusteringReport): number {
  let n = 0;
  for (const c of fit.labels) if (c >= 0) n++;
  return n;
}

function scalingPhrase(scaling: ScalingMethod): string {
  return scaling === "none" ? "no scaling: the data's own units" : `${scaling} scaling`;
}

const finiteOrBlank = (v: number): CellValue => (Number.isFinite(v) ? v : "");

export function buildMeaningSection(input: MeaningInput): MeaningSection {
  const { fit, featureNames, scaling } = input;
  const d = featureNames.length;
  const { anova, zScores } = fit.meaning;
  const k = zScores.rows;
  const order = etaSquaredOrder(fit, d);
  const n = clusteredRowCount(fit);
  const dbscan = fit.clusterer === "dbscan";
  const rows = `${thousands(n)} clustered rows${dbscan ? " (DBSCAN: noise rows left out)" : ""}`;

  const blocks: LayoutBlock[] = [];
  const headingCells: CellPosition[] = [];
  const headerRows: Rect[] = [];
  let row = input.startRow;
  const note = (text: string) => {
    blocks.push(block(row, [[text]]));
    row++;
  };
  const table = (cells: CellValue[][], formats: string[][]): Rect => {
    blocks.push({ row, column: 0, cells, formats });
    const rect = { row, column: 0, rowCount: cells.length, columnCount: cells[0].length };
    headerRows.push({ ...rect, rowCount: 1 });
    row += cells.length + 1;
    return rect;
  };

  headingCells.push({ row, column: 0 });
  blocks.push(block(row, [[MEANING_HEADING]]));
  row++;

  let anovaTable: Rect | null = null;
  if (anova) {
    note(
      `A one-way ANOVA of each column across the clusters, in the space the clustering ran in (${scalingPhrase(scaling)}), on ${rows}: the same F and p-value as scikit-learn's f_classif.`,
    );
    note(
      "η² is the share of the column's variance the clusters explain (between-cluster over total sum of squares): the columns that separate the clusters most come first.",
    );
    const cells: CellValue[][] = [ANOVA_HEADER];
    const formats: string[][] = [ANOVA_HEADER.map(() => TEXT_FORMAT)];
    let blanks = false;
    for (const j of order) {
      const [f, p, eta] = [anova.f[j], anova.p[j], anova.etaSquared[j]];
      const reason = Number.isNaN(eta) ? CONSTANT_REASON : f === Infinity ? NO_WITHIN_SPREAD_REASON : "";
      blanks ||= reason !== "";
      const line: CellValue[] = [
        featureNames[j],
        finiteOrBlank(f),
        finiteOrBlank(p),
        finiteOrBlank(eta),
        reason,
      ];
      cells.push(line);
      formats.push([
        TEXT_FORMAT,
        typeof line[1] === "number" ? F_FORMAT : GENERAL_FORMAT,
        typeof line[2] === "number" ? P_VALUE_FORMAT : GENERAL_FORMAT,
        typeof line[3] === "number" ? ETA_SQUARED_FORMAT : GENERAL_FORMAT,
        reason ? TEXT_FORMAT : GENERAL_FORMAT,
      ]);
    }
    if (blanks) {
      note(
        "A blank F, p-value or η² cannot be computed: the column has one value on every clustered row (all three blank), or none within each cluster (F infinite, p-value 0).",
      );
    }
    anovaTable = table(cells, formats);
  } else {
    note(
      `No ANOVA: it needs at least 2 clusters and more clustered rows than clusters (${rows} in ${fit.clusterCount} clusters).`,
    );
  }

  let zScoreTable: Rect | null = null;
  const colorScales: ColorScaleSpec[] = [];
  if (k > 0 && d > 0) {
    const header = ["Cluster", ...order.map((j) => featureNames[j])];
    const cells: CellValue[][] = [header];
    const formats: string[][] = [header.map(() => TEXT_FORMAT)];
    let bound = 0;
    for (let c = 0; c < k; c++) {
      const line: CellValue[] = [c + 1];
      for (const j of order) {
        const z = zScores.data[c * zScores.cols + j];
        if (Number.isFinite(z)) bound = Math.max(bound, Math.abs(z));
        line.push(finiteOrBlank(z));
      }
      cells.push(line);
      formats.push(line.map((v, i) => (i === 0 || typeof v !== "number" ? GENERAL_FORMAT : Z_SCORE_FORMAT)));
    }
    // One decimal up, so the ends read well in Excel's rule editor; 1 sd when every z-score is 0.
    const end = bound > 0 ? Math.ceil(bound * 10) / 10 : 1;
    note(
      `z-scores: each cluster's mean minus the overall mean, in standard deviations of the column, in the same space on the same ${rows}.`,
    );
    note(
      `Shaded by Excel's own colour scale (Home > Conditional Formatting): blue at -${end}, white at 0, red at +${end}.`,
    );
    zScoreTable = table(cells, formats);
    colorScales.push({
      range: { row: zScoreTable.row + 1, column: 1, rowCount: k, columnCount: d },
      criteria: {
        minimum: { type: "Number", formula: String(-end), color: COLOR_LOW },
        midpoint: { type: "Number", formula: "0", color: COLOR_MID },
        maximum: { type: "Number", formula: String(end), color: COLOR_HIGH },
      },
    });
  }
  if (k > 0) {
    note(
      `Description (beside the cluster table): up to ${DESCRIBE_MAX_COLUMNS} columns whose z-score is at least ${DESCRIBE_MIN_SD} sd from 0, strongest first; "${CLOSE_TO_AVERAGE}" when none is.`,
    );
    row++;
  }
  return { blocks, headingCells, headerRows, anovaTable, zScoreTable, colorScales, order, endRow: row };
}
