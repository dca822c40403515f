/// <reference types="office-js" />
/**
 * What can be checked before the first write, so a run that cannot finish writes nothing: the data sheet
 * is still there under its name, it is not protected, and the workbook's structure lets a sheet be added.
 * Queued to ride with the label column's re-check; read after its sync.
 */
import type { LabelColumn } from "./labelColumn";
import { WorkbookError } from "./errors";
import { isSetSupported } from "./support";

/** Excel.WorkbookProtection arrived in ExcelApi 1.7; sheet protection (Excel.WorksheetProtection) in 1.2. */
export const WORKBOOK_PROTECTION_REQUIREMENT = { name: "ExcelApi", version: "1.7" } as const;

export type Preflight = {
  sheet: Excel.Worksheet;
  /** Found by id: a renamed sheet is found under its new name, a deleted one not at all. */
  byId: boolean;
  workbook: Excel.WorkbookProtection | null;
};

export type PreflightOptions = { workbookProtection?: boolean };

export function queuePreflight(
  context: Excel.RequestContext,
  target: LabelColumn,
  sheetId: string | undefined,
  options: PreflightOptions = {},
): Preflight {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetId ?? target.sheetName);
  sheet.load("name, protection/protected");
  const withWorkbook =
    options.workbookProtection ??
    isSetSupported(WORKBOOK_PROTECTION_REQUIREMENT.name, WORKBOOK_PROTECTION_REQUIREMENT.version);
  let workbook: Excel.WorkbookProtection | null = null;
  if (withWorkbook) {
    workbook = context.workbook.protection;
    workbook.load("protected");
  }
  return { sheet, byId: sheetId !== undefined, workbook };
}

/** The data sheet is protected, so no label can go beside the data; said before the job runs where possible. */
export function sheetProtectedError(sheetName: string, labelAddress: string): WorkbookError {
  return new WorkbookError(
    "SHEET_PROTECTED",
    `The sheet ${sheetName} is protected, so the labels cannot be written to ${labelAddress}: nothing was written. Unprotect it (Review > Unprotect Sheet) and cluster again.`,
  );
}

/** Throws, in Excel's own terms, when the write could not finish; after the preflight's sync. */
export function checkPreflight(pre: Preflight, target: LabelColumn): void {
  const name = target.sheetName;
  if (pre.sheet.isNullObject) {
    throw new WorkbookError(
      "SOURCE_SHEET_DELETED",
      pre.byId
        ? `The sheet ${name} was deleted while clustering: nothing was written.`
        : `The sheet ${name} was deleted or renamed while clustering: nothing was written.`,
    );
  }
  if (pre.sheet.name !== name) {
    throw new WorkbookError(
      "SOURCE_SHEET_RENAMED",
      `The sheet ${name} was renamed to ${pre.sheet.name} while clustering: nothing was written. Cluster again to label the data on ${pre.sheet.name}.`,
    );
  }
  if (pre.sheet.protection.protected) throw sheetProtectedError(name, target.address);
  if (pre.workbook?.protected) {
    throw new WorkbookError(
      "WORKBOOK_PROTECTED",
      "The workbook's structure is protected, so the results sheet cannot be added: nothing was written. Turn off Review > Protect Workbook and cluster again.",
    );
  }
}

/**
 * An Excel error of a write step in plain words. Excel's codes are documented ("Error handling with the
 * application-specific JavaScript APIs", https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling);
 * which code a protected sheet gives is not, so AccessDenied is read as "refused", with protection the
 * likely reason.
 */
export function excelReason(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === "string" ? err.code : "";
  const message = typeof err?.message === "string" ? err.message : String(e);
  switch (code) {
    case "AccessDenied":
      return `Excel refused the change (AccessDenied: ${message}); a protected sheet or workbook is the usual reason`;
    case "ItemNotFound":
    case "InvalidObjectPath":
      return `a sheet it needed was deleted or renamed meanwhile (${code})`;
    default:
      return code ? `Excel said: ${message} (${code})` : message;
  }
}
