/** @jest-environment jsdom */
/**
 * The overwrite dialog: keeping the cells is the default (it has the focus, so Enter keeps them), and the
 * dialog shows what an overwrite would lose. Queries are by text, as in App.test.tsx (role queries over
 * Fluent's styles are slow in jsdom).
 */
import { Button, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { LabelTarget } from "../../src/excel/types";
import { App } from "../../src/taskpane/App";
import { blobRows, fakeHost, inlineRunner, sampleRange } from "./fakes";
import { holdsData } from "../../src/taskpane/OverwriteDialog";

jest.setTimeout(60_000);

async function openDialog(target: LabelTarget) {
  const user = userEvent.setup();
  const host = fakeHost(sampleRange(blobRows(30)));
  host.target = target;
  render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
  await screen.findByText("Sheet1!A1:C31");
  const cluster = screen.getByText("Cluster", { selector: "button" });
  await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  await user.click(cluster);
  await screen.findByText(/of those cells already hold data/);
  const keep = (await screen.findByText("Keep my cells")).closest("button")!;
  return { user, host, keep };
}

const cells = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ address: `Sheet1!D${i + 2}`, value: `note ${i + 1}` }));

test("Keep my cells is the primary button and has the focus when the dialog opens; Enter keeps the cells", async () => {
  const { user, host, keep } = await openDialog({
    address: "Sheet1!D1:D31",
    empty: false,
    nonEmptyCount: 2,
    sample: cells(2),
  });
  await waitFor(() => expect(document.activeElement).toBe(keep));
  const overwrite = screen.getByText("Overwrite", { selector: "button" });
  // Fluent gives a button's appearance as atomic classes only: compare with buttons of known appearance.
  const reference = (appearance: "primary" | "secondary") =>
    render(
      <FluentProvider theme={webLightTheme}>
        <Button appearance={appearance}>{appearance}</Button>
      </FluentProvider>,
    ).getByText(appearance, { selector: "button" }).className;
  expect(keep.className).toBe(reference("primary"));
  expect(overwrite.className).toBe(reference("secondary"));
  await user.keyboard("{Enter}");
  expect(await screen.findByText(/Nothing was written/)).toBeTruthy();
  expect(host.writes).toHaveLength(0);
});

test("the dialog lists up to five of the cells an overwrite would lose, and how many more", async () => {
  const sample = cells(7);
  await openDialog({ address: "Sheet1!D1:D31", empty: false, nonEmptyCount: 12, sample });
  const list = screen.getByLabelText("Cells that would be overwritten");
  const lines = Array.from(list.querySelectorAll("li"), (li) => li.textContent);
  const local = (a: string) => a.split("!")[1];
  expect(lines).toEqual([
    ...sample.slice(0, 5).map((c) => `${local(c.address)}: ${c.value}`),
    `and ${12 - 5} more`,
  ]);
  expect(lines[0]).toBe("D2: note 1");
});

test("a sample of every non-empty cell has no 'more' line", async () => {
  await openDialog({ address: "Sheet1!D1:D31", empty: false, nonEmptyCount: 3, sample: cells(3) });
  const list = screen.getByLabelText("Cells that would be overwritten");
  expect(Array.from(list.querySelectorAll("li"), (li) => li.textContent)).toEqual([
    "D2: note 1",
    "D3: note 2",
    "D4: note 3",
  ]);
});

test("without a sample the dialog gives the address and count, and Keep my cells still has the focus", async () => {
  const { keep } = await openDialog({ address: "Sheet1!D1:D31", empty: false, nonEmptyCount: 4 });
  expect(
    screen.getByText(/The labels go in Sheet1!D1:D31, but 4 of those cells already hold data/),
  ).toBeTruthy();
  expect(screen.queryByLabelText("Cells that would be overwritten")).toBeNull();
  await waitFor(() => expect(document.activeElement).toBe(keep));
});

test("old labels among the cells are counted apart from the user's", () => {
  const base = { address: "Data!E1:E151", empty: false, nonEmptyCount: 151 };
  expect(holdsData({ ...base, ownLabelCount: 150 })).toBe(
    "The labels go in Data!E1:E151, but 151 of those cells already hold data (150 of them look like this add-in's labels from its last run; the others would be lost).",
  );
  expect(holdsData({ ...base, ownLabelCount: 0 })).toBe(
    "The labels go in Data!E1:E151, but 151 of those cells already hold data.",
  );
});
