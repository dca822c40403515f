// The test host as one browser script (office.js): what the browser tests serve in place of
// https://appsforoffice.microsoft.com/lib/1/hosted/office.js. Never part of the add-in's build (dist/).
//   npx webpack --config test/host/webpack.config.js   → build/browser/host/office.js
"use strict";

const path = require("path");
const { typeScriptRule } = require("../../webpack.config.js");

const ROOT = path.join(__dirname, "..", "..");

/** @param {{ outputPath?: string, mode?: "development" | "production" }} [options] */
function createHostConfig({
  outputPath = path.join(ROOT, "build", "browser", "host"),
  mode = "production",
} = {}) {
  return {
    mode,
    context: ROOT,
    entry: { office: "./test/host/browser.ts" },
    devtool: false,
    target: "web",
    output: { path: outputPath, filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js", ".json"] },
    module: {
      rules: [typeScriptRule(false)],
    },
    // Readable names in stack traces matter more here than size.
    optimization: { minimize: false },
    performance: { hints: false },
  };
}

module.exports = () => createHostConfig();
module.exports.createHostConfig = createHostConfig;
