/**
 * createExcelHost with Excel.run and Office stubbed on the global object, as in the office-addin-mock
 * README; the context passed to each batch is the hand-rolled fake (it has the selection events).
 */
import { createExcelHost, isSetSupported } from "../../src/excel/host";
import { RUN_RECORD_KEY } from "../../src/excel/settings";
import type { RunRecord, SelectionInfo } from "../../src/excel/types";
import { FakeContext } from "./fakeExcel";
import { rawFrom, recordFor } from "./fixtures";
import { prepareData } from "../../src/excel/prepare";
import { installGlobals } from "../host/office";
import { fakeExcel } from "../host/testHost";

const g = globalThis as unknown as { Excel?: unknown; Office?: unknown };

function installExcel(fake: FakeContext) {
  const runs: unknown[] = [];
  g.Excel = {
    run: (first: unknown, second?: (ctx: Excel.RequestContext) => Promise<unknown>) => {
      runs.push(first);
      const batch = (second ?? first) as (ctx: Excel.RequestContext) => Promise<unknown>;
      return batch(fake.asContext());
    },
  };
  return runs;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
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
  const fake = new FakeContext();
  fake.addSheet("Sheet1");
  fake.select(0, 0, 3, 2);
  const runs = installExcel(fake);
  const host = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  expect(await host.getSelection()).toMatchObject({ address: "Sheet1!A1:B3", areaCount: 1 });
  expect(runs[0]).toEqual({ delayForCellEdit: true });
});

test("selection changes are reported until unsubscribed", async () => {
  const fake = new FakeContext();
  fake.addSheet("Sheet1");
  fake.select(0, 0, 1, 1);
  installExcel(fake);
  const host = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  const seen: SelectionInfo[] = [];
  const unsubscribe = await host.onSelectionChanged((info) => seen.push(info));
  expect(fake.selectionHandlers.size).toBe(1);
  await fake.changeSelection(1, 1, 2, 2);
  await flush();
  expect(seen.map((s) => s.address)).toEqual(["Sheet1!B2:C3"]);
  unsubscribe();
  await flush();
  expect(fake.selectionHandlers.size).toBe(0);
  await fake.changeSelection(0, 0, 4, 4);
  await flush();
  expect(seen).toHaveLength(1);
});

test("the run record: workbook settings, with a session fallback when they fail", async () => {
  const fake = new FakeContext();
  fake.addSheet("Sheet1");
  installExcel(fake);
  const host = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  expect(await host.loadRunRecord()).toBeNull();
  await host.saveRunRecord(record);
  expect(typeof fake.settingsStore.get(RUN_RECORD_KEY)).toBe("string");
  expect(await createExcelHost({ multiAreaApi: true, workbookSettings: true }).loadRunRecord()).toEqual(
    record,
  );

  g.Excel = { run: () => Promise.reject(new Error("GeneralException")) };
  const failing = createExcelHost({ multiAreaApi: true, workbookSettings: true });
  await expect(failing.saveRunRecord(record)).resolves.toBeUndefined();
  expect(await failing.loadRunRecord()).toEqual(record);
});

test("without ExcelApi 1.4 the document settings are used", async () => {
  const store = new Map<string, unknown>();
  let saved = 0;
  g.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      document: {
        settings: {
          get: (k: string) => store.get(k) ?? null,
          set: (k: string, v: unknown) => store.set(k, v),
          saveAsync: (cb: (r: { status: string }) => void) => {
            saved++;
            cb({ status: "succeeded" });
          },
        },
      },
    },
  };
  const host = createExcelHost({ multiAreaApi: false, workbookSettings: false });
  await host.saveRunRecord(record);
  expect(saved).toBe(1);
  expect(await createExcelHost({ multiAreaApi: false, workbookSettings: false }).loadRunRecord()).toEqual(
    record,
  );
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
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual(["Data!A1:B5"]);
    unsubscribe();
    await waitFor(() => f.workbook.selectionListenerCount === 0);
    const syncs = f.host.excel.stats.syncs;
    f.workbook.select("Data", "A1:A3");
    await flush();
    await flush();
    expect(f.host.excel.stats.syncs).toBe(syncs);
    expect(seen).toEqual(["Data!A1:B5"]);
  });
});

/** Yields until the condition holds (each turn lets queued timers and syncs run). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await flush();
  expect(condition()).toBe(true);
}
