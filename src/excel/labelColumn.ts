/** Where the cluster labels go and what they say. Pure, so the layout can be tested without Excel. */
import type { PreparedData } from "./types";
import { MAX_COLUMNS, rangeAddress } from "./address";
import { WorkbookError } from "./errors";

export const LABEL_HEADER = "Cluster";

export type LabelColumn = {
  sheetName: string;
  row: number;
  column: number;
  rowCount: number;
  address: string;
};

/** The column right after the data, over the same rows, header row included. */
export function labelColumnOf(prepared: PreparedData): LabelColumn {
  const { sheetName, firstRow, firstColumn, rowCount, columnCount } = prepared.source;
  const column = firstColumn + columnCount;
  if (column >= MAX_COLUMNS) {
    throw new WorkbookError(
      "NO_ROOM_FOR_LABELS",
      `There is no column to the right of ${prepared.source.address} for the cluster labels: move the data left or leave out its last column.`,
    );
  }
  return {
    sheetName,
    row: firstRow,
    column,
    rowCount,
    address: rangeAddress(sheetName, firstRow, column, rowCount, 1),
  };
}

/**
 * One value per row of the source: the header, then labels counted from 1 (Excel users number clusters
 * from 1; the engine counts from 0), and "" for skipped rows so a rerun clears their old labels.
 */
export function labelColumnValues(prepared: PreparedData, labels: ArrayLike<number>): (string | number)[][] {
  if (labels.length !== prepared.rows.length) {
    throw new WorkbookError(
      "LABEL_COUNT_MISMATCH",
      `The clustering returned ${labels.length} labels for ${prepared.rows.length} rows; run it again.`,
    );
  }
  const headerRows = prepared.hasHeader ? 1 : 0;
  const out: (string | number)[][] = [];
  if (prepared.hasHeader) out.push([LABEL_HEADER]);
  for (let i = 0; i < prepared.dataRowCount; i++) out.push([""]);
  for (let j = 0; j < labels.length; j++) out[prepared.rows[j] + headerRows][0] = labels[j] + 1;
  return out;
}
