/**
 * The preview page `npm start` serves (preview.html, development build): the real task pane beside a grid
 * view of the test workbook, preloaded with the iris, customer and moons samples. A person selects cells with the
 * mouse or the Name Box, clusters, enters a formula, and looks at the recorded charts; then brings their
 * own data by pasting onto the grid or opening a CSV file, and clusters that.
 */
import type { Page } from "playwright-core";
import { PREVIEW, sameClusters, screenshot, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await startSession(PREVIEW);
  page = session.context.pages()[0] ?? (await session.context.newPage());
  await page.goto(`${session.origin}/preview.html`);
  await page.getByRole("heading", { name: "K-Means clustering" }).waitFor();
  await page.waitForFunction(() => window.__workbook!.selectionListeners() > 0);
});

afterAll(async () => {
  await session?.close();
});

const address = () => page.getByTestId("selection-address");

test("the preview opens with the iris, customer and moons samples, iris selected, and says it is not Excel", async () => {
  await address().filter({ hasText: "Iris!A1:D151" }).waitFor();
  expect(await page.getByRole("tab").allTextContents()).toEqual(["Iris", "Customers", "Moons"]);
  await page.getByText("Preview harness: a test workbook standing in for Excel.").waitFor();
  await page.locator(".kv-cell").filter({ hasText: "sepal length (cm)" }).waitFor();
  await page.getByRole("checkbox", { name: "petal width (cm)" }).waitFor();
  await page.mouse.move(0, 0);
  await screenshot(page, "preview");
});

test("dragging over the grid selects cells, and the pane follows", async () => {
  const a1 = (await page.locator(".kv-cell").filter({ hasText: "sepal length (cm)" }).boundingBox())!;
  await page.mouse.move(a1.x + 10, a1.y + 5);
  await page.mouse.down();
  await page.mouse.move(a1.x + a1.width + 10, a1.y + 4 * a1.height + 5, { steps: 5 });
  await page.mouse.up();
  await address().filter({ hasText: "Iris!A1:B5" }).waitFor();
});

test("the Name Box selects by address, on another sheet too", async () => {
  const box = page.getByRole("textbox", { name: "Name Box" });
  await box.fill("Customers!A1:E501");
  await box.press("Enter");
  await address().filter({ hasText: "Customers!A1:E501" }).waitFor();
  await page.getByRole("tab", { name: "Customers", selected: true }).waitFor();
});

test("Cluster works as in Excel, and the recorded charts can be looked at", async () => {
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  await page.getByTestId("result-summary").waitFor({ timeout: 30_000 });
  await page
    .locator(".kv-cell")
    .filter({ hasText: /^Cluster$/ })
    .first()
    .waitFor();
  await page.getByRole("tab", { name: "K-Means Results" }).click();
  await page.getByRole("button", { name: "Charts" }).click();
  expect(await page.locator("[data-chart]").count()).toBe((await wb(page, (h) => h.charts())).length);
});

test("a formula typed into the formula bar runs the add-in's custom function", async () => {
  await page.getByRole("tab", { name: "Iris" }).click();
  const box = page.getByRole("textbox", { name: "Name Box" });
  await box.fill("G2");
  await box.press("Enter");
  const bar = page.getByRole("textbox", { name: "Formula bar" });
  await bar.fill("=KMEANS.LABELS(A2:D151, 3)");
  await bar.press("Enter");
  await page.waitForFunction(() => window.__workbook!.functionCalls().some((c) => c.status === "done"));
  const spill = (await wb(page, (h) => h.values("Iris!G2:G151"))).map((r) => r[0]);
  expect(new Set(spill)).toEqual(new Set([1, 2, 3]));
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
});

/** The grid, not the chart gallery an earlier test left on. */
async function showGrid(): Promise<void> {
  const charts = page.getByRole("button", { name: "Charts" });
  if ((await charts.getAttribute("aria-pressed")) === "true") await charts.click();
  await page.getByRole("button", { name: "Charts", pressed: false }).waitFor();
}

/** A paste onto the grid as the browser delivers Ctrl+V: a ClipboardEvent carrying text/plain. */
async function pasteOnGrid(text: string): Promise<void> {
  await page.getByTestId("grid").evaluate((grid, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const message = () => page.getByTestId("view-message");

// Three tight groups of three points, as Excel puts copied cells on the clipboard (tabs, CRLF, a final CRLF).
const GROUPS = [
  [1, 1],
  [1.2, 0.8],
  [0.9, 1.1],
  [5, 5],
  [5.2, 4.9],
  [4.8, 5.1],
  [9, 1],
  [9.1, 1.2],
  [8.9, 0.9],
];
const COPIED = ["width\theight", ...GROUPS.map((r) => r.join("\t"))].join("\r\n") + "\r\n";

test("a block copied from Excel and pasted at a clicked cell lands there, selected, and clusters", async () => {
  await showGrid();
  await wb(page, (h) => h.addSheet("Mine"));
  await page.getByRole("tab", { name: "Mine" }).click();
  await address()
    .filter({ hasText: /^Mine!A1$/ })
    .waitFor();
  // A click on B2 (empty cells are not drawn, so measured from the selected A1) selects it and focuses the
  // grid, where Ctrl+V would deliver the paste.
  const a1 = (await page.locator(".kv-cell.kv-sel").boundingBox())!;
  await page.mouse.click(a1.x + a1.width * 1.5, a1.y + a1.height * 1.5);
  await address()
    .filter({ hasText: /^Mine!B2$/ })
    .waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("grid");

  await pasteOnGrid(COPIED);
  await address()
    .filter({ hasText: /^Mine!B2:C11$/ })
    .waitFor();
  await page.getByTestId("selection-shape").filter({ hasText: "10 rows × 2 columns" }).waitFor();
  await message().filter({ hasText: "Pasted 10 rows × 2 columns at Mine!B2." }).waitFor();
  expect(await wb(page, (h) => h.values("Mine!B2:C11"))).toEqual([["width", "height"], ...GROUPS]);
  expect(await wb(page, (h) => h.cell("Mine!B3"))).toMatchObject({ value: 1, type: "Double" });
  expect(await wb(page, (h) => h.used("Mine"))).toBe("Mine!B2:C11");

  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  // The labels written beside the block, and the pane's summary of this run (naming where they went).
  await page.waitForFunction(() => {
    const labels = window.__workbook!.values("Mine!D2:D11").map((r) => r[0]);
    return labels[0] === "Cluster" && labels.slice(1).every((l) => typeof l === "number");
  });
  await page.getByTestId("result-summary").filter({ hasText: "Mine!D2:D11" }).waitFor();
  const column = (await wb(page, (h) => h.values("Mine!D2:D11"))).map((r) => r[0]);
  expect(column[0]).toBe("Cluster");
  expect(sameClusters(column.slice(1), [1, 1, 1, 2, 2, 2, 3, 3, 3])).toMatchObject({ ok: true });
  await page.mouse.move(0, 0);
  await screenshot(page, "preview-paste");
});

test("Open CSV… puts the file into a new sheet named after it and selects its used range", async () => {
  await showGrid();
  const csv =
    'id,"size, cm",note,ok\r\n1,2.5,"two\r\nlines",TRUE\r\n2,"3",=1+1,FALSE\r\n3,-1e1,"say ""hi""",\r\n';
  await page.getByRole("button", { name: "Open CSV…" }).waitFor();
  await page.getByTestId("open-csv-input").setInputFiles({
    name: "scores[1].csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByRole("tab", { name: "scores_1_", selected: true }).waitFor();
  await address()
    .filter({ hasText: /^scores_1_!A1:D4$/ })
    .waitFor();
  await message()
    .filter({ hasText: 'Opened "scores[1].csv" as the sheet "scores_1_": 4 rows × 4 columns.' })
    .waitFor();
  expect(await wb(page, (h) => h.values("scores_1_!A1:D4"))).toEqual([
    ["id", "size, cm", "note", "ok"],
    [1, 2.5, "two\r\nlines", true],
    [2, 3, "=1+1", false],
    [3, -10, 'say "hi"', ""],
  ]);
  // The "=" cell is text, never a formula.
  expect(await wb(page, (h) => h.cell("scores_1_!C3"))).toMatchObject({
    value: "=1+1",
    type: "String",
    formula: null,
  });
});

test("an empty paste or a file that is not text says so in the note bar and changes nothing", async () => {
  const before = await wb(page, (h) => h.digest());
  const selected = await wb(page, (h) => h.selection());
  await pasteOnGrid("");
  await message().filter({ hasText: "Nothing was pasted: the text is empty." }).waitFor();
  // A copied picture: the clipboard holds a file and no text/plain.
  await page.getByTestId("grid").evaluate((grid) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "image.png", { type: "image/png" }));
    grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await message().filter({ hasText: "Nothing was pasted: the clipboard holds no text" }).waitFor();
  await page.getByTestId("open-csv-input").setInputFiles({
    name: "photo.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  });
  await message()
    .filter({ hasText: 'Nothing was opened from "photo.csv": it is not text (CSV or tab-separated).' })
    .waitFor();
  expect(await wb(page, (h) => h.digest())).toBe(before);
  expect(await wb(page, (h) => h.selection())).toBe(selected);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
});
