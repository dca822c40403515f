/**
 * Writing safely, through the real pane: clustering the same data again replaces the add-in's own
 * labels and results sheet without asking; a cell the user typed into the label column is asked about
 * (and kept when they say so); a protected sheet or workbook structure is reported with nothing written;
 * and a cell typed into the label column, or the data sheet renamed, while the job runs stops the write.
 *
 * "While the job runs" is made deterministic without sleeps: an init script wraps the page's Worker so
 * that, while a test holds them, the workers' result messages wait in a queue. The test waits until a
 * result is held (the computation is done but the pane has not heard of it), changes the workbook as the
 * user, then releases the results and the pane goes on to write.
 */
import type { Page } from "playwright-core";
import { fixture, openPane, sameClusters, selectCells, startSession, wb, type Session } from "./harness";

let session: Session;
let page: Page;

const DATA = "Iris!A1:D151";
const LABELS = "Iris!E1:E151";
const RESULTS = "K-Means Results";

type Jobs = { hold(): void; release(): void; held(): number };
declare global {
  interface Window {
    __jobs?: Jobs;
  }
}

/** Holds the clustering workers' result messages while __jobs.hold() is in force (see the header). */
function holdWorkerResults(): void {
  const Native = window.Worker;
  const onmessage = Object.getOwnPropertyDescriptor(Native.prototype, "onmessage")!;
  const held: (() => void)[] = [];
  let holding = false;
  window.__jobs = {
    hold: () => void (holding = true),
    release: () => {
      holding = false;
      for (const deliver of held.splice(0)) deliver();
    },
    held: () => held.length,
  };
  class HeldWorker extends Native {
    get onmessage() {
      return onmessage.get!.call(this) as Worker["onmessage"];
    }
    set onmessage(handler: Worker["onmessage"]) {
      onmessage.set!.call(
        this,
        handler &&
          ((event: MessageEvent) => {
            const data = event.data as { type?: string } | null;
            if (holding && data?.type === "result") held.push(() => handler.call(this, event));
            else handler.call(this, event);
          }),
      );
    }
  }
  window.Worker = HeldWorker;
}

beforeAll(async () => {
  session = await startSession();
  await session.context.addInitScript(holdWorkerResults);
  page = await openPane(session, { samples: ["iris"], select: DATA });
});

afterAll(async () => {
  await session?.close();
});

const clusterButton = () => page.getByRole("button", { name: "Cluster", exact: true });
const dialog = () => page.getByRole("alertdialog");
const errorBar = (text: string) => page.getByText(text, { exact: false });

/** The user typing values into cells (not the add-in's writes). */
function type(sheet: string, topLeft: string, values: unknown[][]): Promise<void> {
  return page.evaluate(({ s, t, v }) => window.__workbook!.setValues(s, t, v), {
    s: sheet,
    t: topLeft,
    v: values,
  });
}

const labelColumn = async () => (await wb(page, (h) => h.values("Iris!E1:E151"))).map((r) => r[0]);
const digest = () => wb(page, (h) => h.digest());

/**
 * After a click that starts a run on a clean write log: resolves "done" once the run record is stored
 * (the last request of a successful run) and the summary shows, or "asked" when the overwrite dialog
 * opens first.
 */
async function outcome(): Promise<"done" | "asked"> {
  const done = page
    .waitForFunction(
      () =>
        window.__workbook!.writes().some((w) => w.kind === "setting" && w.target === "kmeans.lastRun") &&
        document.querySelector('[data-testid="result-summary"]') !== null &&
        document.querySelector('[role="progressbar"]') === null,
      undefined,
      { timeout: 60_000, polling: 50 },
    )
    .then(() => "done" as const);
  const asked = dialog()
    .waitFor({ timeout: 60_000 })
    .then(() => "asked" as const);
  const first = await Promise.race([done, asked]);
  // The loser keeps waiting until its timeout; its rejection is not the test's business.
  done.catch(() => undefined);
  asked.catch(() => undefined);
  return first;
}

/** Clusters iris and waits for the run to finish without the overwrite dialog. */
async function clusterUnasked(click: () => Promise<void>): Promise<void> {
  await wb(page, (h) => h.clearWrites());
  await click();
  const how = await outcome();
  if (how === "asked") {
    const text = (await dialog().innerText()).replace(/\s+/g, " ");
    throw new Error(`The overwrite dialog appeared, asking: ${text}`);
  }
}

let firstLabels: unknown[] = [];

test("clustering iris twice, then Re-run, keeps one results sheet and asks nothing: the labels are the add-in's own", async () => {
  await selectCells(page, DATA);
  await clusterUnasked(() => clusterButton().click());
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", RESULTS]);
  firstLabels = await labelColumn();
  expect(firstLabels[0]).toBe("Cluster");
  expect(new Set(firstLabels.slice(1))).toEqual(new Set([1, 2, 3]));
  expect(
    sameClusters(firstLabels.slice(1), fixture("iris").kmeanspp.find((r) => r.k === 3)!.labels),
  ).toMatchObject({ ok: true });

  // Cluster again on the same selection: the column holds the add-in's own labels, replaced unasked.
  await selectCells(page, DATA);
  await clusterUnasked(() => clusterButton().click());
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", RESULTS]);
  expect(await labelColumn()).toEqual(firstLabels);
  const second = await wb(page, (h) => h.writes());
  // The old results sheet went, the new one took its name: no "K-Means Results (2)" is left.
  expect(second.filter((w) => w.kind === "sheet-delete").map((w) => w.target)).toEqual([RESULTS]);
  expect(second.filter((w) => w.kind === "sheet-rename").map((w) => w.target)).toEqual([
    `${RESULTS} (2) → ${RESULTS}`,
  ]);
  expect(second.filter((w) => w.target.startsWith("Iris!")).map((w) => w.target)).toEqual([LABELS]);

  // And Re-run, which reads the recorded address rather than the selection.
  const rerun = page.getByRole("button", { name: /^Re-run last \(Iris!A1:D151, k = 3\)$/ });
  await clusterUnasked(() => rerun.click());
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", RESULTS]);
  expect(await labelColumn()).toEqual(firstLabels);
  expect(await wb(page, (h) => h.tables().map((t) => t.sheet))).toEqual([RESULTS]);
  await expect(page.getByTestId("result-summary").textContent()).resolves.toContain(
    `Labels are in ${LABELS}; the centroid table is on the sheet "${RESULTS}".`,
  );
});

test("a label cell the user typed into is asked about: the dialog names it, Keep my cells is the default, and keeping writes nothing", async () => {
  await type("Iris", "E3", [["my note"]]);
  const before = await digest();
  await selectCells(page, DATA);
  await wb(page, (h) => h.clearWrites());
  await clusterButton().click();
  expect(await outcome()).toBe("asked");

  const d = dialog();
  await d
    .getByText(
      `The labels go in ${LABELS}, but 151 of those cells already hold data (150 of them look like this add-in's labels from its last run; the others would be lost).`,
    )
    .waitFor();
  // The sample of what would be lost lists cells by their local address, the user's own cell first.
  const sample = await d
    .getByRole("list", { name: "Cells that would be overwritten" })
    .locator("li")
    .allTextContents();
  expect(sample).toContain("E3: my note");
  expect(sample).toEqual([
    "E3: my note",
    "E1: Cluster",
    `E2: ${firstLabels[1]}`,
    `E4: ${firstLabels[3]}`,
    `E5: ${firstLabels[4]}`,
    "and 146 more",
  ]);

  // Keep my cells comes first, is the primary button and has the focus; Overwrite is secondary.
  const buttons = await d.getByRole("button").allTextContents();
  expect(buttons.indexOf("Keep my cells")).toBeLessThan(buttons.indexOf("Overwrite"));
  await page.waitForFunction(() => document.activeElement?.textContent === "Keep my cells");
  const background = (name: string) =>
    d.getByRole("button", { name, exact: true }).evaluate((b) => getComputedStyle(b).backgroundColor);
  const keepBg = await background("Keep my cells");
  const overwriteBg = await background("Overwrite");
  expect(keepBg).not.toBe(overwriteBg);
  // webLightTheme's colorBrandBackground (#0f6cbd): what Fluent's appearance="primary" paints.
  expect(keepBg).toBe("rgb(15, 108, 189)");

  // Enter answers with the focused button: the cells are kept.
  await page.keyboard.press("Enter");
  await page.getByText(`Nothing was written: ${LABELS} holds data you chose to keep.`).waitFor();
  await d.waitFor({ state: "detached" });
  expect(await digest()).toBe(before);
  expect(await wb(page, (h) => h.writes())).toEqual([]);

  // And clicking Keep my cells does the same.
  await clusterButton().click();
  expect(await outcome()).toBe("asked");
  await d.getByRole("button", { name: "Keep my cells" }).click();
  await d.waitFor({ state: "detached" });
  await page.getByText(`Nothing was written: ${LABELS} holds data you chose to keep.`).waitFor();
  expect(await digest()).toBe(before);
  expect(await wb(page, (h) => h.writes())).toEqual([]);
  expect(await wb(page, (h) => h.values("Iris!E3"))).toEqual([["my note"]]);
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", RESULTS]);

  // The user puts the label back: the column is the add-in's own again.
  await type("Iris", "E3", [[firstLabels[2]]]);
});

/** Clicks Cluster on the data and expects the refusal, with nothing written and no dialog. */
async function refusedUnchanged(message: string): Promise<void> {
  const before = await digest();
  await selectCells(page, DATA);
  await wb(page, (h) => h.clearWrites());
  await clusterButton().click();
  await errorBar(message).waitFor({ timeout: 60_000 });
  await page.getByText("Nothing was written", { exact: true }).waitFor();
  expect(await dialog().count()).toBe(0);
  expect(await digest()).toBe(before);
  expect(await wb(page, (h) => h.writes())).toEqual([]);
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", RESULTS]);
}

test("with the data sheet protected, Cluster says the sheet Iris is protected and the workbook is unchanged", async () => {
  await wb(page, (h) => h.protect("Iris", true));
  try {
    await refusedUnchanged(
      `The sheet Iris is protected, so the labels cannot be written to ${LABELS}: nothing was written. Unprotect it (Review > Unprotect Sheet) and cluster again.`,
    );
  } finally {
    await wb(page, (h) => h.protect("Iris", false));
  }
});

test("with the workbook's structure protected, Cluster says so and the workbook is unchanged", async () => {
  await wb(page, (h) => h.protectStructure(true));
  try {
    await refusedUnchanged(
      "The workbook's structure is protected, so the results sheet cannot be added: nothing was written. Turn off Review > Protect Workbook and cluster again.",
    );
  } finally {
    await wb(page, (h) => h.protectStructure(false));
  }
});

test("a label cell typed while the job runs, after the user agreed to overwrite, stops the write: nothing is written", async () => {
  await type("Iris", "E3", [["my note"]]);
  await selectCells(page, DATA);
  await wb(page, (h) => h.clearWrites());
  await page.evaluate(() => window.__jobs!.hold());
  try {
    await clusterButton().click();
    expect(await outcome()).toBe("asked");
    await dialog().getByRole("button", { name: "Overwrite" }).click();
    // The fit is done in the worker and its result held: the pane is still waiting for it.
    await page.waitForFunction(() => window.__jobs!.held() > 0, undefined, { timeout: 60_000, polling: 50 });
    // The pane shows the run in progress (the closing dialog hides the rest from roles until it is gone).
    await dialog().waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Cancel", exact: true }).waitFor();
    await type("Iris", "E7", [["typed meanwhile"]]);
  } finally {
    await page.evaluate(() => window.__jobs!.release());
  }
  const before = await digest();
  await errorBar(
    `While clustering, cell E7 of the label column ${LABELS} changed after you agreed to overwrite it: nothing was written. Cluster again to review what would be overwritten.`,
  ).waitFor({ timeout: 60_000 });
  expect(await digest()).toBe(before);
  expect(await wb(page, (h) => h.writes())).toEqual([]);
  expect(await wb(page, (h) => h.values("Iris!E3"))).toEqual([["my note"]]);
  expect(await wb(page, (h) => h.values("Iris!E7"))).toEqual([["typed meanwhile"]]);
});

test("agreeing to overwrite what the dialog showed writes the labels over the user's cells, still on one results sheet", async () => {
  await selectCells(page, DATA);
  await wb(page, (h) => h.clearWrites());
  await clusterButton().click();
  expect(await outcome()).toBe("asked");
  const sample = await dialog()
    .getByRole("list", { name: "Cells that would be overwritten" })
    .locator("li")
    .allTextContents();
  expect(sample).toContain("E3: my note");
  await dialog().getByRole("button", { name: "Overwrite" }).click();
  await page.waitForFunction(
    () =>
      window.__workbook!.writes().some((w) => w.kind === "setting" && w.target === "kmeans.lastRun") &&
      document.querySelector('[role="progressbar"]') === null,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  await page.getByTestId("result-summary").waitFor();
  expect(await labelColumn()).toEqual(firstLabels);
  // The previous results sheet is still exactly the add-in's, so it is replaced as in the first test.
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", RESULTS]);
  const writes = await wb(page, (h) => h.writes());
  expect(writes.filter((w) => w.kind === "sheet-delete").map((w) => w.target)).toEqual([RESULTS]);
  expect(writes.filter((w) => w.target.startsWith("Iris!")).map((w) => w.target)).toEqual([LABELS]);
});

test("the data sheet renamed while the job runs: the pane says so and nothing is written", async () => {
  await selectCells(page, DATA);
  await wb(page, (h) => h.clearWrites());
  await page.evaluate(() => window.__jobs!.hold());
  try {
    await clusterButton().click();
    await page.waitForFunction(() => window.__jobs!.held() > 0, undefined, { timeout: 60_000, polling: 50 });
    await wb(page, (h) => h.renameSheet("Iris", "Flowers"));
  } finally {
    await page.evaluate(() => window.__jobs!.release());
  }
  const before = await digest();
  await errorBar(
    "The sheet Iris was renamed to Flowers while clustering: nothing was written. Cluster again to label the data on Flowers.",
  ).waitFor({ timeout: 60_000 });
  expect(await digest()).toBe(before);
  expect(await wb(page, (h) => h.writes())).toEqual([]);
});

test("the page stayed offline and error-free, on what the test workbook implements", async () => {
  expect(await wb(page, (h) => h.unsupported())).toEqual([]);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
});
