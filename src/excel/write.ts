/// <reference types="office-js" />
/**
 * Writing results: labels beside the data (values only: the user's formatting is never touched) and a new
 * results sheet laid out by resultsLayout.ts, with native charts of its tables drawn by charts.ts.
 */
import type {
  LabelCell,
  LabelTarget,
  PreparedData,
  RunOutput,
  RunRecord,
  WriteReport,
  WriteRequest,
} from "./types";
import {
  CLIENT_CHUNK_BYTES_PER_CELL,
  forEachRowBlock,
  isPayloadError,
  REQUEST_BYTE_BUDGET,
  type BlockLoopOptions,
} from "./blocks";
import { rangeAddress } from "./address";
import { labelColumnOf, labelColumnValues, labelWidth, type LabelColumn } from "./labelColumn";
import {
  checkConsent,
  describeLabelTarget,
  fingerprintCells,
  labelCellsOf,
  readLabelBlock,
} from "./labelCells";
import { checkPreflight, queuePreflight, type PreflightOptions } from "./preflight";
import { finishRun, ownResultsSheet } from "./finishRun";
import { rollBack } from "./rollBack";
import {
  chartApiSupported,
  drawCharts,
  finishCharts,
  NEEDS_CHART_API,
  queueCharts,
  removeCharts,
  type ChartOutcome,
} from "./charts";
import { parseRunRecord, queueRunRecord, RUN_RECORD_KEY } from "./settings";
import { isSetSupported } from "./support";
import { buildResultsLayout, resultsSheetName, type ResultsLayout } from "./resultsLayout";
import type { Rect } from "./cells";
import type { ColorScaleSpec } from "./meaningLayout";
import { predictedFingerprint, usedFingerprint } from "./sheetFingerprint";

export type WriteOptions = BlockLoopOptions &
  PreflightOptions & {
    /** Whether the host has the chart series API (ExcelApi 1.7); asked of Office when not given. */
    chartApi?: boolean;
    /** Whether the host can suspend calculation for a sync (ExcelApi 1.6); asked of Office when not given. */
    suspendApi?: boolean;
    /**
     * Workbook settings exist (ExcelApi 1.4): the last run's record is read with the label column (to
     * recognise its output) and this run's is stored in the last request.
     */
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
 * What the column right of the data holds, for the pane to ask about before the job runs: the non-empty
 * cells (a sample of them for the dialog), and whether they are the add-in's own labels from the last run
 * on this range (the run record, read with the column when workbook settings exist), replaced unasked.
 */
export async function checkLabelTarget(
  context: Excel.RequestContext,
  prepared: PreparedData,
  options: WriteOptions = {},
  diagnostics = false,
): Promise<LabelTarget> {
  const stored = options.saveRecord ? queueRecordLoad(context) : null;
  const read = await readLabelBlock(
    context,
    labelColumnOf(prepared, labelWidth(diagnostics)),
    options,
    widthAfter(stored),
  );
  return describeLabelTarget(read.target, read.cells, stored ? storedOutput(stored) : null);
}

/**
 * How wide the label block is once the run record is read: at least as wide as what the last run wrote
 * beside the same Cluster column, so its diagnostics columns are cleared (and asked about when changed
 * since), never left standing beside labels they do not describe.
 */
function widthAfter(stored: Excel.Setting | null): ((target: LabelColumn) => number) | undefined {
  if (!stored) return undefined;
  return (target) => {
    const previous = storedOutput(stored);
    return previous?.labelAddress === target.labelAddress
      ? Math.max(target.columnCount, previous.labelColumns ?? 1)
      : target.columnCount;
  };
}

/** The stored run record's setting, loaded with the next request. */
function queueRecordLoad(context: Excel.RequestContext): Excel.Setting {
  const item = context.workbook.settings.getItemOrNullObject(RUN_RECORD_KEY);
  item.load("value");
  return item;
}

/** What the recorded run wrote, after the record's request; null without a record or an output in it. */
function storedOutput(item: Excel.Setting): RunOutput | null {
  if (item.isNullObject) return null;
  const output = parseRunRecord(item.value)?.output;
  return output && typeof output.labelAddress === "string" && typeof output.labelHash === "string"
    ? output
    : null;
}

/**
 * Labels, then the results sheet, all or nothing. Everything that can be checked runs before the first
 * write, in the label column's re-check request: the data sheet is there under its name and not
 * protected, the workbook lets a sheet be added, and the column holds only what the user agreed to
 * overwrite (or the add-in's own labels from the last run on this range). A step that fails later takes
 * back what this run wrote (the new results sheet is deleted, the user's cells in the label column put
 * back) and the error says which step failed and why. The previous run's results sheet, when it is the
 * add-in's unchanged, is replaced last, so a failure keeps it.
 *
 * Each request to Excel is a round trip, so a click costs as few as the bytes allow: the re-check and the
 * sheet names in one; the labels in blocks sized from their exact bytes (one request for a million); then
 * the whole results sheet (its cells, table, formats and every chart) in one more, when it fits, and the
 * run record (with the replacement of the previous sheet) in the last. A results request Excel refuses for
 * its size ran nothing, and is sent again in steps; one that fails part-way keeps what it did, loses the
 * charts it left half-made, and draws them one by one.
 */
export async function writeResults(
  context: Excel.RequestContext,
  request: WriteRequest,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const { prepared, fit } = request;
  const diagnostics = request.record.diagnostics === true;
  let target = labelColumnOf(prepared, labelWidth(diagnostics));
  const labelsFor = (width: number) =>
    labelColumnValues(prepared, fit.labels, {
      ...(diagnostics ? { diagnostics: fit.diagnostics } : {}),
      width,
    });
  // Refused (a label count that does not match the rows) before any request.
  let labels = labelsFor(target.columnCount);
  const layout = buildResultsLayout({
    prepared,
    fit,
    record: request.record,
    labelAddress: target.labelAddress,
    sweep: request.sweep,
  });
  const sheets = context.workbook.worksheets;
  // All of these ride along with the re-check's first request.
  sheets.load("items/name");
  const pre = queuePreflight(context, target, request.sheetId, options);
  const stored = options.saveRecord ? queueRecordLoad(context) : null;
  let before: LabelCell[];
  try {
    ({ target, cells: before } = await readLabelBlock(context, target, options, widthAfter(stored)));
  } catch (e) {
    // A deleted or renamed data sheet fails the request: say which, in a request of its own.
    const again = queuePreflight(context, target, request.sheetId, options);
    await context.sync();
    checkPreflight(again, target);
    throw e;
  }
  checkPreflight(pre, target);
  const previous = stored ? storedOutput(stored) : null;
  checkConsent(target, before, { overwrite: request.overwrite, agreed: request.agreed, previous });
  const names = sheets.items.map((s) => s.name);
  const old =
    previous?.labelAddress === target.labelAddress ? await ownResultsSheet(context, previous, names) : null;
  const name = resultsSheetName(names);

  const suspend = options.suspendApi ?? isSetSupported(SUSPEND_REQUIREMENT.name, SUSPEND_REQUIREMENT.version);
  const dataSheet = sheets.getItem(target.sheetName);
  const width = target.columnCount;
  // Widened to clear an earlier run's diagnostics columns.
  if (labels[0]?.length !== width) labels = labelsFor(width);
  try {
    await forEachRowBlock(
      target.rowCount,
      width,
      async ({ start, rows }) => {
        suspendCalculation(context, suspend);
        dataSheet.getRangeByIndexes(target.row + start, target.column, rows, width).values = labels.slice(
          start,
          start + rows,
        );
        await context.sync();
      },
      { bytesPerCell: jsonBytesPerRow(labels) / width + CLIENT_CHUNK_BYTES_PER_CELL, ...options },
    );
  } catch (e) {
    throw await rollBack(
      context,
      { target, before, sheet: null, options },
      `writing the labels to ${target.address}`,
      e,
    );
  }

  const labelHash = fingerprintCells(labelCellsOf(labels));
  const predicted: RunOutput = {
    labelAddress: target.labelAddress,
    labelHash,
    // Only written diagnostics make the block wider: cleared columns are the user's again from now on.
    ...(diagnostics ? { labelColumns: width } : {}),
    resultsSheet: name,
    resultsHash: predictedFingerprint(layout.blocks),
  };
  const steps: ResultsSteps = {
    name,
    layout,
    // Rides with the results sheet, unless an old sheet is to be replaced first.
    record: options.saveRecord && !old ? { ...request.record, output: predicted } : null,
    chartApi: options.chartApi ?? chartApiSupported(),
    options,
    // With calculation suspended, "it is the developer's responsibility to re-calc the workbook" (Excel.
    // Application, suspendApiCalculationUntilNextSync): formulas over the labels are calculated once,
    // first thing in the next request, which is not suspended (nothing depends on a new sheet).
    recalculate: suspend,
  };
  let written: Written;
  try {
    written = fitsOneRequest(layout, options)
      ? await writeResultsSheetAtOnce(context, steps)
      : await writeResultsSheetInSteps(context, steps);
  } catch (e) {
    throw await rollBack(
      context,
      { target, before, sheet: name, options },
      `adding the results sheet "${name}"`,
      e,
    );
  }
  const output: RunOutput = { ...predicted, resultsHash: written.resultsHash };
  const saved = written.recordQueued && written.resultsHash === predicted.resultsHash;
  const finish = await finishRun(context, request.record, output, old, { ...options, saved });
  const { charts } = written;
  return {
    labelAddress: target.labelAddress,
    ...(diagnostics ? { diagnosticsAddress: diagnosticsAddress(target) } : {}),
    resultsSheet: finish.output.resultsSheet,
    // A chart whose markers Excel refused is drawn with its defaults; the pane says so.
    warnings: [
      ...layout.warnings,
      ...charts.unstyled.map((u) => `Chart drawn without its markers: ${u}`),
      ...finish.warnings,
    ],
    charts: charts.drawn,
    chartsSkipped: [...layout.chartsUnavailable, ...charts.skipped],
    recordSaved: finish.recordSaved,
    output: finish.output,
    ...(finish.replaced ? { replacedSheet: finish.replaced } : {}),
  };
}

/** The diagnostics columns of the label block, header row included: "Data!D1:H151". */
function diagnosticsAddress(target: LabelColumn): string {
  return rangeAddress(
    target.sheetName,
    target.row,
    target.column + 1,
    target.rowCount,
    target.columnCount - 1,
  );
}

type ResultsSteps = {
  name: string;
  layout: ResultsLayout;
  record: RunRecord | null;
  chartApi: boolean;
  options: WriteOptions;
  recalculate: boolean;
};

/** resultsHash: the fingerprint of the sheet's cells as Excel holds them, read back with the last cells' request. */
type Written = { charts: ChartOutcome; resultsHash: string; recordQueued: boolean };

/** The new sheet's used cells, loaded with the request that finishes them. */
function queueReadBack(sheet: Excel.Worksheet): Excel.Range {
  const used = sheet.getUsedRange(true);
  used.load("address, formulas");
  return used;
}

const noCharts = (layout: ResultsLayout, chartApi: boolean): ChartOutcome | null =>
  chartApi || layout.charts.length === 0
    ? null
    : { drawn: [], skipped: layout.charts.map((c) => `${c.title} — ${NEEDS_CHART_API}`), unstyled: [] };

/** The results sheet in one request; see writeResults for what happens when Excel refuses it. */
async function writeResultsSheetAtOnce(context: Excel.RequestContext, steps: ResultsSteps): Promise<Written> {
  const { name, layout, chartApi, record } = steps;
  if (steps.recalculate) context.workbook.application.calculate("Recalculate");
  const sheet = context.workbook.worksheets.add(name);
  queueCells(sheet, layout);
  queueTableAndFormats(sheet, layout);
  const used = queueReadBack(sheet);
  // After the cells and the table: a request failing before them never stores it.
  if (record) queueRunRecord(context, record);
  const recordQueued = record !== null;
  const queued = chartApi ? queueCharts(sheet, layout.charts) : [];
  try {
    await context.sync();
  } catch (e) {
    // Refused for its size, the request ran nothing (the fake and Excel alike): the same, in steps.
    if (isPayloadError(e)) return writeResultsSheetInSteps(context, steps);
    return recoverResultsSheet(context, steps, e);
  }
  const charts = noCharts(layout, chartApi) ?? (await finishCharts(context, queued));
  return { charts, resultsHash: usedFingerprint(used.address, used.formulas), recordQueued };
}

/**
 * After the one request failed part-way: Excel kept the statements before the failure. Without the sheet
 * or its table the cells failed, and the error stands, as it would in steps; otherwise the half-made
 * charts go, the formats are set again (they may not have been reached), and the charts are drawn one by
 * one, each all or nothing.
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
  const used = queueReadBack(sheet);
  await context.sync();
  return finishInSteps(context, sheet, steps, used);
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
  const used = await writeLayout(context, sheet, steps.layout, steps.options);
  return finishInSteps(context, sheet, steps, used);
}

/** The charts, one by one, after the tables, which stand whatever happens to a chart. */
async function finishInSteps(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  steps: ResultsSteps,
  used: Excel.Range,
): Promise<Written> {
  const charts = await drawCharts(context, sheet, steps.layout.charts, steps.chartApi);
  return { charts, resultsHash: usedFingerprint(used.address, used.formulas), recordQueued: false };
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
): Promise<Excel.Range> {
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
  // The table with the first format statements, the read-back with the last: as few requests as the bytes
  // allow (one, unless Excel refuses it for its size; it then ran nothing, and goes again in halves).
  const steps = formatSteps(sheet, layout);
  let used: Excel.Range | null = null;
  await forEachRowBlock(
    steps.length,
    1,
    async ({ start, rows }) => {
      if (start === 0) queueTable(sheet, layout);
      for (const step of steps.slice(start, start + rows)) step();
      const last = start + rows === steps.length ? queueReadBack(sheet) : null;
      await context.sync();
      used = last ?? used;
    },
    options,
  );
  return used!;
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
  queueTable(sheet, layout);
  queueFormats(sheet, layout);
}

function queueTable(sheet: Excel.Worksheet, layout: ResultsLayout): void {
  const t = layout.table;
  sheet.tables.add(sheet.getRangeByIndexes(t.row, t.column, t.rowCount, t.columnCount), true);
}

/** Column widths, wrapping, bold and the colour scales: setting them again changes nothing, so a recovery may repeat them. */
function queueFormats(sheet: Excel.Worksheet, layout: ResultsLayout): void {
  for (const step of formatSteps(sheet, layout)) step();
}

/** The format statements, each queued when called, in the order they must run. */
function formatSteps(sheet: Excel.Worksheet, layout: ResultsLayout): (() => void)[] {
  const cells = (r: Rect) => sheet.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount);
  // Excel fits the whole column, not only the table's cells (office-js #5999): a column that also holds
  // notes gets a fixed width after this, and its notes wrap, so no column is as wide as a sentence.
  return [
    () => cells(layout.table).format.autofitColumns(),
    ...layout.noteColumns.map(({ column, width }) => () => {
      sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = width;
    }),
    ...layout.notes.map((r) => () => {
      cells(r).format.wrapText = true;
    }),
    ...layout.headingCells.map((cell) => () => {
      sheet.getRangeByIndexes(cell.row, cell.column, 1, 1).format.font.bold = true;
    }),
    ...layout.headerRows.map((r) => () => {
      cells(r).format.font.bold = true;
    }),
    ...layout.colorScales.map((scale) => () => queueColorScale(sheet, scale)),
  ];
}

/**
 * The z-scores' shading, as Excel's own conditional format (ExcelApi 1.6, within the add-in's minimum of
 * 1.7: getRangeByIndexes, which every write uses), so it stays in the workbook without the add-in
 * ("Apply conditional formatting to Excel ranges with the Excel JavaScript API", Color scale). The range's
 * conditional formats are cleared first, so a recovery that queues the formats again adds no second scale;
 * the range is the add-in's own sheet's.
 */
function queueColorScale(sheet: Excel.Worksheet, { range: r, criteria }: ColorScaleSpec): void {
  const formats = sheet.getRangeByIndexes(r.row, r.column, r.rowCount, r.columnCount).conditionalFormats;
  formats.clearAll();
  formats.add("ColorScale").colorScale.criteria = criteria;
}
