/**
 * 3. 200,000 rows → the progress bar moves, the pane stays responsive (a click on Cancel takes effect
 * within a second), and nothing is written after the cancel.
 */
import type { Page } from "playwright-core";
import { openPane, screenshot, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;
const ROWS = 200_000;

beforeAll(async () => {
  session = await startSession();
  page = await openPane(session, {
    sheets: ["Data"],
    // Seeded in the page: uniform noise has no clusters to find, so k-means takes many iterations.
    seed: { fn: "wb.fillRandom('Data', arg, 3, 7); wb.select('Data!A1:C' + (arg + 1));", arg: ROWS },
  });
  // The width of a task pane, for the screenshots.
  await page.setViewportSize({ width: 420, height: 760 });
});

afterAll(async () => {
  await session?.close();
});

/** The progress bar's value, or null when there is none (or it is indeterminate). */
function progress(p: Page): Promise<number | null> {
  return p.evaluate(() => {
    const bar = document.querySelector('[role="progressbar"]');
    const now = bar?.getAttribute("aria-valuenow");
    return now === null || now === undefined ? null : Number(now);
  });
}

test("clustering 200,000 rows shows moving progress; Cancel takes effect within a second and writes nothing", async () => {
  await page
    .getByTestId("selection-address")
    .filter({ hasText: `Data!A1:C${ROWS + 1}` })
    .waitFor();
  const before = await wb(page, (h) => h.digest());
  const settingsBefore = await wb(page, (h) => h.settings());

  // Eight clusters in noise: slow to converge, so there is time to watch and cancel.
  const k = page.getByRole("spinbutton", { name: "Number of clusters (k)" });
  await k.fill("8");
  await k.press("Tab");
  await page.getByRole("button", { name: "Cluster", exact: true }).click();

  // The progress bar moves: a first fraction, then a larger one.
  await page.waitForFunction(
    () => Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") ?? 0) > 0,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const first = (await progress(page))!;
  await page.waitForFunction(
    (f) => Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") ?? 0) > f,
    first,
    { timeout: 30_000, polling: 50 },
  );
  const second = (await progress(page))!;
  expect(second).toBeGreaterThan(first);
  expect(second).toBeLessThan(1);

  // The pane answers while the worker computes: Cancel is clicked and takes effect within a second.
  const cancel = page.getByRole("button", { name: "Cancel", exact: true });
  const clicked = Date.now();
  await cancel.click({ timeout: 1_000 });
  await page.getByText("Cancelled. The workbook was not changed.").waitFor({ timeout: 1_000 });
  const tookMs = Date.now() - clicked;
  expect(tookMs).toBeLessThan(1_000);
  await page.getByText("Cancelled. The workbook was not changed.").scrollIntoViewIfNeeded();
  await screenshot(page, "cancelled");

  // Nothing is written, then or later.
  await page.waitForTimeout(1_500);
  expect(await wb(page, (h) => h.writes())).toEqual([]);
  expect(await wb(page, (h) => h.digest())).toBe(before);
  expect(await wb(page, (h) => h.settings())).toEqual(settingsBefore);
  expect(await wb(page, (h) => h.sheets())).toEqual(["Data"]);
  await page.getByRole("button", { name: "Cluster", exact: true }).waitFor();
  expect(await page.getByRole("button", { name: "Cluster", exact: true }).isEnabled()).toBe(true);
  expect(await wb(page, (h) => h.unsupported())).toEqual([]);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
  console.log(`progress ${first.toFixed(3)} → ${second.toFixed(3)}; cancel took ${tookMs} ms`);
});
