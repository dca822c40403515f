/**
 * 5. A custom function evaluated through the built functions bundle (functions.js, registered with
 * CustomFunctions.associate as Excel's shared runtime does) returns the same labels as the Cluster button.
 */
import type { Page } from "playwright-core";
import { openPane, screenshot, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = await openPane(session, { samples: ["iris"], select: "Iris!A1:D151" });
});

afterAll(async () => {
  await session?.close();
});

test("the functions bundle registers the KMEANS functions", async () => {
  const ids = await wb(page, (h) => h.functions());
  expect(ids).toEqual(
    expect.arrayContaining(["LABELS", "CENTROIDS", "INERTIA", "SILHOUETTE", "ELBOW", "PREDICT"]),
  );
});

test("=KMEANS.LABELS(A2:D151, 3) spills the labels the Cluster button wrote", async () => {
  await page.getByTestId("selection-address").filter({ hasText: "Iris!A1:D151" }).waitFor();
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  await page.getByTestId("result-summary").waitFor({ timeout: 30_000 });
  const button = (await wb(page, (h) => h.values("Iris!E2:E151"))).map((r) => r[0]);
  expect(new Set(button)).toEqual(new Set([1, 2, 3]));

  await page.evaluate(() => window.__workbook!.enterFormula("Iris", "G2", "=KMEANS.LABELS(A2:D151, 3)"));
  expect(await wb(page, (h) => h.functionCalls())).toEqual([
    { formula: "=KMEANS.LABELS(A2:D151, 3)", address: "Iris!G2", status: "done" },
  ]);
  expect(await wb(page, (h) => h.cell("Iris!G2"))).toMatchObject({ formula: "=KMEANS.LABELS(A2:D151, 3)" });
  const formula = (await wb(page, (h) => h.values("Iris!G2:G151"))).map((r) => r[0]);
  // The same numbers, not just the same partition: same defaults (standard scaling, seed 42, 10 starts).
  expect(formula).toEqual(button);
  expect(await wb(page, (h) => h.values("Iris!G152"))).toEqual([[""]]);
});

test("a bad argument gives an Excel error with a message, not a JavaScript exception", async () => {
  await page.evaluate(() => window.__workbook!.enterFormula("Iris", "I2", "=KMEANS.LABELS(A2:D151, 1)"));
  const cell = await wb(page, (h) => h.cell("Iris!I2"));
  expect(cell).toMatchObject({ type: "Error", value: "#VALUE!" });
  expect(cell?.message).toBeTruthy();
  expect(session.errors).toEqual([]);
  expect(session.blocked).toEqual([]);
});

test("screenshot: the function's spill beside the pane's labels", async () => {
  await wb(page, (h) => h.mountView());
  await wb(page, (h) => h.select("Iris!G2"));
  await page.mouse.move(0, 0);
  await screenshot(page, "custom-function");
});
