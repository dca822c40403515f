/** @jest-environment jsdom */
import { webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, type ByRoleMatcher } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { EngineError } from "../../src/engine";
import { blobRows, fakeHost, inlineRunner, manualRunner, sampleRange } from "./fakes";

// Why the waits below use text, label and test-id queries, and role queries only once the element is there:
// a role query with a name computes every candidate's accessible name, and jsdom answers each
// getComputedStyle it makes by matching every one of Fluent's several hundred CSS rules (10 to 30 ms a call
// on an idle machine). findBy* and waitFor repeat their query every 50 ms and on every DOM change, all on
// the one thread that must also render the pane, so a polled role query crowds out the very rendering it
// waits for, and on a loaded machine the wait stretches until it runs out. A cheap query waits; the role
// query then checks, once, that what appeared is the control of that role and name.

function clickCluster() {
  fireEvent.click(screen.getByRole("button", { name: "Cluster" }));
}

/** Waits for the form control labelled `name`, then checks it is the `role` of that accessible name. */
async function findControl(role: ByRoleMatcher, name: string): Promise<HTMLElement> {
  const control = await screen.findByLabelText(name);
  expect(screen.getByRole(role, { name })).toBe(control);
  return control;
}

/**
 * A button of the overwrite dialog, found by its text: a role query over the whole pane computes every
 * element's accessibility (styles included) on each poll, which on a loaded machine outlasts the wait.
 */
async function dialogButton(text: string): Promise<HTMLButtonElement> {
  const button = (await screen.findByText(text)).closest("button");
  if (!button) throw new Error(`"${text}" is not in a button`);
  return button;
}

// Rendering Fluent's dialogs in jsdom takes seconds on a loaded 2-core machine; the tests wait for
// conditions, and this is only the bound on how long they may wait.
jest.setTimeout(60_000);

describe("task pane", () => {
  test("ready: shows the live selection and enables Cluster", async () => {
    render(<App host={fakeHost(sampleRange(blobRows(30)))} runner={inlineRunner} theme={webLightTheme} />);
    expect(await screen.findByText("Sheet1!A1:C31")).toBeTruthy();
    expect(screen.getByTestId("selection-shape").textContent).toBe("31 rows × 3 columns");
    const cluster = screen.getByRole("button", { name: "Cluster" });
    await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  });

  test("lists the columns so an ID column can be unticked", async () => {
    render(<App host={fakeHost(sampleRange(blobRows(30)))} runner={inlineRunner} theme={webLightTheme} />);
    const id = await findControl("checkbox", "id");
    expect((id as HTMLInputElement).checked).toBe(true);
    fireEvent.click(id);
    expect((id as HTMLInputElement).checked).toBe(false);
  });

  test("done: writes labels and shows the summary", async () => {
    const host = fakeHost(sampleRange(blobRows(30)));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C31");
    clickCluster();
    expect(await screen.findByTestId("result-summary")).toBeTruthy();
    expect(screen.getByText(/30 rows clustered into 3 clusters/)).toBeTruthy();
    expect(host.writes).toHaveLength(1);
    expect(host.writes[0].overwrite).toBe(false);
    expect(host.records[0].settings).toMatchObject({ k: 3 });
    await screen.findByText(/Re-run last/);
    expect(screen.getByRole("button", { name: /Re-run last/ })).toBeTruthy();
  });

  test("running: shows progress and Cancel; cancel leaves the workbook untouched", async () => {
    const host = fakeHost(sampleRange(blobRows(30)));
    const runner = manualRunner();
    render(<App host={host} runner={runner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C31");
    clickCluster();
    await waitFor(() => expect(runner.calls).toBe(1));
    act(() => runner.progress({ fraction: 0.4, message: "Run 4 of 10, iteration 2" }));
    expect(await screen.findByText("Run 4 of 10, iteration 2")).toBeTruthy();
    expect(screen.getByRole("progressbar")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByText("Cancelled. The workbook was not changed.")).toBeTruthy();
    expect(host.writes).toHaveLength(0);
  });

  test("error: an engine error is shown with its message and nothing is written", async () => {
    const host = fakeHost(sampleRange(blobRows(30)));
    const runner = {
      run: async () => {
        throw new EngineError("TOO_FEW_SAMPLES", "n_samples=2 should be >= k=3");
      },
    };
    render(<App host={host} runner={runner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C31");
    clickCluster();
    expect(await screen.findByText("n_samples=2 should be >= k=3")).toBeTruthy();
    expect(host.writes).toHaveLength(0);
  });

  test("a label column with data asks first; declining writes nothing", async () => {
    const host = fakeHost(sampleRange(blobRows(30)));
    host.target = { address: "Sheet1!D1:D31", empty: false, nonEmptyCount: 4 };
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C31");
    clickCluster();
    expect(await screen.findByText(/4 of those cells already hold data/)).toBeTruthy();
    fireEvent.click(await dialogButton("Keep my cells"));
    expect(await screen.findByText(/Nothing was written/)).toBeTruthy();
    expect(host.writes).toHaveLength(0);
  });

  test("agreeing to overwrite writes with overwrite set", async () => {
    const host = fakeHost(sampleRange(blobRows(30)));
    host.target = { address: "Sheet1!D1:D31", empty: false, nonEmptyCount: 4 };
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C31");
    clickCluster();
    fireEvent.click(await dialogButton("Overwrite"));
    await screen.findByTestId("result-summary");
    expect(host.writes[0].overwrite).toBe(true);
  });

  test("too few usable rows for k is a specific message", async () => {
    const host = fakeHost(sampleRange(blobRows(2)));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C3");
    clickCluster();
    expect(await screen.findByText(/k=3 needs at least 3 usable rows/)).toBeTruthy();
    expect(host.writes).toHaveLength(0);
  });

  test("choose k for me: both signals side by side, the user picks, and that k is used", async () => {
    const host = fakeHost(sampleRange(blobRows(45)));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    await screen.findByText("Sheet1!A1:C46");
    // The ID column would drive the clustering; untick it, as a user would.
    fireEvent.click(await findControl("checkbox", "id"));
    fireEvent.click(screen.getByRole("switch", { name: "Choose k for me" }));
    clickCluster();
    const rec = await screen.findByTestId("recommendation");
    expect(rec.textContent).toContain("Recommended: k = 3");
    expect(rec.textContent).toMatch(/Silhouette: k = 3 separates the clusters best/);
    expect(rec.textContent).toMatch(/Elbow: /);
    expect(host.writes).toHaveLength(0);
    // The user may pick another k than the recommendation.
    const other = screen.getByRole("spinbutton", { name: "Other k" });
    fireEvent.change(other, { target: { value: "4" } });
    fireEvent.blur(other);
    fireEvent.click(screen.getByRole("button", { name: "Use this k" }));
    await screen.findByTestId("result-summary");
    expect(host.records[0].settings).toMatchObject({ k: 4 });
    expect(host.records[0].featureNames).toEqual(["x", "y"]);
    expect(host.writes[0].sweep?.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(screen.getByTestId("result-summary").textContent).toMatch(
      /Clustered with k = 4; the best silhouette was at k = 3/,
    );
  });

  test("the scatter can plot two chosen columns instead of principal components", async () => {
    const host = fakeHost(sampleRange(blobRows(30)));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    const mode = await findControl("combobox", "Scatter chart axes");
    fireEvent.change(mode, { target: { value: "columns" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Horizontal axis" }), { target: { value: "2" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Vertical axis" }), { target: { value: "1" } });
    clickCluster();
    await screen.findByTestId("result-summary");
    // Range columns y (2) and x (1) are features 2 and 1 of [id, x, y].
    expect(host.writes[0].record.settings.scatterAxes).toEqual([2, 1]);
    expect(host.writes[0].fit.scatter.axes).toEqual([2, 1]);
  });

  test("a single cell or a multi-area selection is named before Cluster is clicked", async () => {
    const range = sampleRange(blobRows(5));
    const host = fakeHost(range, {
      getSelection: async () => ({
        address: "Sheet1!B2",
        sheetName: "Sheet1",
        rowCount: 1,
        columnCount: 1,
        areaCount: 1,
      }),
    });
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    expect(
      await screen.findByText("Select the data to cluster: a single cell is not a data range."),
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: "Cluster" }).hasAttribute("disabled")).toBe(true);
  });
});
