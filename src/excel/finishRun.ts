/// <reference types="office-js" />
/**
 * The add-in's own results sheet from the last run on the same range: found (unchanged, by its
 * fingerprint) before writing, replaced after, with the run record stored last.
 */
import type { RunOutput, RunRecord } from "./types";
import { excelReason } from "./preflight";
import { queueRunRecord } from "./settings";
import { usedFingerprint } from "./sheetFingerprint";

/** The previous run's results sheet, when it is still there and holds exactly what that run wrote. */
export async function ownResultsSheet(
  context: Excel.RequestContext,
  previous: RunOutput,
  names: string[],
): Promise<{ name: string; position: number } | null> {
  const name = names.find((n) => n.toLowerCase() === previous.resultsSheet.toLowerCase());
  if (!name || typeof previous.resultsHash !== "string") return null;
  const sheet = context.workbook.worksheets.getItem(name);
  sheet.load("position");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address, formulas");
  await context.sync();
  if (used.isNullObject || usedFingerprint(used.address, used.formulas) !== previous.resultsHash) return null;
  return { name, position: sheet.position };
}

/**
 * After the results are written in full: the previous results sheet replaced (deleted, the new one renamed
 * into its place) with the run record in one last request, so a record only ever describes results that
 * were written in full. Without a sheet to replace, the record already rode with the results sheet when
 * its fingerprint was predicted right (saved); else it goes now. When the replacement fails the new
 * results stand under their own name and the pane says so; a refused record loses only Re-run, and the
 * caller stores it another way.
 */
export async function finishRun(
  context: Excel.RequestContext,
  record: RunRecord,
  output: RunOutput,
  old: { name: string; position: number } | null,
  options: { saveRecord?: boolean; saved: boolean },
): Promise<{ output: RunOutput; recordSaved: boolean; warnings: string[]; replaced?: string }> {
  const warnings: string[] = [];
  let final = output;
  let replaced: string | undefined;
  if (old) {
    try {
      const sheets = context.workbook.worksheets;
      sheets.getItem(old.name).delete();
      const fresh = sheets.getItem(output.resultsSheet);
      fresh.name = old.name;
      fresh.position = old.position;
      if (options.saveRecord)
        queueRunRecord(context, { ...record, output: { ...output, resultsSheet: old.name } });
      await context.sync();
      final = { ...output, resultsSheet: old.name };
      replaced = old.name;
      return { output: final, recordSaved: options.saveRecord === true, warnings, replaced };
    } catch (e) {
      // Excel keeps the statements before a failure: the record names what is there now.
      const fresh = context.workbook.worksheets.getItemOrNullObject(output.resultsSheet);
      const renamed = context.workbook.worksheets.getItemOrNullObject(old.name);
      await context.sync().catch(() => undefined);
      if (fresh.isNullObject && !renamed.isNullObject) {
        // Renamed into the old one's place; only its position was refused.
        final = { ...output, resultsSheet: old.name };
        replaced = old.name;
      } else {
        warnings.push(
          `The previous results sheet "${old.name}" could not be replaced (${excelReason(e)}); the new results are on "${output.resultsSheet}".`,
        );
      }
    }
  }
  let recordSaved = false;
  if (!old && options.saved) return { output: final, recordSaved: true, warnings };
  if (options.saveRecord) {
    try {
      queueRunRecord(context, { ...record, output: final });
      await context.sync();
      recordSaved = true;
    } catch {
      // The caller stores it another way.
    }
  }
  return { output: final, recordSaved, warnings, ...(replaced ? { replaced } : {}) };
}
