/// <reference types="office-js" />
/**
 * The Host the task pane talks to, backed by Excel.run. Each method is one Excel.run around a function
 * from read/write/settings, which take the context and hold the Office.js logic.
 */
import type { Host, RunRecord, SelectionInfo } from "./types";
import { readRangeAt, readSelectedRange, readSelectionInfo } from "./read";
import { loadRunRecord, loadRunRecordFromDocument, saveRunRecord, saveRunRecordToDocument } from "./settings";
import { detectCapabilities, isSetSupported, type Capabilities } from "./support";
import { checkLabelTarget, writeResults } from "./write";

export { isSetSupported, detectCapabilities, type Capabilities } from "./support";

// A request made while the user is typing in a cell would fail; this waits for the edit to end instead.
const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(RUN_OPTIONS, batch);
}

export function createExcelHost(capabilities: Capabilities = detectCapabilities()): Host {
  const readOptions = { multiAreaApi: capabilities.multiAreaApi, typesFromValues: true };
  // A full read also says whether the label column is empty, sparing the pane's check a request.
  const fullRead = { ...readOptions, labelColumn: true };
  // Where neither workbook nor document settings exist, Re-run still works until the pane closes.
  let sessionRecord: RunRecord | null = null;

  const getSelection = () => run((context) => readSelectionInfo(context, readOptions));

  return {
    getSelection,

    async onSelectionChanged(callback: (info: SelectionInfo) => void) {
      let active = true;
      let busy = false;
      let again = false;
      // Events arrive in bursts while the user drags; reads are not overlapped, and the last one wins.
      const refresh = async () => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const info = await getSelection();
            if (active) callback(info);
          } while (again && active);
        } catch {
          // A chart or shape is selected, say: the next change will report again.
        } finally {
          busy = false;
        }
      };
      const registration = await Excel.run(async (context) => {
        const result = context.workbook.onSelectionChanged.add(async () => {
          void refresh();
        });
        await context.sync();
        return result;
      });
      return () => {
        active = false;
        // A handler is removed in the context it was added in.
        Excel.run(registration.context, async (context) => {
          registration.remove();
          await context.sync();
        }).catch(() => undefined);
      };
    },

    onVisibilityChanged: watchVisibility,

    readSelection: () => run((context) => readSelectedRange(context, fullRead)),

    previewSelection: (maxRows: number) =>
      run((context) => readSelectedRange(context, { ...readOptions, maxRows, hiddenRows: false })),

    readRange: (address: string) => run((context) => readRangeAt(context, address, fullRead)),

    // With workbook settings, the last run's record rides along: its own labels are replaced unasked.
    checkLabelTarget: (prepared, options) =>
      run((context) =>
        checkLabelTarget(
          context,
          prepared,
          { saveRecord: capabilities.workbookSettings },
          options?.diagnostics === true,
        ),
      ),

    // The run record is stored in the last request where workbook settings exist.
    async writeResults(request) {
      const saveRecord = capabilities.workbookSettings;
      const report = await run((context) => writeResults(context, request, { saveRecord }));
      if (report.recordSaved) sessionRecord = { ...request.record, output: report.output };
      return report;
    },

    // Remembering the run is a convenience: when the workbook refuses it, the results already written
    // stand, so failures fall back (workbook, then document settings, then this session) instead of throwing.
    async saveRunRecord(record) {
      sessionRecord = record;
      try {
        if (capabilities.workbookSettings) return await run((context) => saveRunRecord(context, record));
        const settings = documentSettings();
        if (settings) await saveRunRecordToDocument(settings, record);
      } catch {
        // Kept for this session only.
      }
    },

    async loadRunRecord() {
      try {
        if (capabilities.workbookSettings) return (await run(loadRunRecord)) ?? sessionRecord;
        const settings = documentSettings();
        if (settings) return loadRunRecordFromDocument(settings) ?? sessionRecord;
      } catch {
        // Fall through to what this session knows.
      }
      return sessionRecord;
    },
  };
}

/**
 * The task pane's visibility, from Office.addin.onVisibilityModeChanged (SharedRuntime 1.1). Closing the
 * pane does not stop the shared runtime, and "any event listeners that are registered in the task pane
 * continue to run even when the task pane is hidden" ("Show or hide the task pane of your Office Add-in",
 * https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in), so the pane uses this to stop
 * its selection tracking: work done for a closed pane competes with the worksheet functions, which already
 * run slower while it is closed (office-js #6936, #3215). Without the API the pane counts as always shown.
 */
async function watchVisibility(callback: (visible: boolean) => void): Promise<() => void> {
  const addin = typeof Office !== "undefined" ? Office.addin : undefined;
  if (!addin?.onVisibilityModeChanged || !isSetSupported("SharedRuntime", "1.1")) return () => undefined;
  const remove = await addin.onVisibilityModeChanged((message) => {
    // "Hidden" or "Taskpane" (Office.VisibilityMode); anything else shows a pane.
    callback(message.visibilityMode !== "Hidden");
  });
  // The remover is itself asynchronous; nothing waits for it.
  return () => void remove().catch(() => undefined);
}

function documentSettings(): Office.Settings | null {
  try {
    return typeof Office !== "undefined" ? (Office.context.document.settings ?? null) : null;
  } catch {
    return null;
  }
}
