/**
 * 4. Bad selections → the specific message, and the workbook unchanged: text only, a single cell, fewer
 * rows than k, and a label column that is not empty (the user keeps their cells). The selections are made
 * after the pane has started, so they reach it through Excel's selection-changed event.
 */
import type { Page } from "playwright-core";
import { openPane, screenshot, selectCells, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;

const SHEET = [
  // A1:B4 text only
  ["Name", "City", "", "", "", "Width", "Height", "", "X", "Y", "", "Note"],
  ["Ann", "Oslo", "", "", "", 1.5, 2.5, "", 1, 10],
  ["Bob", "Rome", "", "", "", 2.5, 3.5, "", 2, 20],
  ["Cy", "Lima", "", 42, "", "", "", "", 3, 30],
];

beforeAll(async () => {
  session = await startSession();
  page = await openPane(session, {
    seed: {
      fn: `wb.setValues('Sheet1', 'A1', arg.sheet);
           for (let r = 5; r <= 12; r++) wb.setValues('Sheet1', 'I' + r, [[r, r * 10]]);
           wb.setValues('Sheet1', 'K6', [['keep me']]);
           wb.select('Sheet1!M1');`,
      arg: { sheet: SHEET },
    },
  });
  // The width of a task pane, for the screenshots.
  await page.setViewportSize({ width: 420, height: 760 });
});

afterAll(async () => {
  await session?.close();
});

let before = "";
beforeEach(async () => {
  before = await wb(page, (h) => h.digest());
});

afterEach(async () => {
  // Whatever the pane said, the workbook is as it was.
  expect(await wb(page, (h) => h.digest())).toBe(before);
  expect(await wb(page, (h) => h.writes())).toEqual([]);
});

const clusterButton = () => page.getByRole("button", { name: "Cluster", exact: true });

/** Clicks Cluster (when the pane lets the user) and waits for the message. */
async function clusterAndExpect(message: string | RegExp): Promise<void> {
  const enabled = await clusterButton().isEnabled();
  if (enabled) await clusterButton().click();
  try {
    await page.getByText(message).first().waitFor({ timeout: 5_000 });
  } catch {
    const pane = (await page.locator("#container").innerText()).replace(/\s+/g, " ");
    throw new Error(
      `The pane does not show "${String(message)}" (Cluster button ${enabled ? "clicked" : "disabled, so not clicked"}). Pane text: ${pane}`,
    );
  }
}

test("text only: no column holds numbers", async () => {
  await selectCells(page, "Sheet1!A1:B4");
  await clusterAndExpect(
    "No column of Sheet1!A1:B4 holds mostly numbers in its rows 1–4, which decide what each column holds, so there is nothing to cluster.",
  );
  await page.getByText("Could not cluster").scrollIntoViewIfNeeded();
  await screenshot(page, "bad-selection-text");
});

test("fewer rows than k: k = 3 needs 3 usable rows", async () => {
  await selectCells(page, "Sheet1!F1:G3");
  await clusterAndExpect("k=3 needs at least 3 usable rows; the selection has 2.");
});

test("a label column that is not empty: nothing is written when the user keeps their cells", async () => {
  await selectCells(page, "Sheet1!I1:J12");
  await clusterButton().click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByText("The labels go in Sheet1!K1:K12, but 1 of those cells already hold data.").waitFor();
  await screenshot(page, "bad-selection-overwrite");
  await dialog.getByRole("button", { name: "Keep my cells" }).click();
  await page.getByText("Nothing was written: Sheet1!K1:K12 holds data you chose to keep.").waitFor();
  expect(await wb(page, (h) => h.values("Sheet1!K6"))).toEqual([["keep me"]]);
});

test("a single cell: the pane says a single cell is not a data range", async () => {
  await selectCells(page, "Sheet1!D4");
  await clusterAndExpect(/a single cell is not a data range/);
});
