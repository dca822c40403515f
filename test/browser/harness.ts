/**
 * What every browser test needs: the production build served over plain HTTP on 127.0.0.1, Debian's
 * Chromium driven by playwright-core, Office.js's CDN URL answered with the test host (test/host built by
 * test/host/webpack.config.js) and the CDN's Excel client scripts with Microsoft's own from the pinned
 * @microsoft/office-js, and every other request outside 127.0.0.1 refused. test/browser/run.js
 * builds both and says where they are (KMEANS_BROWSER_DIST, KMEANS_BROWSER_HOST).
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { BrowserOptions } from "../host/browser";
import { CLIENT_SCRIPTS, OFFICE_CDN } from "../host/clientScripts";
import { serveHosted } from "./hostedServer";

export const ROOT = path.join(__dirname, "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The production build under test. */
export const DIST = process.env.KMEANS_BROWSER_DIST ?? path.join(ROOT, "build", "browser", "dist");
const HOST_JS = process.env.KMEANS_BROWSER_HOST ?? path.join(ROOT, "build", "browser", "host", "office.js");
/** The development build with preview.html, as `npm start` serves it. */
export const PREVIEW = path.join(ROOT, "build", "browser", "preview");
const SCREENSHOTS = path.join(ROOT, "build", "browser", "screenshots");
/** `npm run screenshots` sets this: the screenshots also go to docs/screenshots for the README. */
const DOCS_SCREENSHOTS = process.env.KMEANS_UPDATE_SCREENSHOTS
  ? path.join(ROOT, "docs", "screenshots")
  : null;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
  ".txt": "text/plain; charset=utf-8",
};

/** A static file server for a folder, on 127.0.0.1 and a free port. */
export async function serveFolder(folder: string): Promise<{ origin: string; close(): Promise<void> }> {
  const root = path.resolve(folder);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = path.resolve(root, "." + decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Session = {
  context: BrowserContext;
  origin: string;
  /**
   * Requests refused because they left the served build (Office.js's CDN URL is answered, not refused).
   */
  blocked: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Microsoft's Excel client scripts the pages asked for (answered from @microsoft/office-js). */
  clientScripts: string[];
  close(): Promise<void>;
};

/**
 * Chromium with a fresh profile, a build served (the production one by default), and the network closed
 * beyond 127.0.0.1. `userAgent` replaces Chromium's own (navigator.userAgent and the header), e.g. to play
 * an old webview. `hosted`: the build is served by `npm run serve:dist`'s server over HTTPS at the address
 * its manifest names (test/browser/hostedServer.ts), and `origin` is that base URL; otherwise by a plain
 * HTTP server on 127.0.0.1.
 */
export async function startSession(
  folder: string = DIST,
  { userAgent, hosted = false }: { userAgent?: string; hosted?: boolean } = {},
): Promise<Session> {
  for (const [what, file] of [
    ["the build", path.join(folder, "taskpane.html")],
    ["the test host bundle", HOST_JS],
  ]) {
    if (!fs.existsSync(file))
      throw new Error(`${what} is missing (${file}): run the browser tests with npm run test:browser`);
  }
  const server: { origin: string; hostname?: string; chromiumArgs?: string[]; close(): Promise<void> } =
    hosted ? await serveHosted(folder) : await serveFolder(folder);
  const hostScript = fs.readFileSync(HOST_JS);
  // Microsoft's Excel client scripts, answered at their CDN address from the pinned @microsoft/office-js,
  // read from node_modules at test time (never copied into a build).
  const clientScripts = new Map(
    Object.values(CLIENT_SCRIPTS).map((name) => [
      OFFICE_CDN + name,
      fs.readFileSync(require.resolve(`@microsoft/office-js/dist/${name}`)),
    ]),
  );
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      // Anything that slipped past the routes below goes to a closed port instead of the network.
      "--proxy-server=http://127.0.0.1:9",
      ["--proxy-bypass-list=127.0.0.1", "localhost", ...(server.hostname ? [server.hostname] : [])].join(";"),
      ...(server.chromiumArgs ?? []),
    ],
    viewport: { width: 1360, height: 860 },
    deviceScaleFactor: 1,
    ...(userAgent ? { userAgent } : {}),
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  const served: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    if (url === OFFICE_JS) {
      return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: hostScript });
    }
    const client = clientScripts.get(url);
    if (client) {
      served.push(url);
      return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: client });
    }
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => watch(page, errors));
  for (const page of context.pages()) watch(page, errors);
  return {
    context,
    origin: server.origin,
    blocked,
    errors,
    clientScripts: served,
    async close() {
      await context.close();
      await server.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

function watch(page: Page, errors: string[]): void {
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
}

export type PaneOptions = BrowserOptions & {
  /** Runs in the page before the add-in starts, with the workbook handle: seed sheets, select. */
  seed?: { fn: string; arg?: unknown };
};

/**
 * Opens the built task pane with the test host in place of Office.js, seeds the workbook while
 * Office.onReady is held, then lets the add-in start and waits until the pane shows the selection.
 */
export async function openPane(session: Session, options: PaneOptions = {}): Promise<Page> {
  const { seed, ...fake } = options;
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  await page.addInitScript(
    (opts) => {
      window.__fakeOfficeOptions = opts as BrowserOptions;
    },
    { holdReady: true, ...fake },
  );
  await page.goto(`${session.origin}/taskpane.html`);
  await page.waitForFunction(() => window.__workbook !== undefined);
  if (seed) {
    await page.evaluate(({ fn, arg }) => new Function("wb", "arg", fn)(window.__workbook, arg), seed);
  }
  await page.evaluate(() => window.__workbook!.start());
  await page.getByRole("heading", { name: "K-Means clustering" }).waitFor();
  // The pane listens for selection changes once it has read the first selection.
  await page.waitForFunction(() => window.__workbook!.selectionListeners() > 0);
  return page;
}

/** The workbook handle's methods, called in the page. */
export function wb<T>(
  page: Page,
  call: (handle: NonNullable<Window["__workbook"]>) => T,
): Promise<Awaited<T>> {
  return page.evaluate(`(${call.toString()})(window.__workbook)`) as Promise<Awaited<T>>;
}

/** Selects cells as a user would and waits until the pane shows the new selection. */
export async function selectCells(page: Page, address: string): Promise<void> {
  await page.evaluate((a) => window.__workbook!.select(a), address);
  await page
    .getByTestId("selection-address")
    .filter({ hasText: new RegExp(`^${escape(address)}$`) })
    .waitFor();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Saves a screenshot under build/browser/screenshots (and docs/screenshots with npm run screenshots). */
export async function screenshot(page: Page, name: string, selector?: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const target = selector ? page.locator(selector) : page;
  await target.screenshot({ path: file, animations: "disabled" });
  if (DOCS_SCREENSHOTS) {
    fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, `${name}.png`));
  }
  return file;
}

/** The scikit-learn fixture (test/fixtures/*.json). */
export function fixture(name: string): {
  columns: string[];
  X: number[][];
  kmeanspp: { k: number; labels: number[] }[];
} {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", `${name}.json`), "utf8"));
}

/**
 * Whether two labelings are the same partition: a one-to-one map from one's labels to the other's.
 * Returns the map, or the first row where they disagree.
 */
export function sameClusters(a: ArrayLike<unknown>, b: ArrayLike<unknown>): { ok: boolean; detail: string } {
  if (a.length !== b.length) return { ok: false, detail: `${a.length} labels against ${b.length}` };
  const forward = new Map<unknown, unknown>();
  const backward = new Map<unknown, unknown>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if ((forward.has(x) && forward.get(x) !== y) || (backward.has(y) && backward.get(y) !== x)) {
      return { ok: false, detail: `row ${i}: ${String(x)} against ${String(y)}` };
    }
    forward.set(x, y);
    backward.set(y, x);
  }
  return { ok: true, detail: JSON.stringify([...forward]) };
}
