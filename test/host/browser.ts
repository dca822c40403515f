/**
 * The test host as a browser script, standing in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js.
 * Excel and OfficeExtension are Microsoft's: the platform's Excel client script (from the same CDN path,
 * which the browser tests answer from the pinned @microsoft/office-js) loads first, with its native-bridge
 * hook pointing here; then this script puts the test host's Office and CustomFunctions beside it over one
 * in-memory workbook, and a handle on window.__workbook for tests and the preview page (seed sheets,
 * select, read back cells, tables, charts and writes, enter formulas, paste text or open a CSV, show the
 * grid view).
 *
 * Loaded as a blocking script (taskpane.html loads office.js so), it writes the client's script tag and
 * then starts; where the page already loaded the client (preview.html does, before its deferred bundles),
 * it starts at once.
 *
 * Options are read from window.__fakeOfficeOptions when the script runs (set it first, e.g. with
 * Playwright's addInitScript or an inline script): HostOptions plus
 *   samples: ["iris", "customers", "moons"]  sample sheets to load,
 *   select: "Iris!A1:D151"                    the selection when the add-in starts,
 *   view: "#sheet-view"                       mount the grid view into this element (or true: beside the pane).
 */
import { address } from "./a1";
import type { NativeBridge } from "./bridge";
import { selectionHandlers } from "./clientSelection";
import { CLIENT_SCRIPTS, OFFICE_CDN } from "./clientScripts";
import { openFile, pasteText } from "./importText";
import { createTestHost, installGlobals, type HostOptions } from "./office";
import { loadSample, type SampleName } from "./samples";
import { mountSheetView, type SheetView } from "./view";
import { Workbook, type FunctionsJson, type Platform, type RangeRef } from "./workbook";

export type BrowserOptions = Omit<HostOptions, "loadFunctionMetadata"> & {
  sheets?: string[];
  platform?: Platform;
  samples?: SampleName[];
  select?: string;
  view?: string | boolean;
};

declare global {
  interface Window {
    __fakeOfficeOptions?: BrowserOptions;
    __workbook?: ReturnType<typeof createHandle>;
    __testHostStart?: () => void;
    _richApiNativeBridge?: NativeBridge;
  }
}

function splitQualified(text: string, wb: Workbook): { sheet: string; local: string } {
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { sheet: wb.activeSheet.name, local: text };
  return {
    sheet: text.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'"),
    local: text.slice(bang + 1),
  };
}

function createHandle(wb: Workbook, host: ReturnType<typeof createTestHost>) {
  let view: SheetView | null = null;
  const ref = (r: RangeRef | null) => (r ? wb.addressOf(r) : null);
  const data = (r: RangeRef | null) => {
    const sheet = r && wb.sheetById(r.sheetId);
    return sheet && r ? wb.valuesOf(sheet, r.rect).flat() : null;
  };
  const handle = {
    workbook: wb,
    /** Releases Office.onReady when the page was opened with holdReady. */
    start: () => host.start(),
    loadSample: (name: SampleName, sheet?: string) => loadSample(wb, name, sheet),
    setValues: (sheet: string, topLeft: string, values: unknown[][]) => wb.setValues(sheet, topLeft, values),
    fillRandom: (sheet: string, rows: number, columns: number, seed?: number) =>
      wb.fillRandom(sheet, rows, columns, seed),
    addSheet: (name: string) => void wb.addSheet(name, "user"),
    /** The user protecting or unprotecting a sheet (Review > Protect Sheet): every cell locked. */
    protect: (sheet: string, on = true) => void (wb.sheet(sheet).protected = on),
    /** The user protecting or unprotecting the workbook's structure (Review > Protect Workbook). */
    protectStructure: (on = true) => void (wb.structureProtected = on),
    /** The user renaming a sheet on its tab (Excel's naming rules apply). */
    renameSheet: (from: string, to: string) => {
      const sheet = wb.sheet(from);
      wb.checkSheetName(to, sheet);
      sheet.name = to;
      wb.log("sheet-rename", `${from} → ${to}`, "user");
    },
    /** The user deleting a sheet. */
    deleteSheet: (name: string) => wb.deleteSheet(wb.sheet(name), "user"),
    /** Selects "Sheet!A1:D5" or "A1:B2,D1:D2" on the active sheet, as a user would. */
    select: (text: string) => {
      const { sheet, local } = splitQualified(text, wb);
      wb.select(sheet, local);
    },
    selection: () => wb.selectionAddress,
    values: (text: string) => {
      const { sheet, rect } = wb.resolve(text);
      return wb.valuesOf(sheet, rect);
    },
    cell: (text: string) => {
      const { sheet, rect } = wb.resolve(text);
      const c = sheet.get(rect.row, rect.column);
      return c
        ? { value: c.v, type: c.t, formula: c.f ?? null, format: c.fmt ?? "General", message: c.msg ?? null }
        : null;
    },
    sheets: () => wb.sheets.map((s) => s.name),
    used: (sheet: string) => {
      const s = wb.sheet(sheet);
      const rect = s.used(true);
      return rect ? address(s.name, rect) : null;
    },
    tables: () =>
      wb.tables.map((t) => ({
        name: t.name,
        sheet: wb.sheetById(t.sheetId)?.name ?? null,
        address: ref({ sheetId: t.sheetId, rect: t.rect }),
        headers: t.headers,
        renamedHeaders: t.renamedHeaders,
      })),
    charts: () =>
      wb.charts.map((c) => ({
        name: c.name,
        sheet: wb.sheetById(c.sheetId)?.name ?? null,
        type: c.type,
        title: c.title,
        source: ref(c.source),
        seriesBy: c.seriesBy,
        categoryAxisTitle: c.categoryAxisTitle,
        valueAxisTitle: c.valueAxisTitle,
        legend: c.legend,
        position: c.position,
        series: c.series.map((s) => ({
          name: s.name,
          values: ref(s.values),
          xValues: ref(s.xValues),
          valueData: data(s.values),
          xData: data(s.xValues),
          chartType: s.chartType,
          markerStyle: s.markerStyle,
          markerSize: s.markerSize,
        })),
      })),
    /** A sheet's conditional formats as Excel received them, top priority first. */
    conditionalFormats: (sheet: string) =>
      wb.sheet(sheet).conditionalFormats.map((f) => ({
        type: f.type,
        address: address(sheet, f.rect),
        criteria: f.colorScale?.criteria ?? null,
      })),
    settings: () => Object.fromEntries(wb.settings),
    /** The add-in's writes since the page loaded (or since clearWrites()). */
    writes: () => wb.addinWrites(),
    clearWrites: () => void (wb.writes = []),
    digest: () => wb.digest(),
    stats: () => ({ ...host.excel.stats }),
    /** The user closing or reopening the task pane (Office.addin.onVisibilityModeChanged fires). */
    hidePane: () => host.setVisibility("Hidden"),
    showPane: () => host.setVisibility("Taskpane"),
    unsupported: () => [...wb.unsupported],
    /** Handlers the add-in registered with workbook.onSelectionChanged, as Microsoft's client holds them. */
    selectionListeners: () => host.client.selectionHandlers(),
    /** Excel API members the test workbook answered, as "Range.values". */
    answered: () => [...host.excel.answered],
    functions: () => [...wb.functions.keys()],
    functionCalls: () => wb.functionCalls.map((c) => ({ ...c })),
    enterFormula: (sheet: string, cell: string, formula: string) => wb.enterFormula(sheet, cell, formula),
    /** Pastes tab-separated or CSV text at the selection, as a paste onto the grid (its note when shown). */
    paste: (text: string) => (view ? view.paste(text) : pasteText(wb, text)),
    /** Opens text as a CSV file of this name would be opened: a new sheet, its used range selected. */
    openCsv: (name: string, text: string) => {
      const file = new File([text], name, { type: "text/csv" });
      return view ? view.open(file) : openFile(wb, file);
    },
    /** Mounts the grid view into an element (selector), or beside the task pane. */
    mountView: (target?: string) => {
      if (view) return;
      let container = target ? document.querySelector<HTMLElement>(target) : null;
      if (!container) {
        const pane = document.getElementById("container");
        document.body.style.cssText = "display:flex;height:100vh;margin:0;overflow:hidden";
        container = document.createElement("div");
        container.style.cssText = "flex:1;min-width:0;height:100vh";
        document.body.insertBefore(container, document.body.firstChild);
        if (pane)
          pane.style.cssText =
            "width:380px;flex:none;height:100vh;overflow:auto;border-left:1px solid #e1dfdd";
      }
      view = mountSheetView(wb, container);
    },
    showSheet: (name: string) => view?.showSheet(name),
    showCharts: (on = true) => view?.gallery(on),
    scrollTo: (cell: string) => view?.scrollTo(cell),
  };
  return handle;
}

async function fetchMetadata(): Promise<FunctionsJson | null> {
  const response = await fetch("functions.json", { cache: "no-store" });
  if (!response.ok) return null;
  const json = (await response.json()) as Partial<FunctionsJson>;
  return Array.isArray(json.functions) ? (json as FunctionsJson) : null;
}

function start(): void {
  const options = window.__fakeOfficeOptions ?? {};
  const wb = new Workbook({
    sheets: options.sheets ?? (options.samples?.length ? [] : ["Sheet1"]),
    platform: options.platform,
  });
  for (const name of options.samples ?? []) loadSample(wb, name);
  if (wb.sheets.length === 0) wb.addSheet("Sheet1", "user");
  if (options.select) {
    const { sheet, local } = splitQualified(options.select, wb);
    wb.select(sheet, local);
  } else {
    wb.select(wb.sheets[0].name, "A1");
  }
  wb.writes = [];
  const bridge = window._richApiNativeBridge;
  const win = window as unknown as { Excel?: typeof Excel; OfficeExtension?: typeof OfficeExtension };
  if (!bridge || !win.Excel || !win.OfficeExtension)
    throw new Error("Microsoft's Excel client did not load.");
  const client = {
    Excel: win.Excel,
    OfficeExtension: win.OfficeExtension,
    file: CLIENT_SCRIPTS[wb.platform],
    selectionHandlers: () => selectionHandlers(win.OfficeExtension),
  };
  const host = createTestHost(wb, { ...options, loadFunctionMetadata: fetchMetadata }, () => client, bridge);
  installGlobals(window as unknown as Record<string, unknown>, host);
  const handle = createHandle(wb, host);
  window.__workbook = handle;
  if (options.view) {
    const mount = () => handle.mountView(typeof options.view === "string" ? options.view : undefined);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
    else mount();
  }
}

/**
 * Microsoft's client looks for its native bridge when its script runs, so the bridge exists first; the
 * test workbook connects to it in start().
 */
function boot(): void {
  if ((window as { OfficeExtension?: unknown }).OfficeExtension) return start();
  window._richApiNativeBridge ??= { sendMessageToHost: () => undefined };
  window.__testHostStart = start;
  const platform = window.__fakeOfficeOptions?.platform ?? "web";
  document.write(
    `<script src="${OFFICE_CDN}${CLIENT_SCRIPTS[platform]}"></script>` +
      "<script>window.__testHostStart()</script>",
  );
}

boot();
