/** @jest-environment jsdom */
/**
 * Column choices belong to the selection they were made on, and the add-in's own label column starts
 * unticked. The pane runs on a fake host whose selection the test moves (fakes.ts's switchingHost).
 * Checkboxes are found by label, as in App.test.tsx (role queries over Fluent's styles are slow in jsdom).
 */
import { webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { RunRecord, SelectionInfo } from "../../src/excel/types";
import { App } from "../../src/taskpane/App";
import { ownLabelColumns } from "../../src/taskpane/columnDefaults";
import { blobRows, fakeHost, inlineRunner, rangeAt, sampleRange, switchingHost } from "./fakes";

jest.setTimeout(60_000);

const box = async (label: string) => (await screen.findByLabelText(label)) as HTMLInputElement;

async function clusterAndWait(host: { records: RunRecord[] }, n: number) {
  const cluster = screen.getByText("Cluster", { selector: "button" });
  await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  fireEvent.click(cluster);
  await waitFor(() => expect(host.records).toHaveLength(n));
}

/** A record of a run on Sheet1!A1:C31 that wrote its labels to `labelAddress`. */
function recordWithOutput(labelAddress: string): RunRecord {
  return {
    version: "test",
    date: "2024-01-01T00:00:00.000Z",
    sourceAddress: "Sheet1!A1:C31",
    header: "auto",
    excludedColumns: [0],
    featureNames: ["x", "y"],
    settings: {
      k: 3,
      scaling: "standard",
      nInit: 10,
      maxIter: 300,
      tol: 1e-4,
      seed: 42,
      silhouetteSampleSize: 20000,
    },
    output: { labelAddress, labelHash: "h", resultsSheet: "K-Means Results", resultsHash: "r" },
  };
}

/** The sample's rows with the labels a run wrote beside them, as a fourth column. */
function withLabels(header = "Cluster") {
  const rows = blobRows(30).map((r, i) => [...r, (i % 3) + 1]);
  return rangeAt("Sheet1!A1:D31", rows, ["id", "x", "y", header]);
}

describe("a new selection starts with every column ticked and the scatter on principal components", () => {
  const first = sampleRange(blobRows(30));
  const second = rangeAt("Sheet1!F1:H31", blobRows(30), ["code", "width", "depth"]);

  test("an unticked column and chosen scatter columns do not carry over to another range", async () => {
    const { host, select } = switchingHost([first, second]);
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    fireEvent.click(await box("id"));
    expect((await box("id")).checked).toBe(false);
    fireEvent.change(await box("Scatter chart axes"), { target: { value: "columns" } });
    act(() => select(second.address));
    // The second range's first column is ticked, though position 0 was unticked on the first range.
    expect((await box("code")).checked).toBe(true);
    expect(((await box("Scatter chart axes")) as unknown as HTMLSelectElement).value).toBe("pca");
    await clusterAndWait(host, 1);
    expect(host.records[0].excludedColumns).toEqual([]);
    expect(host.records[0].featureNames).toEqual(["code", "width", "depth"]);
    expect(host.records[0].settings.scatterAxes).toBe("pca");
  });

  test("selecting the same address again keeps the choices", async () => {
    const { host, select } = switchingHost([first, second]);
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    fireEvent.click(await box("id"));
    act(() => select(first.address));
    await clusterAndWait(host, 1);
    expect(host.records[0].excludedColumns).toEqual([0]);
  });

  test("Re-run keeps the stored run's unticked columns, whatever is selected now", async () => {
    const { host, select, reads } = switchingHost([first, second]);
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    fireEvent.click(await box("id"));
    await clusterAndWait(host, 1);
    expect(host.records[0].excludedColumns).toEqual([0]);
    act(() => select(second.address));
    expect((await box("code")).checked).toBe(true);
    fireEvent.click((await screen.findByText(/Re-run last/)).closest("button")!);
    await waitFor(() => expect(host.records).toHaveLength(2));
    expect(reads).toEqual([first.address]);
    expect(host.records[1].excludedColumns).toEqual([0]);
    expect(host.records[1].featureNames).toEqual(["x", "y"]);
  });
});

describe("the label column the last run wrote", () => {
  test("is unticked by default when the selection takes it in, says why, and is not clustered", async () => {
    const host = fakeHost(withLabels());
    host.records.push(recordWithOutput("Sheet1!D1:D31"));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    const labels = await box("Cluster (labels written by K-Means; not used)");
    expect(labels.checked).toBe(false);
    expect((await box("x")).checked).toBe(true);
    await clusterAndWait(host, 2);
    expect(host.records[1].excludedColumns).toEqual([3]);
    expect(host.records[1].featureNames).toEqual(["id", "x", "y"]);
  });

  test("can be ticked back, and is then clustered like any column", async () => {
    const host = fakeHost(withLabels());
    host.records.push(recordWithOutput("Sheet1!D1:D31"));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    fireEvent.click(await box("Cluster (labels written by K-Means; not used)"));
    expect((await box("Cluster (labels written by K-Means)")).checked).toBe(true);
    await clusterAndWait(host, 2);
    expect(host.records[1].featureNames).toEqual(["id", "x", "y", "Cluster"]);
  });

  test("is left alone without a record saying the add-in wrote it", async () => {
    const host = fakeHost(withLabels());
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    // A column headed Cluster is the user's until a record says the add-in wrote it.
    expect((await box("Cluster")).checked).toBe(true);
  });

  test("a column the user has since headed otherwise is data again", async () => {
    const host = fakeHost(withLabels("Segment"));
    host.records.push(recordWithOutput("Sheet1!D1:D31"));
    render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
    expect((await box("Segment")).checked).toBe(true);
  });
});

describe("ownLabelColumns", () => {
  const selection = (address: string, sheetName = "Sheet1"): SelectionInfo => ({
    address,
    sheetName,
    rowCount: 31,
    columnCount: 4,
    areaCount: 1,
  });
  const columns = ["id", "x", "y", "Cluster"].map((name, index) => ({ index, name, numeric: true }));
  const record = recordWithOutput;

  test("finds the column by the record's address: same sheet, a column of the selection, rows that meet", () => {
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), columns, true, record("Sheet1!D1:D31"))).toEqual([3]);
    expect(ownLabelColumns(selection("Sheet1!B1:E31"), columns, true, record("Sheet1!E1:E31"))).toEqual([3]);
    // Sheet names compare as Excel compares them, without regard to case, quoted or not.
    expect(
      ownLabelColumns(selection("'My Data'!A1:D31", "My Data"), columns, true, record("'my data'!D1:D31")),
    ).toEqual([3]);
    expect(ownLabelColumns(selection("Sheet1!A:D"), columns, true, record("Sheet1!D1:D31"))).toEqual([3]);
  });

  test("is empty for another sheet, a column outside, rows apart, or no record output", () => {
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), columns, true, record("Sheet2!D1:D31"))).toEqual([]);
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), columns, true, record("Sheet1!E1:E31"))).toEqual([]);
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), columns, true, record("Sheet1!D40:D70"))).toEqual([]);
    const old = { ...record("Sheet1!D1:D31"), output: undefined };
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), columns, true, old)).toEqual([]);
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), columns, true, null)).toEqual([]);
  });

  test("without a header row the record alone decides; under one, the header must still be Cluster", () => {
    const unnamed = columns.map((c) => ({ ...c, name: `Column ${"ABCD"[c.index]}` }));
    expect(ownLabelColumns(selection("Sheet1!A2:D31"), unnamed, false, record("Sheet1!D1:D31"))).toEqual([3]);
    expect(ownLabelColumns(selection("Sheet1!A1:D31"), unnamed, true, record("Sheet1!D1:D31"))).toEqual([]);
  });

  test("a run that wrote per-row diagnostics owns them too, as far as their headers still say so", () => {
    const wide = ["x", "y", "Cluster", "Distance", "Silhouette", "Runner-up", "Margin", "Outlier"].map(
      (name, index) => ({ index, name, numeric: true }),
    );
    const withDiagnostics = { ...record("Sheet1!C1:C31") };
    withDiagnostics.output = { ...withDiagnostics.output!, labelColumns: 6 };
    const at = (address: string, cols = wide) =>
      ownLabelColumns({ ...selection(address), columnCount: cols.length }, cols, true, withDiagnostics);
    expect(at("Sheet1!A1:H31")).toEqual([2, 3, 4, 5, 6, 7]);
    // A diagnostics column renamed since is the user's: it and those right of it stay ticked.
    const renamed = wide.map((c) => (c.index === 5 ? { ...c, name: "Notes" } : c));
    expect(at("Sheet1!A1:H31", renamed)).toEqual([2, 3, 4]);
    // Without diagnostics in the record, the Distance column is not the add-in's.
    expect(ownLabelColumns(selection("Sheet1!A1:H31"), wide, true, record("Sheet1!C1:C31"))).toEqual([2]);
  });
});
