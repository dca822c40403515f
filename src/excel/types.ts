/**
 * What the task pane may ask of the workbook. The pane receives a Host (the real one wraps Excel.run;
 * tests and the preview page pass others) and never calls Office.js itself.
 */
import type { Matrix } from "../engine";
import type { ClusteringReport, RunSettings, SweepReport } from "../model";

export type SelectionInfo = {
  /** Sheet-qualified A1 address, e.g. "Sheet1!A1:D151" (areas joined by commas when several). */
  address: string;
  sheetName: string;
  rowCount: number;
  columnCount: number;
  /** More than 1 for a multi-area selection, which clustering refuses. */
  areaCount: number;
};

/** A range as read from the sheet, all blocks joined. */
export type RawRange = {
  address: string;
  sheetName: string;
  /** Worksheet.id of the range's sheet, when read from Excel. */
  sheetId?: string;
  /** The range's sheet is protected (Excel.WorksheetProtection.protected), when read from Excel. */
  sheetProtected?: boolean;
  /** 0-based sheet row and column of the range's top-left cell. */
  firstRow: number;
  firstColumn: number;
  values: unknown[][];
  /** Excel.RangeValueType names: "Double", "String", "Boolean", "Empty", "Error", "Integer", "Unknown". */
  valueTypes: string[][];
  /** Per row, true when hidden or filtered out; absent when the host cannot tell reliably. */
  hiddenRows?: boolean[];
  /**
   * Whether the column right of the range (where the labels go) holds nothing, learnt with the values;
   * absent when it was not looked at (a preview, no column to the right, a retried first block).
   */
  labelColumnEmpty?: boolean;
};

export type ColumnInfo = {
  /** 0-based position within the range. */
  index: number;
  /** The header text, or "Column B" style names when there is no header row. */
  name: string;
  /** Most data cells are numbers: a candidate feature. */
  numeric: boolean;
};

export type HeaderChoice = "auto" | "yes" | "no";

export type PrepareOptions = {
  header?: HeaderChoice;
  /** Column positions (0-based within the range) the user unticked. */
  excludedColumns?: number[];
  /** Cluster only the rows a filter left visible (when the host reports hidden rows). */
  visibleOnly?: boolean;
};

/** The selection turned into a feature matrix, with the bookkeeping to write labels back. */
export type PreparedData = {
  source: {
    address: string;
    sheetName: string;
    firstRow: number;
    firstColumn: number;
    rowCount: number;
    columnCount: number;
  };
  hasHeader: boolean;
  columns: ColumnInfo[];
  /** Positions of the feature columns within the range. */
  features: number[];
  /** Usable rows × features, in original units. */
  X: Matrix;
  /** For each row of X, its 0-based position among the data rows (the rows below the header). */
  rows: Int32Array;
  /** Rows below the header. */
  dataRowCount: number;
  /** Rows left out (blank, text, boolean or error in a feature column, or hidden). */
  skipped: { count: number; examples: string[] };
  hiddenSkipped: number;
};

/** Everything needed to repeat a run, stored in the workbook. */
export type RunRecord = {
  version: string;
  date: string;
  sourceAddress: string;
  header: HeaderChoice;
  excludedColumns: number[];
  featureNames: string[];
  settings: RunSettings;
  /** The per-row diagnostics columns were written right of the Cluster column. Absent: they were not. */
  diagnostics?: boolean;
  /**
   * What this run wrote, so the next run on the same range replaces it instead of asking: the label column
   * and the results sheet, each with a fingerprint of its cells as written (a cell the user changed since
   * makes the fingerprint differ, and the add-in then treats the cells as the user's). Absent in records of
   * older versions.
   */
  output?: RunOutput;
};

export type RunOutput = {
  /** Sheet-qualified address of the label column (header cell included). */
  labelAddress: string;
  /** Fingerprint of the label column's values as written (functions/hash.ts style, over JSON). */
  labelHash: string;
  /**
   * Columns written from labelAddress rightwards: 1 (the Cluster column; also when absent, as in older
   * records) or 6 with the per-row diagnostics. labelHash covers all of them.
   */
  labelColumns?: number;
  resultsSheet: string;
  /** Fingerprint of the results sheet's used values as written. */
  resultsHash: string;
};

export type LabelTarget = {
  /**
   * Sheet-qualified address of the label column (header cell included when there is a header); with the
   * per-row diagnostics, of the whole block, Cluster column and diagnostics columns.
   */
  address: string;
  /** Columns of the block: absent or 1 for the Cluster column alone. */
  columnCount?: number;
  empty: boolean;
  nonEmptyCount: number;
  /** A few of the non-empty cells, first ones first, with what they show: what an overwrite would lose. */
  sample?: { address: string; value: string }[];
  /**
   * Of the non-empty cells, those that look like the add-in's labels from its last run on this range (the
   * header and whole numbers); the rest, shown first in the sample, are what an overwrite would lose.
   */
  ownLabelCount?: number;
  /** The cells hold exactly what the add-in's previous run on this range wrote: replaced without asking. */
  ownOutput?: boolean;
  /** Every non-empty cell seen, as agreed to: at write time anything else in the column means asking again. */
  seen?: LabelCell[];
};

/**
 * A non-empty cell of the label block: its row offset, its column within the block (absent for the Cluster
 * column, the first) and its Range.formulas entry.
 */
export type LabelCell = { offset: number; column?: number; formula: string | number | boolean };

export type WriteRequest = {
  prepared: PreparedData;
  fit: ClusteringReport;
  record: RunRecord;
  /** The user agreed to overwrite a non-empty label column. */
  overwrite: boolean;
  /**
   * The label column as shown to the user when they agreed (or as found, when it was empty or the add-in's
   * own): at write time, a cell not in it means nothing is written. Without it, overwrite covers any cell.
   */
  agreed?: LabelTarget;
  /** Sheet id of the data, as read: a renamed or deleted data sheet is then told apart at write time. */
  sheetId?: string;
  /** The k sweep that chose k, when the user asked for k to be chosen: written as a table with charts. */
  sweep?: SweepReport;
};

export type WriteReport = {
  labelAddress: string;
  /** Where the per-row diagnostics went (header cells included), when they were written. */
  diagnosticsAddress?: string;
  resultsSheet: string;
  warnings: string[];
  /** Charts drawn on the results sheet, by title. */
  charts: string[];
  /** Charts that could not be drawn, each with the reason (e.g. the host lacks ExcelApi 1.7). */
  chartsSkipped: string[];
  /** The run record went into the workbook's settings with the results (WriteOptions.saveRecord). */
  recordSaved?: boolean;
  /** What this run wrote, for the run record: the next run on the same range replaces it. */
  output?: RunOutput;
  /** The previous run's results sheet that this one replaced, if any. */
  replacedSheet?: string;
};

export type Host = {
  getSelection(): Promise<SelectionInfo>;
  /** Calls back on every selection change; resolves to an unsubscribe function. */
  onSelectionChanged(callback: (info: SelectionInfo) => void): Promise<() => void>;
  /**
   * Calls back with false when the task pane is closed and true when it opens again (the shared runtime
   * lives on without it); resolves to an unsubscribe function. Absent: the pane counts as always shown.
   */
  onVisibilityChanged?(callback: (visible: boolean) => void): Promise<() => void>;
  readSelection(): Promise<RawRange>;
  /** The first maxRows rows of the selection, to list its columns before clustering. */
  previewSelection?(maxRows: number): Promise<RawRange>;
  readRange(address: string): Promise<RawRange>;
  /** With `diagnostics`, the label block is the Cluster column and the five diagnostics columns. */
  checkLabelTarget(prepared: PreparedData, options?: { diagnostics?: boolean }): Promise<LabelTarget>;
  /** Refuses (throws, writing nothing) when the label column is not empty and overwrite is false. */
  writeResults(request: WriteRequest): Promise<WriteReport>;
  saveRunRecord(record: RunRecord): Promise<void>;
  loadRunRecord(): Promise<RunRecord | null>;
};
