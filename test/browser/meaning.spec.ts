/**
 * What each cluster means, in the browser: iris with per-row diagnostics ticked, then the tutorial's
 * customers numbered by size. The numbers on the sheet are checked against scikit-learn's and scipy's
 * (test/fixtures/meaning.json: f_classif, z-scores, KMeans.transform distances, numpy's quartile fences);
 * the heat map is the conditional format Excel received.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { fixture, openPane, screenshot, selectCells, startSession, wb, type Session } from "./harness";

type MeaningCase = {
  name: string;
  sizes: number[];
  f_classif: { f: number[]; p: number[] };
  eta_squared: number[];
  z_scores: number[][];
  diagnostics: {
    rows: number[];
    distance: number[];
    runner_up: number[];
    fence: number[];
    outliers: number[];
  };
};

const meaning = (name: string): MeaningCase =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "meaning.json"), "utf8")).cases.find(
    (c: MeaningCase) => c.name === name,
  );

const RESULTS = "K-Means Results";
const close = (a: unknown, b: number, rel = 1e-9) =>
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(b), 1e-300));

/** The rows of the results sheet from the row holding `title` in column A, as many as `count`. */
async function rowsAfter(page: Page, title: string, count: number): Promise<unknown[][]> {
  const grid = await valuesAt(page, "'K-Means Results'!A1:L120");
  const at = grid.findIndex((r) => r[0] === title);
  expect(at).toBeGreaterThanOrEqual(0);
  return grid.slice(at, at + count);
}

/** The workbook's values at an address (wb's callbacks run in the page and cannot take arguments). */
const valuesAt = (page: Page, address: string) =>
  page.evaluate((a) => window.__workbook!.values(a), address) as Promise<unknown[][]>;

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = await openPane(session, { samples: ["iris", "customers"], select: "Iris!A1:D151" });
});

afterAll(async () => {
  await session?.close();
});

test("iris with per-row diagnostics: distance, silhouette, runner-up, margin and outlier beside the labels", async () => {
  await page.getByRole("checkbox", { name: /Per-row diagnostics/ }).check();
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  await page.getByTestId("result-summary").waitFor({ timeout: 60_000 });

  const block = await wb(page, (h) => h.values("Iris!E1:J151"));
  expect(block[0]).toEqual(["Cluster", "Distance", "Silhouette", "Runner-up", "Margin", "Outlier"]);
  const ref = meaning("iris");
  const labels = fixture("iris").kmeanspp[0].labels;
  const rows = block.slice(1);
  rows.forEach((r, i) => expect(r[0]).toBe(labels[i] + 1));
  // The fixture keeps every row's distance for iris: scikit-learn's transform at the label.
  ref.diagnostics.rows.forEach((row, j) => {
    close(rows[row][1], ref.diagnostics.distance[j], 1e-12);
    expect(rows[row][3]).toBe(ref.diagnostics.runner_up[j] + 1);
  });
  for (const r of rows) {
    expect(r[4] as number).toBeGreaterThanOrEqual(0);
    expect(typeof r[2]).toBe("number");
  }
  const flagged = rows.flatMap((r, i) => (r[5] === true ? [i] : []));
  expect(flagged).toEqual(ref.diagnostics.outliers);
  expect(rows.every((r) => typeof r[5] === "boolean")).toBe(true);

  const summary = (await page.getByTestId("result-summary").textContent()) ?? "";
  expect(summary).toContain("Columns that separate the clusters most: petal length (cm) (η² 0.92)");
  expect(summary).toContain(`${flagged.length} rows are outliers`);
  expect(summary).toContain("Per-row diagnostics are in Iris!F1:J151.");
});

test("the results sheet: ANOVA as scikit-learn's f_classif sorted by η², z-scores under a 3-colour scale, the words", async () => {
  const ref = meaning("iris");
  const columns = fixture("iris").columns;
  const anova = await rowsAfter(page, "What defines each cluster", 20);
  const header = anova.findIndex((r) => r[0] === "Column" && r[1] === "F");
  const table = anova.slice(header + 1, header + 1 + columns.length);
  const order = [...columns.keys()].sort((a, b) => ref.eta_squared[b] - ref.eta_squared[a]);
  expect(table.map((r) => r[0])).toEqual(order.map((j) => columns[j]));
  table.forEach((r, i) => {
    const j = order[i];
    close(r[1], ref.f_classif.f[j]);
    close(r[2], ref.f_classif.p[j]);
    close(r[3], ref.eta_squared[j]);
  });
  expect(table[0][2] as number).toBeLessThan(1e-80);

  const grid = await valuesAt(page, "'K-Means Results'!A1:L120");
  const zAt = grid.findIndex((r, i) => i > header && r[0] === "Cluster" && r[1] === columns[order[0]]);
  expect(zAt).toBeGreaterThan(0);
  const z = grid.slice(zAt + 1, zAt + 4);
  z.forEach((r, c) => {
    expect(r[0]).toBe(c + 1);
    order.forEach((j, i) => close(r[1 + i], ref.z_scores[c][j], 1e-9));
  });
  const formats = await page.evaluate((sheet) => window.__workbook!.conditionalFormats(sheet), RESULTS);
  expect(formats).toHaveLength(1);
  const scale = formats[0];
  expect(scale.type).toBe("ColorScale");
  expect(scale.address).toBe(`'${RESULTS}'!B${zAt + 2}:E${zAt + 4}`);
  const criteria = scale.criteria as Record<string, { type: string; formula: string; color: string }>;
  expect(criteria.midpoint).toMatchObject({ type: "Number", formula: "0" });
  expect(Number(criteria.minimum.formula)).toBe(-Number(criteria.maximum.formula));

  const descriptionAt = grid.findIndex((r) => r.includes("Description"));
  const dCol = grid[descriptionAt].indexOf("Description");
  const words = grid.slice(descriptionAt + 1, descriptionAt + 4).map((r) => r[dCol]);
  expect(words[1]).toBe(
    "low petal length (cm) (-1.3 sd), low petal width (cm) (-1.3 sd), low sepal length (cm) (-1.0 sd)",
  );
  const summary = (await page.getByTestId("result-summary").textContent()) ?? "";
  for (const w of words) expect(summary).toContain(w as string);
});

test("screenshots: the pane's summary, and the results sheet's ANOVA and heat map", async () => {
  await page.setViewportSize({ width: 1360, height: 1000 });
  await wb(page, (h) => h.mountView());
  await page.evaluate((sheet) => window.__workbook!.showSheet(sheet), RESULTS);
  await page.getByTestId("sheet-view").waitFor();
  await page.getByTestId("result-summary").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await page.mouse.move(0, 0);
  await screenshot(page, "meaning-iris");
});

test("the customers numbered by size: cluster 1 is the largest, and the sheet and the pane agree", async () => {
  await wb(page, (h) => h.showSheet("Customers"));
  await selectCells(page, "Customers!A1:E501");
  await page.getByRole("checkbox", { name: /Per-row diagnostics/ }).uncheck();
  await page.getByRole("radio", { name: "By size (largest first)" }).check();
  await page.getByLabel("Number of clusters (k)").fill("4");
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  await page
    .getByTestId("result-summary")
    .filter({ hasText: "500 rows clustered into 4 clusters" })
    .waitFor({ timeout: 60_000 });

  const ref = meaning("customers");
  const bySize = [...ref.sizes.keys()].sort((a, b) => ref.sizes[b] - ref.sizes[a] || a - b);
  const labels = (await wb(page, (h) => h.values("Customers!F2:F501"))).map((r) => r[0]);
  const sklearn = fixture("customers").kmeanspp[0].labels;
  labels.forEach((l, i) => expect(l).toBe(bySize.indexOf(sklearn[i]) + 1));
  // No diagnostics this time: nothing right of the label column.
  expect(await wb(page, (h) => h.used("Customers"))).toBe("Customers!A1:F501");

  const sheets = await wb(page, (h) => h.sheets());
  const results = sheets.filter((s) => s.startsWith(RESULTS)).pop()!;
  const grid = await valuesAt(page, `'${results}'!A1:L120`);
  const columns = fixture("customers").columns;
  const order = [...columns.keys()].sort((a, b) => ref.eta_squared[b] - ref.eta_squared[a]);
  const zAt = grid.findIndex((r) => r[0] === "Cluster" && r[1] === columns[order[0]]);
  bySize.forEach((old, c) => order.forEach((j, i) => close(grid[zAt + 1 + c][1 + i], ref.z_scores[old][j])));
  const stored = (await wb(page, (h) => h.settings()))["kmeans.lastRun"];
  const record = typeof stored === "string" ? JSON.parse(stored) : stored;
  expect(record.settings.numbering).toBe("size");

  await page.evaluate((sheet) => window.__workbook!.showSheet(sheet), results);
  await page.getByTestId("result-summary").evaluate((e) => e.scrollIntoView({ block: "start" }));
  await page.mouse.move(0, 0);
  await screenshot(page, "meaning-customers");
});

test("the page stayed offline and error-free, and used only what the test workbook implements", async () => {
  expect(await wb(page, (h) => h.answered())).toEqual(
    expect.arrayContaining(["ConditionalFormatCollection.add"]),
  );
  expect(await wb(page, (h) => h.unsupported())).toEqual([]);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
});
