/** @jest-environment jsdom */
/**
 * The pane over the add-in's real Excel host and the test workbook: a closed pane tracks nothing. Jest's
 * fake timers stand in for the clock, so "the preview's 250 ms debounce has passed" is a step of the test,
 * not a wait.
 */
import { webLightTheme } from "@fluentui/react-components";
import { act, render, screen } from "@testing-library/react";
import { createExcelHost } from "../../src/excel/host";
import type { Host } from "../../src/excel/types";
import { App } from "../../src/taskpane/App";
import { installGlobals } from "../host/office";
import { loadSample } from "../host/samples";
import { fakeExcel } from "../host/testHost";
import type { Platform } from "../host/workbook";
import { inlineRunner } from "./fakes";

// The clock is Jest's, so nothing here waits on time; but each test renders the pane and loads Microsoft's
// Excel client, about a second of work idle and several on a loaded 2-core machine, too close to Jest's
// default 5 s. The bound is generous: it only decides how long a test that hangs takes to fail.
jest.setTimeout(60_000);

let uninstall: (() => void) | null = null;
beforeEach(() => jest.useFakeTimers({ doNotFake: ["queueMicrotask", "nextTick", "setImmediate"] }));
afterEach(() => {
  uninstall?.();
  uninstall = null;
  jest.useRealTimers();
});

function setup(platform: Platform) {
  const f = fakeExcel({ platform });
  uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, f.host);
  loadSample(f.workbook, "iris");
  f.workbook.select("Iris", "A1:D151");
  const excelHost = createExcelHost();
  const previews: number[] = [];
  const host: Host = {
    ...excelHost,
    previewSelection: (rows) => {
      previews.push(rows);
      return excelHost.previewSelection!(rows);
    },
  };
  render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
  return { ...f, previews };
}

/** Lets every timer due within ms run, with React told about the updates they cause. */
const elapse = (ms: number) => act(() => jest.advanceTimersByTimeAsync(ms));

/** Moves the clock on in steps until the text is on screen (at most a simulated minute). */
async function shown(text: string): Promise<HTMLElement> {
  for (let i = 0; i < 600 && screen.queryByText(text) === null; i++) await elapse(100);
  return screen.getByText(text);
}

describe.each(["web", "mac"] as const)("on %s, a closed pane", (platform) => {
  test("reads nothing while closed, and shows the current selection when reopened", async () => {
    const f = setup(platform);
    expect(await shown("Iris!A1:D151")).toBeTruthy();
    // The preview listed the columns: the pane is live.
    expect(await shown("petal length (cm)")).toBeTruthy();
    expect(f.previews.length).toBeGreaterThan(0);

    await elapse(1000);
    await act(async () => {
      const told = f.host.setVisibility("Hidden");
      await jest.advanceTimersByTimeAsync(0);
      await told;
    });
    await elapse(100);
    // The selection handler was removed from Microsoft's client, so a change Excel reports runs nothing.
    expect(f.host.client.selectionHandlers()).toBe(0);
    const syncs = f.host.excel.stats.syncs;
    const previews = f.previews.length;
    f.workbook.select("Iris", "B2:C40");
    await elapse(1000);
    f.workbook.select("Iris", "A1:B20");
    await elapse(1000);
    expect(f.host.excel.stats.syncs).toBe(syncs);
    expect(f.previews).toHaveLength(previews);
    // What the pane showed stays until it is seen again.
    expect(screen.getByTestId("selection-address").textContent).toBe("Iris!A1:D151");

    await act(async () => {
      const told = f.host.setVisibility("Taskpane");
      await jest.advanceTimersByTimeAsync(0);
      await told;
    });
    expect(await shown("Iris!A1:B20")).toBeTruthy();
    expect(screen.getByTestId("selection-shape").textContent).toBe("20 rows × 2 columns");
    await elapse(1000);
    expect(f.previews).toHaveLength(previews + 1);
    expect(f.host.client.selectionHandlers()).toBe(1);

    // Tracking resumed.
    f.workbook.select("Iris", "C1:D5");
    expect(await shown("Iris!C1:D5")).toBeTruthy();
  });
});
