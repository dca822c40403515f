/** @jest-environment jsdom */
/** The pane says what it took the first row for, and the summary counts hidden rows as hidden. */
import { webLightTheme } from "@fluentui/react-components";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { RawRange } from "../../src/excel/types";
import { App } from "../../src/taskpane/App";
import { headerHint } from "../../src/taskpane/OptionsForm";
import { fakeHost, inlineRunner } from "./fakes";

jest.setTimeout(60_000);

function range(values: unknown[][], hiddenRows?: boolean[]): RawRange {
  return {
    address: `Sheet1!A1:C${values.length}`,
    sheetName: "Sheet1",
    firstRow: 0,
    firstColumn: 0,
    values,
    valueTypes: values.map((r) =>
      r.map((v) => (typeof v === "number" ? "Double" : v === "" ? "Empty" : "String")),
    ),
    ...(hiddenRows ? { hiddenRows } : {}),
  };
}

const measurements = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    [((i % 3) * 10 + (i % 7) / 7).toFixed(3), (i % 3) * 0.5 + 0.13 * (i % 4), 1.25 + (i % 5) * 0.3].map(
      Number,
    ),
  );

test("years over measurements: the pane says it took them for the header", async () => {
  render(
    <App
      host={fakeHost(range([[2019, 2020, 2021], ...measurements(30)]))}
      runner={inlineRunner}
      theme={webLightTheme}
    />,
  );
  expect(
    await screen.findByText(
      "Detected: the first row is the header (whole numbers such as years over measurements).",
    ),
  ).toBeTruthy();
  expect(await screen.findByLabelText("2019")).toBeTruthy();
});

test("numbers all the way down: the pane says there is no header row", async () => {
  render(<App host={fakeHost(range(measurements(30)))} runner={inlineRunner} theme={webLightTheme} />);
  expect(
    await screen.findByText("Detected: no header row (the first row holds data like the rows below)."),
  ).toBeTruthy();
});

test("a header chosen by hand is said as chosen", () => {
  expect(headerHint({ hasHeader: true, reason: "chosen" })).toBe("The first row is used as the header.");
  expect(headerHint({ hasHeader: false, reason: "chosen" })).toBe("Every row is data.");
});

test("hidden rows are reported as hidden, not as blank, text or error", async () => {
  const values: unknown[][] = [["a", "b", "c"], ...measurements(30)];
  values[5] = [values[5][0], "", values[5][2]];
  const hidden = values.map((_, i) => i === 5 || i === 6);
  render(<App host={fakeHost(range(values, hidden))} runner={inlineRunner} theme={webLightTheme} />);
  await screen.findByText("Sheet1!A1:C31");
  const cluster = screen.getByRole("button", { name: "Cluster" });
  await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  fireEvent.click(cluster);
  expect(
    await screen.findByText(
      /^2 rows were left out: 2 hidden or filtered out: rows 6–7 of Sheet1\. Their label cells stay empty\.$/,
    ),
  ).toBeTruthy();
});
