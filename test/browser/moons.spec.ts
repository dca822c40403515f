/**
 * 3. The tutorial's two moons (make_moons(300, noise=0.05, random_state=42), 300 × 2 under a header row):
 * k-means with k = 2 cuts them across, as it must (its clusters are round: scikit-learn's labels, 75 %
 * agreement with the moons), and DBSCAN with eps 0.3, min samples 5 and no scaling (the tutorial's unscaled
 * DBSCAN) finds exactly the two moons, every row in one of them and none noise (scikit-learn's labels,
 * test/fixtures/dbscan_moons.json). The results sheet then holds the k-distance chart eps is judged by, and
 * the scatter a series per cluster; the summary's suggested eps goes into the eps field.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import type { RunRecord } from "../../src/excel/types";
import { fixture, openPane, ROOT, sameClusters, screenshot, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;

type ChartInfo = Awaited<ReturnType<NonNullable<Window["__workbook"]>["charts"]>>[number];

const DATA = "Moons!A1:B301";
const moons = fixture("moons");

/**
 * Which moon each row was drawn from. make_moons' y is not in the fixture, but its X is two half circles of
 * radius 1 with noise of sd 0.05: the upper one centred at (0, 0), the lower one at (1, 0.5). Each row is
 * put with the half circle it lies nearer; the nearer one is nearer by at least 0.27 on every row (26
 * standard deviations of the noise), so this is make_moons' y (checked once against numpy's replay of
 * make_moons: the same X to 4e-16, and the same y for all 300 rows).
 */
function trueMoon([x, y]: number[]): 0 | 1 {
  const toHalfCircle = (cx: number, cy: number, upper: boolean) => {
    const dx = x - cx;
    const dy = y - cy;
    const onArc = upper ? dy >= 0 : dy <= 0;
    if (onArc) return Math.abs(Math.hypot(dx, dy) - 1);
    return Math.min(Math.hypot(dx - 1, dy), Math.hypot(dx + 1, dy));
  };
  return toHalfCircle(1, 0.5, false) < toHalfCircle(0, 0, true) ? 1 : 0;
}
const MOONS = moons.X.map(trueMoon);

/** The share of rows two labelings of two clusters put together, under the better matching of the labels. */
function agreement(labels: unknown[], truth: number[]): number {
  const values = [...new Set(labels)];
  let same = 0;
  labels.forEach((l, i) => (same += (l === values[0] ? 0 : 1) === truth[i] ? 1 : 0));
  return Math.max(same, labels.length - same) / labels.length;
}

/** scikit-learn's DBSCAN(eps=0.3, min_samples=5) on the unscaled moons (the engine's fixture). */
const SKLEARN_DBSCAN = JSON.parse(
  fs.readFileSync(path.join(ROOT, "test", "fixtures", "dbscan_moons.json"), "utf8"),
) as { eps: number; min_samples: number; labels_: number[]; n_noise: number; k_distance: number[] };

beforeAll(async () => {
  session = await startSession();
  page = await openPane(session, { samples: ["moons"], select: DATA });
});

afterAll(async () => {
  await session?.close();
});

const summary = () => page.getByTestId("result-summary");
const cluster = () => page.getByRole("button", { name: "Cluster", exact: true });
const labels = async () => (await wb(page, (h) => h.values("Moons!C2:C301"))).map((r) => r[0]);

test("the moons sample is its own sheet: the columns x1 and x2 under a header row", async () => {
  expect(await wb(page, (h) => h.sheets())).toEqual(["Moons"]);
  await page.getByTestId("selection-shape").filter({ hasText: "301 rows × 2 columns" }).waitFor();
  for (const name of moons.columns) await page.getByRole("checkbox", { name }).waitFor();
  expect(await wb(page, (h) => h.values("Moons!A1:B2"))).toEqual([moons.columns, moons.X[0]]);
  // The half circles are 150 rows each.
  expect(MOONS.filter((m) => m === 1)).toHaveLength(150);
});

test("k-means with k = 2 cuts the moons across: a quarter of the rows land with the other moon", async () => {
  await page.getByRole("radio", { name: "k-means" }).waitFor();
  expect(await page.getByRole("radio", { name: "k-means" }).isChecked()).toBe(true);
  await page.getByLabel("Number of clusters (k)").fill("2");
  await page.getByRole("radio", { name: "None" }).check();
  await cluster().click();
  await summary().filter({ hasText: "300 rows clustered into 2 clusters" }).waitFor({ timeout: 60_000 });

  const column = (await wb(page, (h) => h.values("Moons!C1:C301"))).map((r) => r[0]);
  expect(column[0]).toBe("Cluster");
  const kmeans = column.slice(1);
  expect(new Set(kmeans)).toEqual(new Set([1, 2]));
  // scikit-learn's KMeans(n_clusters=2, random_state=42, n_init=10) on the unscaled moons, up to relabelling.
  const reference = moons.kmeanspp.find((r) => r.k === 2)!;
  expect(sameClusters(kmeans, reference.labels)).toMatchObject({ ok: true });
  // Each of its clusters takes a moon's middle and the other moon's near tip: 75 % agree with the moons.
  expect(agreement(kmeans, MOONS)).toBe(0.75);
  expect(sameClusters(kmeans, MOONS)).toMatchObject({ ok: false });
});

test("DBSCAN shows eps and min samples in place of k and the k-means settings", async () => {
  await page.getByRole("radio", { name: "DBSCAN" }).check();
  const eps = page.getByLabel("eps", { exact: true });
  await eps.waitFor();
  await page
    .getByText("A distance in the scaled space; after a run the k-distance curve suggests one.")
    .waitFor();
  await page.getByLabel("Min samples").waitFor();
  await page.getByLabel("Number of clusters (k)").waitFor({ state: "detached" });
  await page.getByRole("switch", { name: "Choose k for me" }).waitFor({ state: "detached" });
  // The scaling stays, and still says None from the k-means run.
  expect(await page.getByRole("radio", { name: "None" }).isChecked()).toBe(true);
  expect(await eps.inputValue()).toBe("0.5");
  expect(await page.getByLabel("Min samples").inputValue()).toBe("5");
});

test("DBSCAN with eps 0.3, min samples 5 and no scaling finds the two moons, and no noise", async () => {
  await page.getByLabel("eps", { exact: true }).fill("0.3");
  await page.getByLabel("Min samples").fill("5");
  await cluster().click();
  // The label column is the add-in's own from the k-means run: replaced without asking.
  await summary().filter({ hasText: "DBSCAN found 2 clusters in 300 rows" }).waitFor({ timeout: 60_000 });

  const dbscan = await labels();
  // Noise would be labelled 0: there is none, and every row is in cluster 1 or 2.
  expect(new Set(dbscan)).toEqual(new Set([1, 2]));
  // Each cluster is one moon, row for row.
  expect(sameClusters(dbscan, MOONS)).toMatchObject({ ok: true });
  expect(agreement(dbscan, MOONS)).toBe(1);
  // scikit-learn's labels, numbered as it numbers them (the sheet's are one more; noise would be 0).
  expect(SKLEARN_DBSCAN).toMatchObject({ eps: 0.3, min_samples: 5, n_noise: 0 });
  expect(dbscan).toEqual(SKLEARN_DBSCAN.labels_.map((l) => l + 1));

  const text = (await summary().textContent()) ?? "";
  expect(text).toContain(
    `DBSCAN found 2 clusters in 300 rows, with no noise rows. Labels are in Moons!C1:C301; the cluster table is on the sheet "K-Means Results".`,
  );
  expect(text).toContain("without noise rows");
  expect(text).toContain("DBSCAN has no centres: no inertia, no elbow.");
  expect(text).not.toMatch(/iterations/);
  await page.getByRole("button", { name: /^Re-run last \(Moons!A1:B301, DBSCAN, eps = 0\.3\)$/ }).waitFor();
  // The run record in the workbook's settings (stored as JSON text) holds the DBSCAN settings.
  const stored = (await wb(page, (h) => h.settings()))["kmeans.lastRun"];
  const record = (typeof stored === "string" ? JSON.parse(stored) : stored) as RunRecord;
  expect(record.settings).toEqual({
    clusterer: "dbscan",
    eps: 0.3,
    minSamples: 5,
    scaling: "none",
    seed: 42,
    silhouetteSampleSize: 20000,
    scatterAxes: "pca",
  });
});

test("the results sheet has the k-distance chart, and the scatter a series per moon", async () => {
  // The k-means run's results sheet was the add-in's own: replaced, not added to.
  expect(await wb(page, (h) => h.sheets())).toEqual(["Moons", "K-Means Results"]);
  const charts = await wb(page, (h) => h.charts());
  const byName = Object.fromEntries(charts.map((c) => [c.name, c])) as Record<string, ChartInfo>;
  expect(Object.keys(byName)).toEqual(expect.arrayContaining(["k-distance", "Cluster scatter"]));
  expect(Object.keys(byName)).not.toContain("Elbow");

  const kDistance = byName["k-distance"];
  expect(kDistance).toMatchObject({
    sheet: "K-Means Results",
    type: "XYScatterLines",
    title: "k-distance: each row's distance to its min-samples-th neighbour, sorted",
  });
  const curve = kDistance.series[0];
  expect(curve.name).toBe("k-distance");
  // Every row's distance to its 5th neighbour (itself counted), ascending.
  expect(curve.valueData).toHaveLength(300);
  const distances = curve.valueData as number[];
  expect(distances.every((d, i) => typeof d === "number" && (i === 0 || d >= distances[i - 1]))).toBe(true);
  // scikit-learn's NearestNeighbors(n_neighbors=5) distances, sorted; every row is a core row at eps 0.3.
  distances.forEach((d, i) => expect(d).toBeCloseTo(SKLEARN_DBSCAN.k_distance[i], 12));
  expect(distances[299]).toBeLessThan(0.3);

  const scatter = byName["Cluster scatter"];
  // Each moon's series carries its words where they fit: "Cluster 1: low x2 (-0.8 sd), high x1 (+0.6 sd)".
  const names = scatter.series.map((s) => s.name);
  expect(names).toHaveLength(3);
  names.slice(0, 2).forEach((n, c) => expect(n).toMatch(new RegExp(`^Cluster ${c + 1}: (high|low) x[12] `)));
  expect(names[2]).toBe("Cluster means");
  const dbscan = await labels();
  scatter.series.slice(0, 2).forEach((s, c) => {
    expect(s.valueData).toHaveLength(dbscan.filter((l) => l === c + 1).length);
    expect(s.valueData).toHaveLength(150);
  });
  expect(await wb(page, (h) => h.unsupported())).toEqual([]);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
});

test("Use suggested eps puts the k-distance curve's knee into the eps field", async () => {
  const use = summary().getByRole("button", { name: /^Use suggested eps \(/ });
  const name = (await use.textContent()) ?? "";
  const suggested = /\(([^)]+)\)$/.exec(name)?.[1] ?? "";
  expect(Number(suggested)).toBeGreaterThan(0);
  await use.click();
  const eps = page.getByLabel("eps", { exact: true });
  const field = await eps.elementHandle();
  await page.waitForFunction(([el, value]) => (el as HTMLInputElement).value === value, [
    field,
    suggested,
  ] as const);
  expect(await eps.inputValue()).toBe(suggested);
  await eps.fill("0.3");
});

test("screenshot: the pane after DBSCAN on the moons, beside the sheet, and the results' charts", async () => {
  await wb(page, (h) => h.mountView());
  await wb(page, (h) => h.showSheet("Moons"));
  await page.getByTestId("sheet-view").waitFor();
  await page.setViewportSize({ width: 1360, height: 1000 });
  await summary().evaluate((e) => e.scrollIntoView({ block: "end" }));
  await page.mouse.move(0, 0);
  await screenshot(page, "pane-moons-dbscan");
  await wb(page, (h) => h.showSheet("K-Means Results"));
  await wb(page, (h) => h.showCharts(true));
  await page.locator("[data-chart]").first().waitFor();
  await page.setViewportSize({ width: 1500, height: 900 });
  await page.mouse.move(0, 0);
  await screenshot(page, "moons-dbscan-charts", "[data-testid=sheet-view]");
});
