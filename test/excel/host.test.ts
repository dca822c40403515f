/**
 * createExcelHost on the test host's globals (installGlobals): Microsoft's Excel (its Excel.run) over the
 * test workbook, and the test host's Office.
 */
import { createExcelHost, isSetSupported } from "../../src/excel/host";
import { RUN_RECORD_KEY } from "../../src/excel/settings";
import type { RunRecord, SelectionInfo } from "../../src/excel/types";
import { rawFrom, recordFor } from "./fixtures";
import { prepareData } from "../../src/excel/prepare";
import { installGlobals } from "../host/office";
import { fakeExcel } from "../host/testHost";
import { settled, until } from "./testWorkbook";

const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The test workbook, its Office and Microsoft's Excel installed as globals until the test ends. */
let uninstallGlobals: (() => void) | null = null;
function install(options: Parameters<typeof fakeExcel>[0] = {}) {
  uninstallGlobals?.();
  const f = fakeExcel(options);
  uninstallGlobals = installGlobals(g as unknown as Record<string, unknown>, f.host);
  return f;
}

afterEach(() => {
  uninstallGlobals?.();
  uninstallGlobals = null;
  delete g.Excel;
  delete g.Office;
});

const record: RunRecord = recordFor(prepareData(rawFrom([["X"], [1], [2]])));

test("isSetSupported is false without Office, and asks Office otherwise", () => {
  expect(isSetSupported("ExcelApi", "1.9")).toBe(false);
  g.Office = {
    context: { requirements: { isSetSupported: (n: string, v: string) => n === "ExcelApi" && v <= "1.9" } },
  };
  expect(isSetSupported("ExcelApi", "1.9")).toBe(true);
  expect(isSetSupported("ExcelApi", "2.0")).toBe(false);
  g.Office = { context: undefined };
  expect(isSetSupported("ExcelApi", "1.1")).toBe(false);
});

test("getSelection runs in Excel.run, waiting out cell editing", async () => {
  const f = install();
  f.workbook.select("Sheet1", "A1:B3");
  const run = jest.spyOn(f.host.client.Excel, "run");
  const host = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  expect(await host.getSelection()).toMatchObject({ address: "Sheet1!A1:B3", areaCount: 1 });
  expect(run).toHaveBeenCalledTimes(1);
  expect(run.mock.calls[0][0]).toEqual({ delayForCellEdit: true });
});

test("selection changes are reported until unsubscribed", async () => {
  const f = install();
  f.workbook.select("Sheet1", "A1");
  const host = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  const seen: SelectionInfo[] = [];
  const unsubscribe = await host.onSelectionChanged((info) => seen.push(info));
  // Registered with Microsoft's client, which holds the handler.
  expect(f.host.client.selectionHandlers()).toBe(1);
  f.workbook.select("Sheet1", "B2:C3");
  await until(() => seen.length === 1);
  expect(seen.map((s) => s.address)).toEqual(["Sheet1!B2:C3"]);
  unsubscribe();
  await until(() => f.host.client.selectionHandlers() === 0);
  f.workbook.select("Sheet1", "A1:D4");
  await flush();
  await flush();
  expect(seen).toHaveLength(1);
});

test("the run record: workbook settings, with a session fallback when they fail", async () => {
  const f = install();
  const host = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  expect(await host.loadRunRecord()).toBeNull();
  await host.saveRunRecord(record);
  expect(typeof f.workbook.settings.get(RUN_RECORD_KEY)).toBe("string");
  expect(await createExcelHost({ multiAreaApi: true, workbookSettings: true }).loadRunRecord()).toEqual(
    record,
  );

  // An Excel that refuses every request (each is over its payload limit): saving and loading fail there.
  const refusing = install({ requestLimitBytes: 1 });
  const failing = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  await expect(failing.saveRunRecord(record)).resolves.toBeUndefined();
  expect(await failing.loadRunRecord()).toEqual(record);
  expect(refusing.host.excel.stats.failedSyncs).toBe(2);
  expect(refusing.workbook.settings.has(RUN_RECORD_KEY)).toBe(false);
});

test("without ExcelApi 1.4 the document settings are used", async () => {
  const f = install({ requirements: { ExcelApi: "1.3" } });
  const host = createExcelHost({ multiAreaApi: false, workbookSettings: false });
  await host.saveRunRecord(record);
  // Office.context.document.settings.saveAsync wrote it into the document, once.
  expect(typeof f.workbook.settings.get(RUN_RECORD_KEY)).toBe("string");
  expect(f.workbook.writes.filter((w) => w.kind === "setting")).toEqual([
    { kind: "setting", target: "document settings", by: "add-in" },
  ]);
  expect(await createExcelHost({ multiAreaApi: false, workbookSettings: false }).loadRunRecord()).toEqual(
    record,
  );
  // Not a request to Excel: the workbook settings API was not used.
  await settled(f);
  expect(f.host.excel.stats.syncs).toBe(0);
});

describe("the task pane's visibility (Office.addin.onVisibilityModeChanged)", () => {
  /** The test workbook's Office globals, and the add-in's host over them. */
  function setup(options: Parameters<typeof fakeExcel>[0] = {}) {
    const fixture = fakeExcel(options);
    const uninstall = installGlobals(g as unknown as Record<string, unknown>, fixture.host);
    return { ...fixture, excelHost: createExcelHost(), uninstall };
  }

  let uninstall: (() => void) | null = null;
  afterEach(() => {
    uninstall?.();
    uninstall = null;
  });

  test.each(["web", "windows"] as const)(
    "on %s: closing and opening are reported until unsubscribed",
    async (platform) => {
      const f = setup({ platform });
      uninstall = f.uninstall;
      const seen: boolean[] = [];
      const unsubscribe = await f.excelHost.onVisibilityChanged!((v) => seen.push(v));
      expect(f.host.visibility().handlers).toBe(1);
      await f.host.setVisibility("Hidden");
      await f.host.setVisibility("Taskpane");
      // Office.addin.hide() and showAsTaskpane() fire the same event.
      await (g.Office as { addin: { hide(): Promise<void> } }).addin.hide();
      await flush();
      expect(seen).toEqual([false, true, false]);
      unsubscribe();
      await flush();
      expect(f.host.visibility().handlers).toBe(0);
      await f.host.setVisibility("Taskpane");
      expect(seen).toEqual([false, true, false]);
    },
  );

  test("without SharedRuntime 1.1 nothing is registered and the pane counts as shown", async () => {
    const f = setup({ requirements: { SharedRuntime: "1.0" } });
    uninstall = f.uninstall;
    const seen: boolean[] = [];
    const unsubscribe = await f.excelHost.onVisibilityChanged!((v) => seen.push(v));
    await f.host.setVisibility("Hidden");
    expect(f.host.visibility().handlers).toBe(0);
    expect(seen).toEqual([]);
    unsubscribe();
  });

  test("an unsubscribed selection handler costs no request when the selection changes", async () => {
    const f = setup();
    uninstall = f.uninstall;
    f.workbook.fillRandom("Data", 10, 2);
    const seen: string[] = [];
    const unsubscribe = await f.excelHost.onSelectionChanged((s) => seen.push(s.address));
    f.workbook.select("Data", "A1:B5");
    await until(() => seen.length === 1);
    expect(seen).toEqual(["Data!A1:B5"]);
    unsubscribe();
    // The handler is Microsoft's client's to drop (the workbook's own listener feeds the bridge, always);
    // then the last read's clean-up request lands, and nothing after it.
    await until(() => f.host.client.selectionHandlers() === 0);
    await settled(f);
    const syncs = f.host.excel.stats.syncs;
    f.workbook.select("Data", "A1:A3");
    await flush();
    await flush();
    expect(f.host.excel.stats.syncs).toBe(syncs);
    expect(seen).toEqual(["Data!A1:B5"]);
  });
});
