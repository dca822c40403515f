/// <reference types="office-js" />
/**
 * The last run, kept in the workbook's own settings so Re-run works after the file is closed and reopened.
 * Stored as a JSON string: setting values that are objects are converted by each host its own way (dates
 * in particular), and a string round-trips everywhere.
 */
import { validateSettings, type RunSettings } from "../model";
import type { HeaderChoice, RunRecord } from "./types";

export const RUN_RECORD_KEY = "kmeans.lastRun";

/** Workbook settings (ExcelApi 1.4); saved with the workbook. */
export async function saveRunRecord(context: Excel.RequestContext, record: RunRecord): Promise<void> {
  queueRunRecord(context, record);
  await context.sync();
}

/** The same statement, queued for a request the caller sends (the results sheet's, say). */
export function queueRunRecord(context: Excel.RequestContext, record: RunRecord): void {
  context.workbook.settings.add(RUN_RECORD_KEY, JSON.stringify(record));
}

export async function loadRunRecord(context: Excel.RequestContext): Promise<RunRecord | null> {
  const item = context.workbook.settings.getItemOrNullObject(RUN_RECORD_KEY);
  item.load("value");
  await context.sync();
  return item.isNullObject ? null : parseRunRecord(item.value);
}

/** The Common API's document settings: the fallback where ExcelApi 1.4 is missing. */
export function saveRunRecordToDocument(settings: Office.Settings, record: RunRecord): Promise<void> {
  settings.set(RUN_RECORD_KEY, JSON.stringify(record));
  return new Promise((resolve, reject) =>
    settings.saveAsync((result) =>
      result.status === Office.AsyncResultStatus.Succeeded
        ? resolve()
        : reject(new Error(result.error?.message ?? "The workbook settings could not be saved.")),
    ),
  );
}

export function loadRunRecordFromDocument(settings: Office.Settings): RunRecord | null {
  return parseRunRecord(settings.get(RUN_RECORD_KEY));
}

const HEADER_CHOICES: readonly HeaderChoice[] = ["auto", "yes", "no"];
const NUMBERINGS: readonly string[] = ["sklearn", "size"];

/** How a recorded run numbered its clusters: scikit-learn's unless it says "size". */
export function numberingOf(record: RunRecord): "sklearn" | "size" {
  return record.settings.numbering === "size" ? "size" : "sklearn";
}

/**
 * A stored record, or null when absent or not one this add-in can replay (hand-edited, or written by a
 * version with another shape): Re-run is then simply not offered.
 */
export function parseRunRecord(stored: unknown): RunRecord | null {
  let value: unknown = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null) return null;
  const r = value as Partial<RunRecord>;
  const s = r.settings as Partial<RunRecord["settings"]> | undefined;
  const ok =
    typeof r.version === "string" &&
    typeof r.date === "string" &&
    typeof r.sourceAddress === "string" &&
    HEADER_CHOICES.includes(r.header as HeaderChoice) &&
    Array.isArray(r.excludedColumns) &&
    r.excludedColumns.every((c) => Number.isInteger(c)) &&
    Array.isArray(r.featureNames) &&
    r.featureNames.every((n) => typeof n === "string") &&
    typeof s === "object" &&
    s !== null &&
    // The model's one validator: a record whose settings the pane would refuse is not replayed.
    validateSettings(s as RunSettings).length === 0 &&
    // Absent in records stored before numbering by size existed: those are scikit-learn's numbers.
    (s.numbering === undefined || NUMBERINGS.includes(s.numbering)) &&
    (r.diagnostics === undefined || typeof r.diagnostics === "boolean") &&
    (r.output?.labelColumns === undefined ||
      (Number.isInteger(r.output.labelColumns) && r.output.labelColumns >= 1));
  return ok ? (value as RunRecord) : null;
}
