/**
 * 1. Iris (150 × 4 under a header row) selected → Cluster with the defaults → a "Cluster" column of 150
 * labels 1..3 beside the data, a results sheet with the centroid table, and the pane's summary; the labels
 * are scikit-learn's (KMeans(n_clusters=3, random_state=42, n_init=10) on standard-scaled iris) up to
 * relabelling.
 */
import type { Page } from "playwright-core";
import { fixture, openPane, sameClusters, screenshot, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = await openPane(session, { samples: ["iris"], select: "Iris!A1:D151" });
});

afterAll(async () => {
  await session?.close();
});

test("the pane shows the iris selection and its columns", async () => {
  await page.getByTestId("selection-address").filter({ hasText: "Iris!A1:D151" }).waitFor();
  await page.getByTestId("selection-shape").filter({ hasText: "151 rows × 4 columns" }).waitFor();
  for (const name of fixture("iris").columns) await page.getByRole("checkbox", { name }).waitFor();
});

test("Cluster with the defaults writes labels 1..3 beside the data, agreeing with scikit-learn", async () => {
  const before = await wb(page, (h) => h.digest());
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  const summary = page.getByTestId("result-summary");
  await summary.waitFor({ timeout: 30_000 });
  expect(await wb(page, (h) => h.digest())).not.toBe(before);

  const column = (await wb(page, (h) => h.values("Iris!E1:E151"))).map((r) => r[0]);
  expect(column[0]).toBe("Cluster");
  const labels = column.slice(1);
  expect(labels).toHaveLength(150);
  expect(new Set(labels)).toEqual(new Set([1, 2, 3]));

  const reference = fixture("iris").kmeanspp.find((r) => r.k === 3)!;
  const agreement = sameClusters(labels, reference.labels);
  expect(agreement).toMatchObject({ ok: true });

  // The data itself is untouched; nothing right of the label column is written.
  expect(await wb(page, (h) => h.used("Iris"))).toBe("Iris!A1:E151");
  const writes = await wb(page, (h) => h.writes());
  const onIris = writes.filter((w) => w.target.startsWith("Iris!"));
  expect(onIris.map((w) => w.target)).toEqual(["Iris!E1:E151"]);
});

test("a results sheet holds the centroid table, and the pane summarises the run", async () => {
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", "K-Means Results"]);
  const tables = await wb(page, (h) => h.tables());
  expect(tables).toHaveLength(1);
  const table = tables[0];
  expect(table.sheet).toBe("K-Means Results");
  expect(table.headers).toEqual([
    "Cluster",
    "Size",
    "Share of rows",
    "Within-cluster SS (scaled)",
    ...fixture("iris").columns,
  ]);
  expect(table.renamedHeaders).toEqual([]);
  const rows = (await page.evaluate((a) => window.__workbook!.values(a), table.address!)).slice(1);
  expect(rows.map((r) => r[0])).toEqual([1, 2, 3]);
  const labels = (await wb(page, (h) => h.values("Iris!E2:E151"))).map((r) => r[0]);
  const sizes = rows.map((r) => r[1]);
  expect(sizes).toEqual([1, 2, 3].map((c) => labels.filter((l) => l === c).length));
  // Centroids in the data's units: each is the mean of its cluster's rows.
  const X = fixture("iris").X;
  rows.forEach((r, c) => {
    const members = X.filter((_, i) => labels[i] === c + 1);
    for (let j = 0; j < 4; j++) {
      const mean = members.reduce((s, x) => s + x[j], 0) / members.length;
      expect(r[4 + j] as number).toBeCloseTo(mean, 9);
    }
  });

  const summary = page.getByTestId("result-summary");
  await expect(summary.textContent()).resolves.toContain(
    '150 rows clustered into 3 clusters. Labels are in Iris!E1:E151; the centroid table is on the sheet "K-Means Results".',
  );
  const paneSizes = await summary
    .getByRole("table", { name: "Cluster sizes" })
    .locator("tbody tr")
    .allTextContents();
  // Each row: the cluster, its rows, its share, then what sets it apart in words.
  paneSizes.forEach((t, c) =>
    expect(t.replace(/\s/g, "")).toMatch(
      new RegExp(`^${c + 1}${sizes[c]}${((Number(sizes[c]) / 150) * 100).toFixed(1)}%(high|low)`),
    ),
  );
  expect(await wb(page, (h) => h.settings())).toHaveProperty(["kmeans.lastRun"]);
  await page.getByRole("button", { name: /^Re-run last \(Iris!A1:D151, k = 3\)$/ }).waitFor();
});

test("the add-in ran on Microsoft's Excel client, used only what the test workbook implements, and the page stayed offline and error-free", async () => {
  // The web platform's client script, from the pinned @microsoft/office-js, carried every request.
  expect(session.clientScripts).toEqual([
    "https://appsforoffice.microsoft.com/lib/1/hosted/excel-web-16.00.js",
  ]);
  expect(
    await page.evaluate(
      () => typeof (window as { OfficeExtension?: { HostBridge?: unknown } }).OfficeExtension?.HostBridge,
    ),
  ).toBe("function");
  expect(await wb(page, (h) => h.answered())).toEqual(
    expect.arrayContaining(["Range.values", "ChartCollection.add"]),
  );
  expect(await wb(page, (h) => h.unsupported())).toEqual([]);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
  const stats = await wb(page, (h) => h.stats());
  expect(stats.failedSyncs).toBe(0);
  expect(stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
});

test("screenshot: the pane after clustering iris, beside the sheet", async () => {
  await wb(page, (h) => h.mountView());
  await wb(page, (h) => h.showSheet("Iris"));
  await page.getByTestId("sheet-view").waitFor();
  await page.setViewportSize({ width: 1360, height: 1000 });
  await page.getByTestId("result-summary").evaluate((e) => e.scrollIntoView({ block: "end" }));
  await page.mouse.move(0, 0);
  await screenshot(page, "pane-iris");
});
