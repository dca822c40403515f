/** Where the cluster labels (and the per-row diagnostics) go and what they say. Pure, so the layout can be tested without Excel. */
import type { PreparedData } from "./types";
import type { ClusteringReport } from "../model";
import { MAX_COLUMNS, rangeAddress } from "./address";
import { WorkbookError } from "./errors";

export const LABEL_HEADER = "Cluster";

/** The per-row diagnostics' columns, right of the Cluster column, in this order. */
export const DIAGNOSTIC_HEADERS = ["Distance", "Silhouette", "Runner-up", "Margin", "Outlier"] as const;

/** Columns a run writes beside the data: the Cluster column, with the five diagnostics when asked. */
export function labelWidth(diagnostics: boolean | undefined): number {
  return diagnostics ? 1 + DIAGNOSTIC_HEADERS.length : 1;
}

export type LabelColumn = {
  sheetName: string;
  row: number;
  column: number;
  rowCount: number;
  /** 1 for the Cluster column alone; 6 with the per-row diagnostics (or to clear an earlier run's). */
  columnCount: number;
  /** The whole block: the Cluster column and the diagnostics columns, header row included. */
  address: string;
  /** The Cluster column alone (the run record's labelAddress). */
  labelAddress: string;
};

/** The column right after the data (and `columnCount - 1` more), over the same rows, header row included. */
export function labelColumnOf(prepared: PreparedData, columnCount = 1): LabelColumn {
  const { sheetName, firstRow, firstColumn, rowCount, columnCount: dataColumns } = prepared.source;
  const column = firstColumn + dataColumns;
  if (column + columnCount > MAX_COLUMNS) {
    throw new WorkbookError(
      "NO_ROOM_FOR_LABELS",
      columnCount === 1
        ? `There is no column to the right of ${prepared.source.address} for the cluster labels: move the data left or leave out its last column.`
        : `There are not ${columnCount} columns to the right of ${prepared.source.address} for the cluster labels and the per-row diagnostics: move the data left or untick Per-row diagnostics.`,
    );
  }
  return {
    sheetName,
    row: firstRow,
    column,
    rowCount,
    columnCount,
    address: rangeAddress(sheetName, firstRow, column, rowCount, columnCount),
    labelAddress: rangeAddress(sheetName, firstRow, column, rowCount, 1),
  };
}

/** A block over the same Cluster column, `columnCount` wide. */
export function widenedTo(target: LabelColumn, columnCount: number): LabelColumn {
  return {
    ...target,
    columnCount,
    address: rangeAddress(target.sheetName, target.row, target.column, target.rowCount, columnCount),
  };
}

export type LabelValue = string | number | boolean;

/**
 * One row of values per row of the source: the header, then labels counted from 1 (Excel users number
 * clusters from 1; the engine counts from 0), and "" for skipped rows so a rerun clears their old labels.
 * With `diagnostics`, each row also gets its distance, silhouette, runner-up (from 1), margin and outlier
 * flag, blank for skipped and noise rows and where a value is undefined. Rows are `width` wide: columns
 * past what this run writes are "" (an earlier run's diagnostics are cleared).
 */
export function labelColumnValues(
  prepared: PreparedData,
  labels: ArrayLike<number>,
  options: { diagnostics?: ClusteringReport["diagnostics"]; width?: number } = {},
): LabelValue[][] {
  if (labels.length !== prepared.rows.length) {
    throw new WorkbookError(
      "LABEL_COUNT_MISMATCH",
      `The clustering returned ${labels.length} labels for ${prepared.rows.length} rows; run it again.`,
    );
  }
  const d = options.diagnostics;
  const width = Math.max(options.width ?? 1, labelWidth(d !== undefined));
  const blank = (): LabelValue[] => Array.from({ length: width }, () => "");
  const headerRows = prepared.hasHeader ? 1 : 0;
  const out: LabelValue[][] = [];
  if (prepared.hasHeader) {
    const header = blank();
    header[0] = LABEL_HEADER;
    if (d) DIAGNOSTIC_HEADERS.forEach((h, j) => (header[j + 1] = h));
    out.push(header);
  }
  for (let i = 0; i < prepared.dataRowCount; i++) out.push(blank());
  for (let j = 0; j < labels.length; j++) {
    const row = out[prepared.rows[j] + headerRows];
    row[0] = labels[j] + 1;
    if (!d || labels[j] < 0) continue;
    row[1] = finite(d.distance[j]);
    row[2] = d.silhouette ? finite(d.silhouette[j]) : "";
    row[3] = d.runnerUp[j] >= 0 ? d.runnerUp[j] + 1 : "";
    row[4] = finite(d.margin[j]);
    row[5] = d.outlier[j] === 1;
  }
  return out;
}

/** Excel holds no NaN or infinity: an undefined value is a blank cell. */
function finite(v: number | undefined): number | "" {
  return v !== undefined && Number.isFinite(v) ? v : "";
}
