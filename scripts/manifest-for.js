// The manifest a build ships: manifest.xml with its URLs on the origin and path the add-in is hosted at,
// and its <Version> taken from package.json.
//
// Why the version: Excel keeps a custom function's metadata (functions.json) until the manifest's
// <Version> changes (OfficeDev/Excel-Custom-Functions#301), so a release that changes the functions must
// change it. Taking it from package.json makes `npm version` the one place a release is numbered.
/* global URL */
"use strict";

const DEV_ORIGIN = "https://localhost:3000";

/**
 * Where the add-in is hosted, from the text a user passes as --origin (an origin, optionally with a path).
 * @param {string} text e.g. "https://example.org/kmeans/" or "https://addins.contoso.com"
 * @returns {{ base: string, origin: string, path: string }} base: the URL every file is under, without a
 *   trailing slash ("https://example.org/kmeans"); origin: "https://example.org"; path: "/kmeans/".
 */
function parseBase(text) {
  const given = String(text ?? "").trim();
  let url;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`--origin "${given}" is not a URL: give one like https://example.org/kmeans/`);
  }
  // Office loads add-ins only over HTTPS (Learn: "Office Add-ins XML manifest", SourceLocation).
  if (url.protocol !== "https:") {
    throw new Error(`--origin ${given} must use https: Office loads add-ins only over HTTPS`);
  }
  if (url.username || url.password)
    throw new Error(`--origin ${given} must not hold a user name or password`);
  if (url.search || url.hash || given.includes("?") || given.includes("#")) {
    throw new Error(`--origin ${given} must not have a query (?) or fragment (#): give the folder's URL`);
  }
  const path = url.pathname.endsWith("/") ? url.pathname : url.pathname + "/";
  return { base: url.origin + path.replace(/\/+$/, ""), origin: url.origin, path };
}

/**
 * The manifest's four-part <Version> for a package.json version: "1.2.3" -> "1.2.3.0".
 * A pre-release ("1.2.3-beta.1") has no four-part form that sorts the same way, so it is refused.
 */
function manifestVersion(packageVersion) {
  const match = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/.exec(String(packageVersion));
  if (!match) {
    throw new Error(
      `package.json version "${packageVersion}" is not major.minor.patch (each at most 5 digits): ` +
        "the manifest's <Version> is major.minor.patch.0",
    );
  }
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

/**
 * manifest.xml for a host: every https://localhost:3000 URL moved under `base`, <AppDomain> entries for
 * the development origin replaced by the host's origin (an AppDomain is an origin, never a path), and
 * <Version> set.
 * @param {string} xml the source manifest.xml
 * @param {{ base?: string, version: string }} options base as parseBase returns it (default: the
 *   development origin); version the four-part manifest version.
 */
function manifestFor(xml, { base = DEV_ORIGIN, version }) {
  const origin = new URL(base).origin;
  let out = xml.replace(
    /<AppDomain>\s*https:\/\/localhost:3000\/?\s*<\/AppDomain>/g,
    `<AppDomain>${origin}</AppDomain>`,
  );
  out = out.split(DEV_ORIGIN + "/").join(base + "/");
  out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
  if (out.includes(DEV_ORIGIN) && base !== DEV_ORIGIN) {
    throw new Error(`manifest.xml names ${DEV_ORIGIN} in a form the build cannot move to ${base}`);
  }
  return out;
}

module.exports = { DEV_ORIGIN, parseBase, manifestVersion, manifestFor };

// `npm version` runs this (package.json "version" script): manifest.xml, which `npm start` sideloads as it
// is, gets the new version too, and is committed with it.
if (require.main === module && process.argv[2] === "--sync-version") {
  const fs = require("fs");
  const path = require("path");
  const root = path.join(__dirname, "..");
  const file = path.join(root, "manifest.xml");
  const version = manifestVersion(
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version,
  );
  const xml = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`));
  console.log(`manifest.xml: <Version>${version}</Version>`);
}
