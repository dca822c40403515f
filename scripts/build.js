#!/usr/bin/env node
// `npm run build`: the production build of the add-in, for the HTTPS address it will be hosted at.
//
//   npm run build -- --origin https://example.org/kmeans/    (or ADDIN_ORIGIN=https://example.org/kmeans/)
//
// writes dist/: the task pane page and its scripts, functions.js and functions.json, the icons, the help
// and support pages, and manifest.xml with every URL under that address and its <Version> from
// package.json (scripts/manifest-for.js). Upload the folder's contents to that address, and give Excel
// dist/manifest.xml. Without --origin the build is for the development server (https://localhost:3000).
// The built manifest is checked as `npm run validate` checks the source one; the build fails if it is not
// valid.
//
// Options: --origin URL; --out DIR (default dist); --mode development (unminified, with source maps).
"use strict";

const path = require("path");
const webpack = require("webpack");
const { parseOptions } = require("./cli-options");
const { parseBase } = require("./manifest-for");
const { validateManifestFile } = require("./validate-manifest");

const ROOT = path.join(__dirname, "..");

/** --origin, --out and --mode. */
function parseArgs(argv) {
  const options = parseOptions(argv, ["origin", "out", "mode"]);
  if (options.mode && options.mode !== "production" && options.mode !== "development") {
    throw new Error(`--mode ${options.mode}: expected production or development`);
  }
  return options;
}

/**
 * Builds the add-in; resolves to the output folder and the base URL it was built for.
 * @param {{ origin?: string, out?: string, mode?: "production" | "development" }} options
 */
async function build({ origin, out = path.join(ROOT, "dist"), mode = "production" } = {}) {
  const { createConfig, DEV_ORIGIN } = require(path.join(ROOT, "webpack.config.js"));
  const base = origin ? parseBase(origin).base : DEV_ORIGIN;
  const config = createConfig({ mode, origin: base });
  config.output.path = path.resolve(out);
  config.stats = "errors-warnings";
  const stats = await new Promise((resolve, reject) =>
    webpack(config, (err, result) => (err ? reject(err) : resolve(result))),
  );
  if (stats.hasErrors()) {
    throw new Error(`the build failed:\n${stats.toString({ all: false, errors: true })}`);
  }
  const manifest = path.join(config.output.path, "manifest.xml");
  const { errors } = await validateManifestFile(manifest);
  if (errors.length > 0) {
    throw new Error(`the built ${manifest} is not valid:\n${errors.map((e) => `  error: ${e}`).join("\n")}`);
  }
  return { out: config.output.path, base };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.origin && process.env.ADDIN_ORIGIN) options.origin = process.env.ADDIN_ORIGIN;
  const started = Date.now();
  const { out, base } = await build(options);
  const relative = path.relative(process.cwd(), out);
  const shown = relative && !relative.startsWith("..") ? relative : out;
  console.log(
    `Built the add-in for ${base}/ into ${shown}/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  console.log(`  Its manifest, ${path.join(shown, "manifest.xml")}, is valid (offline checks).`);
  if (!options.origin) {
    console.log(
      "  This build is for the development server. For your host: npm run build -- --origin https://...",
    );
  } else {
    console.log(
      `  Upload the contents of ${shown}/ to ${base}/ and give Excel ${path.join(shown, "manifest.xml")}.`,
    );
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  });
}

module.exports = { build, parseArgs };
