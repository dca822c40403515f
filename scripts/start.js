#!/usr/bin/env node
// `npm start`: builds the add-in in development mode and serves it on https://localhost:3000 until Ctrl+C.
//
// 1. Certificates: office-addin-dev-certs makes and trusts a developer CA and a localhost certificate
//    (~/.office-addin-dev-certs). If it cannot (no permission to install the CA, no sudo, ...), the
//    server uses a CA and localhost certificate made here in ~/.kmeans-for-excel-dev-certs, and this
//    script says what to trust.
// 2. The webpack dev server serves the development build (from memory; `npm run build` writes dist/), and
//    preview.html: the task pane beside a test workbook standing in for Excel, to try the add-in in a plain
//    browser (development only; see README "Trying it without Excel").
// 3. Sideloading: on Windows the manifest is registered for desktop Excel (the registry key that
//    office-addin-dev-settings uses) and Excel is opened; on macOS the manifest is copied into Excel's
//    wef folder and Excel is opened; elsewhere (Linux) it prints how to upload the manifest into Excel on
//    the web. On Ctrl+C the desktop registration is removed again (keep it with --keep-sideload).
//
// Options: --no-sideload (serve only), --keep-sideload (leave the add-in registered on exit).
/* global setImmediate */
"use strict";

const childProcess = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const FALLBACK_CERT_DIR = path.join(os.homedir(), ".kmeans-for-excel-dev-certs");
const FALLBACK_CERT_DAYS = 365;
const CERT_DOMAINS = ["127.0.0.1", "localhost"];
const WINDOWS_DEVELOPER_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";
const MAC_WEF_DIR = path.join(
  os.homedir(),
  "Library",
  "Containers",
  "com.microsoft.Excel",
  "Data",
  "Documents",
  "wef",
);

function readAddinId() {
  const match = /<Id>\s*([^<\s]+)\s*<\/Id>/.exec(fs.readFileSync(MANIFEST, "utf8"));
  if (!match) throw new Error(`no <Id> in ${MANIFEST}`);
  return match[1];
}

/** True when the certificate and key files exist, match, and the certificate is valid for a day more. */
function usableCertificate(certFile, keyFile) {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
    const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
    return cert.checkPrivateKey(key) && new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/**
 * Certificates for the dev server.
 * @returns {Promise<{ https: { key: Buffer, cert: Buffer, ca: Buffer }, caPath: string, trusted: boolean }>}
 *   trusted: office-addin-dev-certs installed its CA in the system's certificate store.
 */
async function obtainCertificates() {
  const devCerts = require("office-addin-dev-certs");
  const defaults = require("office-addin-dev-certs/lib/defaults");
  try {
    const https = await devCerts.getHttpsServerOptions();
    return {
      https: { key: https.key, cert: https.cert, ca: https.ca },
      caPath: defaults.caCertificatePath,
      trusted: true,
    };
  } catch (err) {
    console.warn(
      `\nCould not install the Office developer certificates: ${String(err.message || err).trim()}`,
    );
    console.warn(`Falling back to a development CA and certificate in ${FALLBACK_CERT_DIR}.\n`);
  }
  const caPath = path.join(FALLBACK_CERT_DIR, "ca.crt");
  const certPath = path.join(FALLBACK_CERT_DIR, "localhost.crt");
  const keyPath = path.join(FALLBACK_CERT_DIR, "localhost.key");
  if (!fs.existsSync(caPath) || !usableCertificate(certPath, keyPath)) {
    for (const file of [caPath, certPath, keyPath]) fs.rmSync(file, { force: true });
    await devCerts.generateCertificates(caPath, certPath, keyPath, FALLBACK_CERT_DAYS, CERT_DOMAINS);
  }
  return {
    https: { key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath), ca: fs.readFileSync(caPath) },
    caPath,
    trusted: false,
  };
}

/** TLS options for webpack-dev-server (also used by `webpack serve` through webpack.config.js). */
async function getDevHttpsOptions() {
  return (await obtainCertificates()).https;
}

function trustInstructions(caPath, trusted) {
  const lines = [];
  if (!trusted) {
    lines.push(
      "The HTTPS certificate is NOT trusted yet. Browsers and Excel refuse the add-in until you trust the",
      `development CA ${caPath} (it signs the localhost certificate):`,
    );
  } else if (process.platform === "linux") {
    lines.push(
      `Browsers on Linux keep their own certificate lists: make yours trust the development CA ${caPath}:`,
    );
  } else {
    return [];
  }
  if (process.platform === "win32") {
    lines.push(`  certutil -user -addstore Root "${caPath}"`);
  } else if (process.platform === "darwin") {
    lines.push(
      `  security add-trusted-cert -d -r trustRoot -k ~/Library/Keychains/login.keychain-db "${caPath}"`,
    );
  } else {
    lines.push(
      `  - system (curl, ...): sudo cp "${caPath}" /usr/local/share/ca-certificates/kmeans-for-excel-dev-ca.crt` +
        " && sudo update-ca-certificates",
      "  - Chrome/Edge/Chromium: Settings > Privacy and security > Security > Manage certificates >",
      `    Authorities > Import, choose ${caPath}, tick "Trust this certificate for identifying websites"`,
      `    (or: certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n kmeans-for-excel-dev -i "${caPath}")`,
      "  - Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import",
    );
  }
  lines.push(
    "  Or, for a quick try: open https://localhost:3000/taskpane.html in that browser and accept the warning.",
  );
  return lines;
}

function webSideloadInstructions() {
  return [
    "Sideload K-Means for Excel into Excel on the web:",
    "  1. Keep this server running. In the browser you use for Excel, open https://localhost:3000/taskpane.html",
    '     once: it must show "K-Means for Excel" without a certificate warning (see above if it warns).',
    "  2. Go to https://www.office.com, sign in, and open a workbook in Excel (or create a blank one).",
    "  3. On the Home tab, select Add-ins, then More Settings (on some builds: More Add-ins, or Advanced...).",
    "     (Older Excel on the web: Insert > Office Add-ins, then MY ADD-INS > Manage My Add-ins.)",
    "  4. In the Office Add-ins dialog, select Upload My Add-in.",
    "  5. Select Browse, choose this file, then select Upload:",
    `       ${MANIFEST}`,
    '  6. The Home tab now has a "K-Means" group with a "Cluster data" button; select it to open the pane.',
    "     The add-in's worksheet functions are named KMEANS.*.",
    "  The upload lasts for this browser profile; after changing manifest.xml, clear the browser cache and",
    "  upload it again.",
  ];
}

/** Registers the manifest with desktop Excel and opens Excel; returns a function that undoes the registration. */
function sideloadDesktop(addinId) {
  if (process.platform === "win32") {
    childProcess.execFileSync(
      "reg",
      ["add", WINDOWS_DEVELOPER_KEY, "/v", addinId, "/t", "REG_SZ", "/d", MANIFEST, "/f"],
      { stdio: "pipe" },
    );
    console.log(
      `Registered the add-in for desktop Excel: ${WINDOWS_DEVELOPER_KEY}\\${addinId} = ${MANIFEST}`,
    );
    childProcess
      .spawn("cmd", ["/c", "start", '""', "excel"], {
        detached: true,
        stdio: "ignore",
        windowsVerbatimArguments: true,
      })
      .unref();
    console.log(
      "Opening Excel. In a workbook: Home > Add-ins (or Insert > My Add-ins) > Developer Add-ins > K-Means for Excel,",
      'then Home > K-Means > "Cluster data".',
    );
    return () => {
      try {
        childProcess.execFileSync("reg", ["delete", WINDOWS_DEVELOPER_KEY, "/v", addinId, "/f"], {
          stdio: "pipe",
        });
        console.log("Unregistered the add-in from desktop Excel.");
      } catch {
        // already gone
      }
    };
  }
  if (process.platform === "darwin") {
    fs.mkdirSync(MAC_WEF_DIR, { recursive: true });
    const target = path.join(MAC_WEF_DIR, `${addinId}.manifest.xml`);
    fs.copyFileSync(MANIFEST, target);
    console.log(`Copied the manifest for desktop Excel to ${target}`);
    childProcess.spawn("open", ["-a", "Microsoft Excel"], { detached: true, stdio: "ignore" }).unref();
    console.log(
      "Opening Excel. In a workbook: Home > Add-ins (or Insert > My Add-ins) > Developer Add-ins > K-Means for Excel,",
      'then Home > K-Means > "Cluster data".',
    );
    return () => {
      fs.rmSync(target, { force: true });
      console.log("Removed the manifest from Excel's wef folder.");
    };
  }
  return () => {};
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const { createConfig, DEV_ORIGIN } = require("../webpack.config.js");

  const certificates = await obtainCertificates();
  const config = createConfig({ mode: "development", https: certificates.https, preview: true });
  config.stats = "minimal"; // one line a build, so the instructions below stay readable
  const compiler = webpack(config);
  const server = new WebpackDevServer(config.devServer, compiler);

  let firstBuild = true;
  const built = new Promise((resolve) => {
    compiler.hooks.done.tap("start", (stats) => {
      if (firstBuild) {
        firstBuild = false;
        resolve(stats);
      }
    });
  });

  await server.start();
  const stats = await built;
  await new Promise((resolve) => setImmediate(resolve)); // let the dev server log the build first
  if (stats.hasErrors()) {
    console.error(
      "\nThe development build has errors (see above); the server keeps running and rebuilds on change.",
    );
  }

  const out = [
    "",
    `K-Means for Excel is served at ${DEV_ORIGIN}/taskpane.html (Ctrl+C to stop).`,
    `Manifest: ${MANIFEST}`,
    `No Excel at hand? ${DEV_ORIGIN}/preview.html shows the task pane beside a test workbook preloaded with the`,
    "iris and customer samples: a preview harness in the browser, not Excel (the add-in itself runs in Excel).",
    "",
    ...trustInstructions(certificates.caPath, certificates.trusted),
  ];
  console.log(out.join("\n"));

  let undoSideload = () => {};
  const desktop = process.platform === "win32" || process.platform === "darwin";
  if (desktop && !args.has("--no-sideload")) {
    try {
      undoSideload = sideloadDesktop(readAddinId());
    } catch (err) {
      console.warn(`Could not sideload into desktop Excel: ${err.message}`);
    }
    console.log(["", "Or use Excel on the web:", ...webSideloadInstructions()].join("\n"));
  } else {
    if (!desktop) console.log("\nNo desktop Excel on this system.");
    console.log(webSideloadInstructions().join("\n"));
  }
  console.log("");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the dev server...");
    if (!args.has("--keep-sideload")) undoSideload();
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  });
}

module.exports = { getDevHttpsOptions, obtainCertificates, trustInstructions, webSideloadInstructions };
