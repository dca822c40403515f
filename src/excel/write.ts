/// <reference types="office-js" />
/**
 * Writing results: labels beside the data (values only: the user's formatting is never touched) and a new
 * results sheet laid out by resultsLayout.ts, with native charts of its tables drawn by charts.ts.
 */
import type { LabelTarget, PreparedData, WriteReport, WriteRequest } from "./types";
import {
  CLIENT_CHUNK_BYTES_PER_CELL,
  forEachRowBlock,
  isPayloadError,
  REQUEST_BYTE_BUDGET,
  type BlockLoopOptions,
} from "./blocks";
import { WorkbookError } from "./errors";
import { labelColumnOf, labelColumnValues } from "./labelColumn";
import {
  chartApiSupported,
  drawCharts,
  finishCharts,
  NEEDS_CHART_API,
  queueCharts,
  removeCharts,
  type ChartOutcome,
} from "./charts";
import { queueRunRecord } from "./settings";
import { isSetSupported } from "./support";
import { buildResultsLayout, resultsSheetName, type ResultsLayout } from "./resultsLayout";

export type WriteOptions = BlockLoopOptions & {
  /** Whether the host has the chart series API (ExcelApi 1.7); asked of Office when not given. */
  chartApi?: boolean;
  /** Whether the host can suspend calculation for a sync (ExcelApi 1.6); asked of Office when not given. */
  suspendApi?: boolean;
  /** Also store the run record (workbook settings, ExcelApi 1.4) with the results sheet's request. */
  saveRecord?: boolean;
};

/** application.suspendApiCalculationUntilNextSync() arrived in ExcelApi 1.6. */
export const SUSPEND_REQUIREMENT = { name: "ExcelApi", version: "1.6" } as const;

/**
 * Microsoft's "Performance optimization using the Excel JavaScript API" advises suspending calculation
 * while a large range is set: formulas that depend on the cells are then calculated once, not per block.
 */
function suspendCalculation(context: Excel.RequestContext, supported: boolean): void {
  if (supported) context.workbook.application.suspendApiCalculationUntilNextSync();
}

/**
 * Whether the column right of the data holds anything. Only its used part is read, in blocks: usually
 * that is nothing, and one request answers.
 */
export async function checkLabelTarget(
  context: Excel.RequestContext,
  prepared: PreparedData,
  options: WriteOptions = {},
): Promise<LabelTarget> {
  const target = labelColumnOf(prepared);
  const sheet = context.workbook.worksheets.getItem(target.sheetName);
  const used = sheet
    .getRangeByIndexes(target.row, target.column, target.rowCount, 1)
    .getUsedRangeOrNullObject(true);
  used.load("rowIndex, rowCount");
  await context.sync();
  let nonEmptyCount = 0;
  if (!used.isNullObject) {
    await forEachRowBlock(
      used.rowCount,
      1,
      async ({ start, rows }) => {
        const block = sheet.getRangeByIndexes(used.rowIndex + start, target.column, rows, 1);
        block.load("valueTypes");
        await context.sync();
        // "Empty" only: a formula showing "" is still the user's cell.
        for (const [type] of block.valueTypes) if (type !== "Empty") nonEmptyCount++;
      },
      options,
    );
  }
  return { address: target.address, empty: nonEmptyCount === 0, nonEmptyCount };
}

export function notEmptyMessage(target: LabelTarget): string {
  const cells = target.nonEmptyCount === 1 ? "1 cell" : `${target.nonEmptyCount} cells`;
  return `The label column ${target.address} already holds ${cells}: agree to overwrite them, or make room to the right of the data.`;
}

/**
 * Labels, then the results sheet. Everything that can refuse (label count, the emptiness re-check, the
 * layout) runs before the first write, so a refusal leaves the workbook as it was.
 *
 * Each request to Excel is a round trip, so a click costs as few as the bytes allow: the re-check and the
 * sheet names in one; the labels in blocks sized from their exact bytes (one request for a million); then
 * the whole results sheet (its cells, table, formats, the run record and every chart) in one more, when it
 * fits. A results request Excel refuses for its size ran nothing, and is sent again in steps; one that
 * fails part-way keeps what it did, loses the charts it left half-made, and draws them one by one.
 */
export async function writeResults(
  context: Excel.RequestContext,
  request: WriteRequest,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const { prepared, fit, record } = request;
  const target = labelColumnOf(prepared);
  const labels = labelColumnValues(prepared, fit.labels);
  const layout = buildResultsLayout({
    prepared,
    fit,
    record,
    labelAddress: target.address,
    sweep: request.sweep,
  });
  const sheets = context.workbook.worksheets;
  // Rides along with the re-check's first request.
  sheets.load("items/name");
  const check = await checkLabelTarget(context, prepared, options);
  if (!check.empty && !request.overwrite) {
    throw new WorkbookError("LABEL_COLUMN_NOT_EMPTY", notEmptyMessage(check));
  }
  const name = resultsSheetName(sheets.items.map((s) => s.name));

  const suspend = options.suspendApi ?? isSetSupported(SUSPEND_REQUIREMENT.name, SUSPEND_REQUIREMENT.version);
  const dataSheet = sheets.getItem(target.sheetName);
  await forEachRowBlock(
    target.rowCount,
    1,
    async ({ start, rows }) => {
      suspendCalculation(context, suspend);
      dataSheet.getRangeByIndexes(target.row + start, target.column, rows, 1).values = labels.slice(
        start,
        start + rows,
      );
      await context.sync();
    },
    { bytesPerCell: jsonBytesPerRow(labels) + CLIENT_CHUNK_BYTES_PER_CELL, ...options },
  );

  const steps: ResultsSteps = {
    name,
    layout,
    record: options.saveRecord ? record : null,
    chartApi: options.chartApi ?? chartApiSupported(),
    options,
    // With calculation suspended, "it is the developer's responsibility to re-calc the workbook" (Excel.
    // Application, suspendApiCalculationUntilNextSync): formulas over the labels are calculated once,
    // first thing in the next request, which is not suspended (nothing depends on a new sheet).
    recalculate: suspend,
  };
  const written = fitsOneRequest(layout, options)
    ? await writeResultsSheetAtOnce(context, steps)
    : await writeResultsSheetInSteps(context, steps);
  const { charts } = written;
  return {
    labelAddress: target.address,
    resultsSheet: name,
    // A chart whose markers Excel refused is drawn with its defaults; the pane says so.
    warnings: [...layout.warnings, ...charts.unstyled.map((u) => `Chart drawn without its markers: ${u}`)],
    charts: charts.drawn,
    chartsSkipped: [...layout.chartsUnavailable, ...charts.skipped],
    recordSaved: written.recordSaved,
  };
}

type ResultsSteps = {
  name: string;
  layout: ResultsLayout;
  record: WriteRequest["record"] | null;
  chartApi: boolean;
  options: WriteOptions;
  recalculate: boolean;
};

type Written = { charts: ChartOutcome; recordSaved: boolean };

const noCharts = (layout: ResultsLayout, chartApi: boolean): ChartOutcome | null =>
  chartApi || layout.charts.length === 0
    ? null
    : { drawn: [], skipped: layout.charts.map((c) => `${c.title} — ${NEEDS_CHART_API}`), unstyled: [] };

/** The results sheet in one request; see writeResults for what happens when Excel refuses it. */
async function writeResultsSheetAtOnce(context: Excel.RequestContext, steps: ResultsSteps): Promise<Written> {
  const { name, layout, record, chartApi } = steps;
  if (steps.recalculate) context.workbook.application.calculate("Recalculate");
  const sheet = context.workbook.worksheets.add(name);
  queueCells(sheet, layout);
  queueTableAndFormats(sheet, layout);
  if (record) queueRunRecord(context, record);
  const queued = chartApi ? queueCharts(sheet, layout.charts) : [];
  try {
    await context.sync();
  } catch (e) {
    // Refused for its size, the request ran nothing (the fake and Excel alike): the same, in steps.
    if (isPayloadError(e)) return writeResultsSheetInSteps(context, steps);
    return recoverResultsSheet(context, steps, e);
  }
  const charts = noCharts(layout, chartApi) ?? (await finishCharts(context, queued));
  return { charts, recordSaved: record !== null };
}

/**
 * After the one request failed part-way: Excel kept the statements before the failure. Without the sheet
 * or its table the cells failed, and the error stands, as it would in steps; otherwise the half-made
 * charts go, the formats and the record are set again (they may not have been reached), and the charts
 * are drawn one by one, each all or nothing.
 */
async function recoverResultsSheet(
  context: Excel.RequestContext,
  steps: ResultsSteps,
  error: unknown,
): Promise<Written> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(steps.name);
  await context.sync();
  if (sheet.isNullObject) throw error;
  const tables = sheet.tables;
  tables.load("count");
  await context.sync();
  if (tables.count === 0) throw error;
  await removeCharts(context, sheet, steps.layout.charts);
  queueFormats(sheet, steps.layout);
  await context.sync();
  return finishInSteps(context, sheet, steps);
}

/** The results sheet a request at a time: the sheet, its cells in blocks, table and formats, then the rest. */
async function writeResultsSheetInSteps(
  context: Excel.RequestContext,
  steps: ResultsSteps,
): Promise<Written> {
  if (steps.recalculate) context.workbook.application.calculate("Recalculate");
  const sheet = context.workbook.worksheets.add(steps.name);
  // Synced alone, so a block refused for its size cannot take the new sheet down with it.
  await context.sync();
  await writeLayout(context, sheet, steps.layout, steps.options);
  return finishInSteps(context, sheet, steps);
}

/** The record (a convenience: a refusal loses only Re-run) and then the charts, one by one. */
async function finishInSteps(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  steps: ResultsSteps,
): Promise<Written> {
  let recordSaved = false;
  if (steps.record) {
    try {
      queueRunRecord(context, steps.record);
      await context.sync();
      recordSaved = true;
    } catch {
      // The caller stores it another way.
    }
  }
  // After the tables, which stand whatever happens to a chart.
  const charts = await drawCharts(context, sheet, steps.layout.charts, steps.chartApi);
  return { charts, recordSaved };
}

/** A layout's cells fit one request: within the byte budget, and within any block size a caller set. */
function fitsOneRequest(layout: ResultsLayout, options: WriteOptions): boolean {
  let bytes = 0;
  for (const block of layout.blocks) {
    const cells = block.cells.length * (block.cells[0]?.length ?? 0);
    if (options.maxCellsPerBlock !== undefined && cells > options.maxCellsPerBlock) return false;
    bytes += jsonBytes(block.cells) + jsonBytes(block.formats);
  }
  return bytes <= REQUEST_BYTE_BUDGET;
}

function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Bytes a row of labels takes in a request (`[3],` or `[""],`): the labels' own, measured, on average. */
function jsonBytesPerRow(labels: readonly (readonly unknown[])[]): number {
  let bytes = 0;
  // `[3],` for a label (digits are one byte each), JSON for anything else (the header, a blank "").
  for (const row of labels) {
    const v = row[0];
    bytes +=
      row.length === 1 && typeof v === "number" ? String(v).length + 3 : JSON.stringify(row).length + 1;
  }
  return Math.max(1, bytes / Math.max(1, labels.length));
}

/** Copies a layout onto the add-in's own sheet, where setting formats is allowed: a request per block. */
async function writeLayout(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  layout: ResultsLayout,
  options: WriteOptions,
): Promise<void> {
  for (const block of layout.blocks) {
    const width = block.cells[0]?.length ?? 0;
    if (width === 0) continue;
    await forEachRowBlock(
      block.cells.length,
      width,
      async ({ start, rows }) => {
        queueBlock(sheet, block, start, rows);
        // One request per row block is the point: a block is sized to fit one request.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      },
      options,
    );
  }
  queueTableAndFormats(sheet, layout);
  await context.sync();
}

type Block = ResultsLayout["blocks"][number];

function queueBlock(sheet: Excel.Worksheet, block: Block, start: number, rows: number): void {
  const width = block.cells[0]?.length ?? 0;
  const range = sheet.getRangeByIndexes(block.row + start, block.column, rows, width);
  // The format first: a string written into a General cell is parsed (as a formula when it starts
  // with "="); written into a Text cell it stays exactly as given. An apostrophe prefix would also
  // stop the parsing but shows up in the formula bar and in values read back.
  range.numberFormat = block.formats.slice(start, start + rows);
  range.values = block.cells.slice(start, start + rows);
}

/** Every block of the layout, whole, for one request. */
function queueCells(sheet: Excel.Worksheet, layout: ResultsLayout): void {
  for (const block of layout.blocks) {
    if ((block.cells[0]?.length ?? 0) > 0) queueBlock(sheet, block, 0, block.cells.length);
  }
}

function queueTableAndFormats(sheet: Excel.Worksheet, layout: ResultsLayout): void {
  const t = layout.table;
  sheet.tables.add(sheet.getRangeByIndexes(t.row, t.column, t.rowCount, t.columnCount), true);
  queueFormats(sheet, layout);
}

/** Column widths, wrapping and bold: setting them again changes nothing, so a recovery may repeat them. */
function queueFormats(sheet: Excel.Worksheet, layout: ResultsLayout): void {
  const t = layout.table;
  const tableRange = sheet.getRangeByIndexes(t.row, t.column, t.rowCount, t.columnCount);
  // Excel fits the whole column, not only the table's cells (office-js #5999): a column that also holds
  // notes gets a fixed width after this, and its notes wrap, so no column is as wide as a sentence.
  tableRange.format.autofitColumns();
  for (const { column, width } of layout.noteColumns) {
    sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = width;
  }
  for (const r of layout.notes) {
    sheet.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount).format.wrapText = true;
  }
  for (const cell of layout.headingCells) {
    sheet.getRangeByIndexes(cell.row, cell.column, 1, 1).format.font.bold = true;
  }
  for (const r of layout.headerRows) {
    sheet.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount).format.font.bold = true;
  }
}
