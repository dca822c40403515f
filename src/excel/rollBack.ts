/// <reference types="office-js" />
/** Taking back what a run wrote when a later step of its write fails, so nothing is left half-written. */
import type { LabelCell } from "./types";
import type { BlockLoopOptions } from "./blocks";
import { WorkbookError } from "./errors";
import type { LabelColumn } from "./labelColumn";
import { restoreLabelCells } from "./labelCells";
import { excelReason } from "./preflight";

export type Undo = {
  target: LabelColumn;
  before: LabelCell[];
  sheet: string | null;
  options: BlockLoopOptions;
};

/**
 * Takes back what this run wrote after a step failed, and returns the error to throw: which step failed,
 * why in Excel's terms, and whether the workbook is as it was. The undo is best effort: it says so when
 * Excel refused it too.
 */
export async function rollBack(
  context: Excel.RequestContext,
  undo: Undo,
  step: string,
  error: unknown,
): Promise<Error> {
  const undone: string[] = [];
  const failed: string[] = [];
  if (undo.sheet !== null) {
    try {
      const sheet = context.workbook.worksheets.getItemOrNullObject(undo.sheet);
      await context.sync();
      if (!sheet.isNullObject) {
        sheet.delete();
        await context.sync();
        undone.push(`the half-written sheet "${undo.sheet}" was deleted`);
      }
    } catch {
      failed.push(`the half-written sheet "${undo.sheet}" could not be deleted`);
    }
  }
  try {
    await restoreLabelCells(context, undo.target, undo.before, undo.options);
    undone.push(`${undo.target.address} holds what it held before`);
  } catch {
    failed.push(`${undo.target.address} could not be put back as it was`);
  }
  const outcome =
    failed.length === 0
      ? ` Nothing of this run was kept: ${undone.join(" and ")}.`
      : ` ${[...undone, ...failed].join("; ")}.`;
  const e = new WorkbookError(
    "WRITE_FAILED",
    `Could not finish writing the results: ${step} failed because ${excelReason(error)}.${outcome}`,
  );
  return e;
}
