/// <reference types="office-js" />
/**
 * Writing results: labels beside the data (values only: the user's formatting is never touched) and a new
 * results sheet laid out by resultsLayout.ts, with native charts of its tables drawn by charts.ts.
 */
import type { LabelTarget, PreparedData, WriteReport, WriteRequest } from "./types";
import { forEachRowBlock, type BlockLoopOptions } from "./blocks";
import { WorkbookError } from "./errors";
import { labelColumnOf, labelColumnValues } from "./labelColumn";
import { chartApiSupported, drawCharts } from "./charts";
import { isSetSupported } from "./support";
import { buildResultsLayout, resultsSheetName, type ResultsLayout } from "./resultsLayout";

export type WriteOptions = BlockLoopOptions & {
  /** Whether the host has the chart series API (ExcelApi 1.7); asked of Office when not given. */
  chartApi?: boolean;
  /** Whether the host can suspend calculation for a sync (ExcelApi 1.6); asked of Office when not given. */
  suspendApi?: boolean;
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
 */
export async function writeResults(
  context: Excel.RequestContext,
  request: WriteRequest,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const { prepared, fit, record } = request;
  const target = labelColumnOf(prepared);
  const labels = labelColumnValues(prepared, fit.labels);
  const check = await checkLabelTarget(context, prepared, options);
  if (!check.empty && !request.overwrite) {
    throw new WorkbookError("LABEL_COLUMN_NOT_EMPTY", notEmptyMessage(check));
  }
  const layout = buildResultsLayout({
    prepared,
    fit,
    record,
    labelAddress: target.address,
    sweep: request.sweep,
  });
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
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
    options,
  );

  // With calculation suspended, "it is the developer's responsibility to re-calc the workbook" (Excel.
  // Application, suspendApiCalculationUntilNextSync): formulas over the labels are calculated once, here.
  if (suspend) context.workbook.application.calculate("Recalculate");
  const results = sheets.add(name);
  // Synced alone, so a block refused for its size cannot take the new sheet down with it.
  await context.sync();
  await writeLayout(context, results, layout, { ...options, suspendApi: suspend });
  // After the tables, which stand whatever happens to a chart.
  const charts = await drawCharts(context, results, layout.charts, options.chartApi ?? chartApiSupported());
  return {
    labelAddress: target.address,
    resultsSheet: name,
    // A chart whose markers Excel refused is drawn with its defaults; the pane says so.
    warnings: [...layout.warnings, ...charts.unstyled.map((u) => `Chart drawn without its markers: ${u}`)],
    charts: charts.drawn,
    chartsSkipped: [...layout.chartsUnavailable, ...charts.skipped],
  };
}

/** Copies a layout onto the add-in's own sheet, where setting formats is allowed. */
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
        suspendCalculation(context, options.suspendApi === true);
        const range = sheet.getRangeByIndexes(block.row + start, block.column, rows, width);
        // The format first: a string written into a General cell is parsed (as a formula when it starts
        // with "="); written into a Text cell it stays exactly as given. An apostrophe prefix would also
        // stop the parsing but shows up in the formula bar and in values read back.
        range.numberFormat = block.formats.slice(start, start + rows);
        range.values = block.cells.slice(start, start + rows);
        // One request per row block is the point: a block is sized to fit one request.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      },
      options,
    );
  }
  const t = layout.table;
  const tableRange = sheet.getRangeByIndexes(t.row, t.column, t.rowCount, t.columnCount);
  sheet.tables.add(tableRange, true);
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
  await context.sync();
}
