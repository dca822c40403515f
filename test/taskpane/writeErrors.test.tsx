/** @jest-environment jsdom */
/**
 * What the pane says when the write refuses or fails after the clustering ran, and when choose k tried
 * fewer k than asked: the title says what happened to the workbook, not "Could not cluster".
 */
import { webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { WorkbookError } from "../../src/excel/errors";
import { App, errorTitle } from "../../src/taskpane/App";
import { blobRows, fakeHost, inlineRunner, sampleRange } from "./fakes";

jest.setTimeout(60_000);

async function clusterWhenReady() {
  await screen.findByText(/Sheet1!A1:C/);
  const cluster = screen.getByRole("button", { name: "Cluster" });
  await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  fireEvent.click(cluster);
}

test("a refused write says nothing was written, with the reason", async () => {
  const message =
    "The sheet Sheet1 is protected, so the labels cannot be written to Sheet1!D1:D31: nothing was written.";
  const host = fakeHost(sampleRange(blobRows(30)), {
    writeResults: async () => {
      throw new WorkbookError("SHEET_PROTECTED", message);
    },
  });
  render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
  await clusterWhenReady();
  expect(await screen.findByText("Nothing was written")).toBeTruthy();
  expect(screen.getByText(message)).toBeTruthy();
  expect(screen.queryByText("Could not cluster")).toBeNull();
});

test("titles by what happened to the workbook", () => {
  expect(errorTitle(new WorkbookError("WRITE_FAILED", "x"))).toBe("Could not write the results");
  expect(errorTitle(new WorkbookError("LABEL_COLUMN_CHANGED", "x"))).toBe("Nothing was written");
  expect(errorTitle(new WorkbookError("SOURCE_SHEET_RENAMED", "x"))).toBe("Nothing was written");
  expect(errorTitle(new Error("engine"))).toBe("Could not cluster");
});

test("choose k on six rows says it tried k up to 5, not 10", async () => {
  const host = fakeHost(sampleRange(blobRows(6)));
  render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
  await screen.findByText(/Sheet1!A1:C7/);
  fireEvent.click(await screen.findByLabelText("Choose k for me"));
  await clusterWhenReady();
  expect(
    await screen.findByText(
      "Tried k up to 5, not 10: a silhouette needs more rows than clusters, and the selection has 6 usable rows.",
    ),
  ).toBeTruthy();
});
