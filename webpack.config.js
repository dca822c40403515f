// Webpack build of the add-in: `npm run build` (production, to dist/) and `npm start` (scripts/start.js:
// development build served over HTTPS on https://localhost:3000). `npx webpack serve --mode development`
// also works.
//
// One page, taskpane.html, is the shared runtime: it loads the task pane, the ribbon commands and, once
// src/functions/functions.ts exists, the custom functions. A single webpack runtime chunk serves all the
// entries of the page, so they share one instance of every module (state set by the task pane is seen by
// the custom functions). Web workers created with `new Worker(new URL("./worker.ts", import.meta.url))`
// are bundled by webpack itself, as separate chunks; they need no entry here.
"use strict";

const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { withErrorsAllowed } = require("./scripts/functions-metadata");
const { DEV_ORIGIN, manifestFor, manifestVersion, parseBase } = require("./scripts/manifest-for");

const ROOT = __dirname;
const DEV_PORT = 3000;
const FUNCTIONS_SOURCE = path.join(ROOT, "src", "functions", "functions.ts");
const FUNCTIONS_METADATA = "functions.json";

/** Emits an empty functions.json while the add-in has no custom functions, so the manifest's URL resolves. */
class EmptyFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("EmptyFunctionsMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "EmptyFunctionsMetadataPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const json = JSON.stringify({ functions: [] }, null, 2) + "\n";
          compilation.emitAsset(FUNCTIONS_METADATA, new webpack.sources.RawSource(json));
        },
      );
    });
  }
}

/** Sets what the generator cannot say in the functions.json it emitted (scripts/functions-metadata.js). */
class FunctionsMetadataOptionsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("FunctionsMetadataOptionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsMetadataOptionsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset(FUNCTIONS_METADATA);
          if (!asset) return;
          const json = withErrorsAllowed(asset.source.source().toString());
          compilation.updateAsset(FUNCTIONS_METADATA, new webpack.sources.RawSource(json));
        },
      );
    });
  }
}

/**
 * The webpack configuration.
 * @param {object} [options]
 * @param {"development" | "production"} [options.mode]
 * @param {{ key?: Buffer | string, cert?: Buffer | string, ca?: Buffer | string }} [options.https] certificate
 *   and key for the dev server; without them webpack-dev-server makes its own self-signed certificate.
 * @param {string} [options.origin] the URL the add-in is hosted under, as parseBase (scripts/manifest-for.js)
 *   returns it: an origin, optionally with a path ("https://example.org/kmeans"); every URL of the built
 *   manifest is under it (default https://localhost:3000). The bundles themselves hold no origin: webpack
 *   finds its chunks relative to the script that loads them.
 * @param {boolean} [options.preview] also build preview.html, the task pane beside a test workbook standing in
 *   for Excel (test/host; see README "Trying it without Excel"). Development only: `npm start` and
 *   `webpack serve` turn it on; the production build never includes it.
 */
function createConfig({ mode = "production", https, origin = DEV_ORIGIN, preview = false } = {}) {
  const dev = mode === "development";
  const version = manifestVersion(require("./package.json").version);
  const hasFunctions = fs.existsSync(FUNCTIONS_SOURCE);

  const entry = {
    taskpane: "./src/taskpane/index.tsx",
    commands: "./src/commands/commands.ts",
  };
  if (hasFunctions) entry.functions = "./src/functions/functions.ts";

  const plugins = [
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      // The one page of the shared runtime loads every entry (the runtime chunk comes with them).
      chunks: Object.keys(entry),
      chunksSortMode: "manual",
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets", to: "assets" },
        {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: (content) => manifestFor(content.toString(), { base: origin, version }),
        },
      ],
    }),
  ];
  if (hasFunctions) {
    // Generates functions.json from the JSDoc tags (@customfunction ...) in functions.ts and appends the
    // CustomFunctions.associate(...) calls to its bundle.
    const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
    plugins.push(new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: FUNCTIONS_METADATA }));
    plugins.push(new FunctionsMetadataOptionsPlugin());
  } else {
    plugins.push(new EmptyFunctionsMetadataPlugin());
  }
  if (preview) {
    // The add-in's own entries, after the test host (in place of Office.js from the CDN). Added after the
    // taskpane.html plugin above took its chunk list, so taskpane.html never loads the test host.
    const appChunks = Object.keys(entry);
    entry["preview-host"] = "./test/host/browser.ts";
    plugins.push(
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./preview/preview.html",
        chunks: ["preview-host", ...appChunks],
        chunksSortMode: "manual",
      }),
    );
  }

  return {
    mode,
    context: ROOT,
    entry,
    devtool: dev ? "source-map" : false,
    output: {
      path: path.join(ROOT, "dist"),
      filename: "[name].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    module: {
      rules: [typeScriptRule(dev)],
    },
    optimization: {
      runtimeChunk: "single",
    },
    performance: {
      // React + Fluent UI make a large task pane bundle; warn only well past that.
      maxAssetSize: 2 * 1024 * 1024,
      maxEntrypointSize: 3 * 1024 * 1024,
    },
    plugins,
    devServer: {
      host: "localhost",
      port: DEV_PORT,
      server: https ? { type: "https", options: https } : "https",
      headers: {
        "Access-Control-Allow-Origin": "*",
        // Excel on the web (a public site) loads the add-in from localhost: let the browser allow it.
        "Access-Control-Allow-Private-Network": "true",
      },
      static: false,
      hot: true,
      client: { overlay: { errors: true, warnings: false } },
    },
  };
}

/** Entry point of the webpack CLI (`webpack --mode production`, `webpack serve --mode development`). */
/**
 * TypeScript through ts-loader. Type checking is `npm run typecheck`; the root tsconfig.json is CommonJS
 * for jest, so bundles override it with ES modules (which also allows import.meta.url for workers).
 */
function typeScriptRule(sourceMap) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        transpileOnly: true,
        compilerOptions: { module: "esnext", moduleResolution: "bundler", noEmit: false, sourceMap },
      },
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  // `npm run build -- --origin URL` (scripts/build.js) sets ADDIN_ORIGIN; so can a user, for `npx webpack`.
  const origin = process.env.ADDIN_ORIGIN ? parseBase(process.env.ADDIN_ORIGIN).base : DEV_ORIGIN;
  let https;
  if (env.WEBPACK_SERVE) {
    // Only the dev server needs certificates: a build must not touch the certificate store.
    https = await require("./scripts/start.js").getDevHttpsOptions();
  }
  return createConfig({ mode, https, origin, preview: Boolean(env.WEBPACK_SERVE) });
};
module.exports.createConfig = createConfig;
module.exports.typeScriptRule = typeScriptRule;
module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.DEV_PORT = DEV_PORT;
