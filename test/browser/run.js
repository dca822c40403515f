#!/usr/bin/env node
// `npm run test:browser`: the add-in in a real browser. Skips (exit 0, saying so) when Chromium is not
// installed; otherwise builds what is stale and runs test/browser/*.spec.ts with jest.
//
// 1. The production build of the add-in for a host, as `npm run build -- --origin https://example.org/kmeans/`
//    makes it (scripts/build.js), into build/browser/dist, rebuilt when anything it is built from is newer
//    than the last build. KMEANS_BROWSER_DIST=dist tests an existing build instead; it must be built
//    for that address too, as hosted.spec.ts serves it there and checks it was.
// 2. The test host (test/host, test/host/webpack.config.js) into build/browser/host/office.js, which the
//    tests serve in place of Office.js's CDN script.
// 3. The development build with the preview page (what `npm start` serves) into build/browser/preview.
// 4. jest -c test/browser/jest.config.js, with any arguments given here (e.g. a test name pattern).
//
// Options: --rebuild (build even if up to date), --update-screenshots (also write docs/screenshots/*.png).
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); KMEANS_REQUIRE_BROWSER=1 (.ci/run) fails instead
// of skipping when Chromium is missing.
"use strict";

const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const BUILD = path.join(ROOT, "build", "browser");
const DIST = path.join(BUILD, "dist");
const HOST = path.join(BUILD, "host");
const PREVIEW = path.join(BUILD, "preview");
// The address the tested build is made for; hosted.spec.ts serves it there, the other specs on 127.0.0.1.
const HOSTED_ORIGIN = "https://example.org/kmeans/";

/** The newest modification time among files under the given paths. */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== "node_modules") visit(path.join(p, name));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach((p) => visit(path.join(ROOT, p)));
  return latest;
}

function upToDate(stampFile, inputs) {
  if (!fs.existsSync(stampFile)) return false;
  return Number(fs.readFileSync(stampFile, "utf8")) >= newest(inputs);
}

function compile(config, what) {
  const webpack = require("webpack");
  const started = Date.now();
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) {
        return reject(new Error(`${what} failed:\n${stats.toString({ all: false, errors: true })}`));
      }
      console.log(`Built ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      resolve();
    }),
  );
}

async function build(force) {
  const appInputs = [
    "src",
    "assets",
    "manifest.xml",
    "webpack.config.js",
    "scripts/build.js",
    "scripts/manifest-for.js",
    "scripts/validate-manifest.js",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
  ];
  const appStamp = path.join(DIST, ".built");
  if (process.env.KMEANS_BROWSER_DIST) {
    console.log(`Testing the existing build in ${process.env.KMEANS_BROWSER_DIST}.`);
  } else if (force || !upToDate(appStamp, appInputs)) {
    const stamp = Date.now();
    const started = Date.now();
    await require(path.join(ROOT, "scripts", "build.js")).build({ origin: HOSTED_ORIGIN, out: DIST });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Built the add-in (production, for ${HOSTED_ORIGIN}) into build/browser/dist in ${seconds} s.`,
    );
    fs.writeFileSync(appStamp, String(stamp));
  } else {
    console.log("The add-in's production build in build/browser/dist is up to date.");
  }
  const hostInputs = [
    "test/host",
    "test/fixtures/iris.json",
    "test/fixtures/customers.json",
    "test/fixtures/moons.json",
  ];
  const previewStamp = path.join(PREVIEW, ".built");
  if (force || !upToDate(previewStamp, [...appInputs, ...hostInputs, "preview"])) {
    const stamp = Date.now();
    const { createConfig } = require(path.join(ROOT, "webpack.config.js"));
    const config = createConfig({ mode: "development", preview: true });
    config.output.path = PREVIEW;
    config.stats = "errors-only";
    await compile(config, "the preview page (development) into build/browser/preview");
    fs.writeFileSync(previewStamp, String(stamp));
  }
  const hostStamp = path.join(HOST, ".built");
  if (force || !upToDate(hostStamp, hostInputs)) {
    const stamp = Date.now();
    const { createHostConfig } = require(path.join(ROOT, "test", "host", "webpack.config.js"));
    await compile(createHostConfig({ outputPath: HOST }), "the test host into build/browser/host");
    fs.writeFileSync(hostStamp, String(stamp));
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.KMEANS_REQUIRE_BROWSER) {
      // .ci/run installs Chromium; a skip there would hide that the browser tests never ran.
      console.error(
        `Browser tests cannot run: Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`,
      );
      return 1;
    }
    console.log("Browser tests skipped: Chromium not installed (apt-get install -y chromium)");
    return 0;
  }
  const force = args.includes("--rebuild");
  const env = { ...process.env };
  if (args.includes("--update-screenshots")) env.KMEANS_UPDATE_SCREENSHOTS = "1";
  const jestArgs = args.filter((a) => a !== "--rebuild" && a !== "--update-screenshots");
  await build(force);
  const jest = require.resolve("jest/bin/jest");
  const result = childProcess.spawnSync(
    process.execPath,
    [jest, "-c", path.join("test", "browser", "jest.config.js"), ...jestArgs],
    { cwd: ROOT, stdio: "inherit", env },
  );
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
