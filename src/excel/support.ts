/// <reference types="office-js" />
/** Requirement-set checks that are safe to call where Office.js is absent (tests, the preview page). */

export function isSetSupported(name: string, version?: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported(name, version);
  } catch {
    // Office exists but is not initialised (no context yet): nothing can be relied on.
    return false;
  }
}

/** What the host can do beyond the add-in's minimum, ExcelApi 1.7 (getRangeByIndexes). */
export type Capabilities = {
  /** ExcelApi 1.9: getSelectedRanges, so multi-area selections are recognised. */
  multiAreaApi: boolean;
  /** ExcelApi 1.4: workbook.settings. */
  workbookSettings: boolean;
};

export function detectCapabilities(): Capabilities {
  return {
    multiAreaApi: isSetSupported("ExcelApi", "1.9"),
    workbookSettings: isSetSupported("ExcelApi", "1.4"),
  };
}
