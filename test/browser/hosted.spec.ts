/**
 * 7. Hosted for a team: the production build made for https://example.org/kmeans/ (as
 * `npm run build -- --origin https://example.org/kmeans/` makes it; test/browser/run.js), served by
 * `npm run serve:dist`'s server over HTTPS at exactly that address (test/browser/hostedServer.ts). Every URL
 * of the built manifest is fetched from another origin, as Excel on the web fetches functions.json, and the
 * task pane is opened at the manifest's SourceLocation and clusters iris.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import {
  DIST,
  fixture,
  openPane,
  sameClusters,
  serveFolder,
  startSession,
  wb,
  type Session,
} from "./harness";

const MANIFEST = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
const SOURCE_LOCATION = /<SourceLocation DefaultValue="([^"]+)"/.exec(MANIFEST)![1];

let session: Session;
let page: Page;
/** Every request the add-in's pages made to the hosted address. */
const requested: string[] = [];

beforeAll(async () => {
  session = await startSession(DIST, { hosted: true });
  session.context.on("request", (r) => {
    if (r.url().startsWith(session.origin + "/")) requested.push(r.url());
  });
});

afterAll(async () => {
  await session?.close();
});

test("the build under test is made for a host, not for localhost", () => {
  expect(SOURCE_LOCATION).toBe("https://example.org/kmeans/taskpane.html");
  expect(session.origin).toBe("https://example.org/kmeans");
  expect(MANIFEST).not.toContain("localhost");
});

test("every URL in the manifest is served there over HTTPS, and readable from another origin", async () => {
  const urls = [...new Set([...MANIFEST.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]))];
  expect(urls).toEqual(
    expect.arrayContaining([
      SOURCE_LOCATION,
      "https://example.org/kmeans/functions.js",
      "https://example.org/kmeans/functions.json",
      "https://example.org/kmeans/assets/icon-80.png",
      "https://example.org/kmeans/assets/support.html",
    ]),
  );
  // A page on another origin stands in for Excel on the web, which fetches the metadata cross-origin: the
  // browser itself applies CORS to each answer.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-excel-origin-"));
  fs.writeFileSync(path.join(empty, "index.html"), "<!doctype html><title>another origin</title>");
  const other = await serveFolder(empty);
  await session.context.route(`${other.origin}/**`, (route) => route.continue());
  const excel = await session.context.newPage();
  try {
    await excel.goto(`${other.origin}/index.html`);
    const answers = await excel.evaluate(
      (list) =>
        Promise.all(
          list.map(async (url) => {
            try {
              const r = await fetch(url, { mode: "cors" });
              return { url, status: r.status, type: r.headers.get("content-type") };
            } catch (e) {
              return { url, status: 0, type: String(e) };
            }
          }),
        ),
      urls,
    );
    for (const answer of answers) expect(answer).toMatchObject({ url: answer.url, status: 200 });
    const typeOf = (u: string) => answers.find((a) => a.url === u)?.type;
    expect(typeOf("https://example.org/kmeans/functions.json")).toBe("application/json; charset=utf-8");
    expect(typeOf("https://example.org/kmeans/functions.js")).toBe("text/javascript; charset=utf-8");
    expect(typeOf("https://example.org/kmeans/assets/icon-80.png")).toBe("image/png");
  } finally {
    await excel.close();
    await other.close();
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test("the task pane opens at the manifest's address and clusters iris as scikit-learn does", async () => {
  page = await openPane(session, { samples: ["iris"], select: "Iris!A1:D151" });
  expect(page.url()).toBe(SOURCE_LOCATION);
  await page.getByRole("button", { name: "Cluster", exact: true }).click();
  await page.getByTestId("result-summary").waitFor({ timeout: 60_000 });
  const labels = (await wb(page, (h) => h.values("Iris!E2:E151"))).map((r) => r[0]);
  const reference = fixture("iris").kmeanspp.find((r) => r.k === 3)!;
  expect(sameClusters(labels, reference.labels)).toMatchObject({ ok: true });
  expect(await wb(page, (h) => h.sheets())).toEqual(["Iris", "K-Means Results"]);
});

test("the pane's scripts and its worker came from the hosted address, and nothing else was asked for", () => {
  const files = requested.map((u) => u.slice(session.origin.length + 1));
  expect(files).toEqual(
    expect.arrayContaining(["taskpane.html", "runtime.js", "taskpane.js", "functions.js"]),
  );
  // The clustering worker is a chunk with webpack's content hash in its name.
  expect(files.some((f) => /^\d+\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
  expect(session.blocked).toEqual([]);
  expect(session.errors).toEqual([]);
});
