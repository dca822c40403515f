/**
 * Old webviews: with a shared runtime and no WebView2, Office on Windows shows the add-in in Internet
 * Explorer 11 (Trident) or Microsoft Edge Legacy (EdgeHTML), which cannot parse the bundles. The webview
 * guard at the top of taskpane.html then shows a message saying what is needed instead of a blank pane.
 *
 * How the guard is triggered here: Chromium parses the bundles' syntax, so the guard's syntax probe passes
 * in it and only its user-agent hint can fire. The sessions therefore claim an old engine's user agent (the
 * context's userAgent sets navigator.userAgent and the header), which is also how Microsoft's guidance
 * detects these webviews for a failure notice. The page has no test-only override: it is tested as it
 * ships. The probe and the guard's ES5 syntax are checked in test/taskpane/guard.test.ts with acorn
 * playing ES5 and ES2018 parsers; here the built bundles are checked against the probe's ECMAScript version.
 */
import * as acorn from "acorn";
import type { Page } from "playwright-core";
import * as fs from "fs";
import * as path from "path";
import { DIST, openPane, screenshot, startSession, wb, type Session } from "./harness";

declare global {
  interface Window {
    __kmeansWebview?: { supported: boolean; engine: string | null; syntax: string; reasons: string[] };
  }
}

const OLD_ENGINES: [string, string][] = [
  [
    "Internet Explorer 11 (Trident)",
    "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  ],
  [
    "Microsoft Edge Legacy (EdgeHTML)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  ],
];
const TITLE = "This version of Office can't run K-Means for Excel";
const WEBVIEW2 = "https://developer.microsoft.com/microsoft-edge/webview2/";

describe.each(OLD_ENGINES)("under the user agent of %s", (engine, userAgent) => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await startSession(undefined, { userAgent });
    page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.addInitScript(() => {
      window.__fakeOfficeOptions = { holdReady: true, samples: ["iris"], select: "Iris!A1:D151" };
    });
    await page.goto(`${session.origin}/taskpane.html`);
  });

  afterAll(async () => {
    await session?.close();
  });

  test("the page shows what is needed and where to get it, instead of a blank pane", async () => {
    const message = page.getByRole("alert");
    await message.getByRole("heading", { name: TITLE }).waitFor();
    const text = (await message.textContent()) ?? "";
    expect(text).toContain("on Windows, Microsoft Edge WebView2");
    expect(text).toContain(`This pane is running in ${engine}.`);
    expect(text).toContain("Microsoft 365");
    expect(await message.getByRole("link", { name: WEBVIEW2 }).getAttribute("href")).toBe(WEBVIEW2);
    expect(await page.evaluate(() => window.__kmeansWebview)).toEqual({
      supported: false,
      engine,
      syntax: "ok",
      reasons: [`user agent: ${engine}`],
    });
    expect(await page.evaluate(() => navigator.userAgent)).toBe(userAgent);
  });

  test("the pane stays hidden behind the message, even once Office is ready", async () => {
    // Chromium can run the bundles, which a real old engine cannot even parse: the pane mounts, hidden.
    await page.waitForFunction(() => window.__workbook !== undefined);
    await wb(page, (h) => h.start());
    const heading = page.getByRole("heading", { name: "K-Means clustering", includeHidden: true });
    await heading.waitFor({ state: "attached" });
    expect(await heading.isVisible()).toBe(false);
    expect(await page.getByRole("heading", { name: TITLE }).isVisible()).toBe(true);
    expect(session.blocked).toEqual([]);
    await page.setViewportSize({ width: 360, height: 640 });
    await screenshot(page, engine.startsWith("Internet") ? "old-webview-trident" : "old-webview-edgehtml");
  });
});

describe("under Chromium's own user agent", () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await startSession();
    page = await openPane(session, { samples: ["iris"], select: "Iris!A1:D151" });
  });

  afterAll(async () => {
    await session?.close();
  });

  test("the pane starts and the message stays hidden", async () => {
    await page.getByRole("heading", { name: "K-Means clustering" }).waitFor();
    expect(await page.getByRole("heading", { name: TITLE, includeHidden: true }).isVisible()).toBe(false);
    expect(await page.locator("#unsupported").isVisible()).toBe(false);
    expect(await page.evaluate(() => window.__kmeansWebview)).toEqual({
      supported: true,
      engine: null,
      syntax: "ok",
      reasons: [],
    });
    expect(await page.evaluate(() => document.documentElement.className)).toBe("");
    expect(session.blocked).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  test("the built page keeps the guard ES5 and first, ahead of office.js and the bundles", async () => {
    const response = await session.context.request.get(`${session.origin}/taskpane.html`);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    // The production build minifies the page: attribute quotes go, and the guard's code is compressed.
    expect(scripts[0]).toMatch(/^<script id="?webview-guard"?>$/);
    expect(scripts[1]).toContain("appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(scripts.slice(2).length).toBeGreaterThan(0);
    for (const tag of scripts.slice(2)) expect(tag).toMatch(/ src="?[^" >]+\.js"?>$/);
    const guard = /<script id="?webview-guard"?>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(guard).toContain("__kmeansWebview");
    expect(() => acorn.parse(guard, { ecmaVersion: 5 })).not.toThrow();
  });

  test("every built bundle parses at the ECMAScript version the guard's probe demands, ES2022", () => {
    // When a dependency brings newer syntax, this fails: raise the probe in taskpane.html to match.
    const bundles = fs.readdirSync(DIST).filter((f) => f.endsWith(".js"));
    expect(bundles).toEqual(expect.arrayContaining(["runtime.js", "taskpane.js", "commands.js"]));
    for (const file of bundles) {
      const source = fs.readFileSync(path.join(DIST, file), "utf8");
      expect(() => acorn.parse(source, { ecmaVersion: 2022, sourceType: "script" })).not.toThrow();
    }
  });
});
