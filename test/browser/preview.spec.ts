/**
 * The preview page `npm start` serves (preview.html, development build): the real task pane beside a grid
 * view of the test workbook, preloaded with the iris and customer samples. A person selects cells with the
 * mouse or the Name Box, clusters, enters a formula, and looks at the recorded charts.
 */
import type { Page } from "playwright-core";
import { PREVIEW, screenshot, startSession, wb, type Session } from "./harness";

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

test("the preview opens with the iris and customer samples, iris selected, and says it is not Excel", async () => {
  await address().filter({ hasText: "Iris!A1:D151" }).waitFor();
  expect(await page.getByRole("tab").allTextContents()).toEqual(["Iris", "Customers"]);
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
