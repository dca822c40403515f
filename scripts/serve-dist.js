#!/usr/bin/env node
/* global URL */
// `npm run serve:dist`: serves a production build (dist/, from `npm run build`) over HTTPS, with the
// headers Excel needs from any host:
//   - CORS: Access-Control-Allow-Origin: * on every file. Excel on the web fetches functions.json (and
//     the scripts) from its own origin, cross-origin, and refuses them without it (office-js-docs-pr#1920,
//     office-js#3970; Learn "Publish an Office Add-in from Visual Studio Code to Azure" sets the same rule
//     for Azure Storage). The files are public and no request carries credentials, so "*" is right.
//     Preflights (OPTIONS) are answered, including Chromium's Private Network Access one, which a page on
//     the internet sends before it may fetch from localhost.
//   - Content types by extension (application/json for functions.json, as the Learn page above maps it),
//     with X-Content-Type-Options: nosniff.
//   - Caching that never pins an old build: files whose names carry webpack's content hash
//     (915.b6f01d59.js) never change, so they are cached for a year; everything else (taskpane.html, the
//     entry scripts, functions.json, manifest.xml) is "no-cache": kept, but revalidated on every use
//     (ETag, 304), so a redeploy reaches users on their next load. Images are cached for a day: Learn
//     "Office Add-ins with the add-in only manifest" (hosting requirements) says image URLs must support
//     caching and must not send no-cache or no-store.
//   - Nothing that stops framing: Office on the web shows the task pane in an iframe (Learn "Browsers and
//     webview controls used by Office Add-ins"), so no X-Frame-Options and no CSP frame-ancestors.
//
// It serves the build under the base URL's path its manifest names (a build for
// https://example.org/kmeans/ is served under /kmeans/), so the URLs in dist/manifest.xml resolve.
//
// Options: --dir DIR (default dist), --host HOST, --port PORT (default: the manifest's), --cert FILE and
// --key FILE (a certificate for the host; default: the development certificates `npm start` uses, which
// are valid for localhost only).
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const https = require("https");
const path = require("path");
const zlib = require("zlib");
const { parseOptions } = require("./cli-options");

const ROOT = path.join(__dirname, "..");
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;
// webpack's [contenthash:8] in chunk names (webpack.config.js chunkFilename).
const HASHED = /\.[0-9a-f]{8}\.[a-z]+$/;
const IMAGE = /^image\//;

/** Cache-Control for a file of the build, by its path relative to the build. */
function cacheControl(relative) {
  const type = contentType(relative);
  if (HASHED.test(relative)) return "public, max-age=31536000, immutable";
  if (IMAGE.test(type)) return "public, max-age=86400";
  return "no-cache";
}

function contentType(relative) {
  return TYPES[path.extname(relative).toLowerCase()] || "application/octet-stream";
}

/** The headers every response carries, whatever its status. */
const COMMON_HEADERS = Object.freeze({
  "access-control-allow-origin": "*",
  "x-content-type-options": "nosniff",
});

/**
 * The base URL the build's manifest names, and its path: "https://example.org/kmeans/" and "/kmeans/";
 * page is the task pane's URL.
 */
function manifestBase(dir) {
  const file = path.join(dir, "manifest.xml");
  if (!fs.existsSync(file)) {
    throw new Error(`${file} does not exist: build the add-in first (npm run build -- --origin https://...)`);
  }
  const match = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(fs.readFileSync(file, "utf8"));
  if (!match) throw new Error(`${file} has no <SourceLocation>: is it the add-in's manifest?`);
  const page = new URL(match[1]);
  const basePath = page.pathname.replace(/[^/]*$/, "");
  return { url: page.origin + basePath, basePath, page };
}

/**
 * The request handler for a build folder served under basePath ("/" or "/kmeans/").
 * Files are read when asked for (a redeploy is served at once) and kept, with their ETag and gzip form,
 * while their size and modification time stay the same.
 */
function createHandler({ dir, basePath = "/" }) {
  const root = path.resolve(dir);
  const prefix = basePath.endsWith("/") ? basePath : basePath + "/";
  const cache = new Map();

  function load(file, stat) {
    const key = `${stat.size}:${stat.mtimeMs}`;
    const hit = cache.get(file);
    if (hit && hit.key === key) return hit;
    const body = fs.readFileSync(file);
    const etag = `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    const entry = { key, body, etag, gzip: undefined };
    cache.set(file, entry);
    return entry;
  }

  return function handle(req, res) {
    const send = (status, headers, body) => {
      res.writeHead(status, { ...COMMON_HEADERS, ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const notFound = () =>
      send(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" }, "not found\n");

    if (req.method === "OPTIONS") {
      const headers = {
        "access-control-allow-methods": "GET, HEAD, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] || "*",
        "access-control-max-age": "86400",
      };
      if (req.headers["access-control-request-private-network"] === "true") {
        headers["access-control-allow-private-network"] = "true";
      }
      return send(204, headers);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(
        405,
        { allow: "GET, HEAD, OPTIONS", "content-type": "text/plain; charset=utf-8" },
        "method not allowed\n",
      );
    }

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url || "/", "https://host").pathname);
    } catch {
      return notFound();
    }
    // The base folder itself: to the task pane, for a person who types the address.
    if (pathname === prefix || pathname + "/" === prefix) {
      return send(302, { location: prefix + "taskpane.html", "cache-control": "no-cache" });
    }
    if (!pathname.startsWith(prefix)) return notFound();
    const relative = pathname.slice(prefix.length);
    // No dot files (build stamps), no way out of the folder, no NUL.
    if (relative.split("/").some((part) => part === "" || part.startsWith(".")) || relative.includes("\0")) {
      return notFound();
    }
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return notFound();
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();

    const entry = load(file, stat);
    const type = contentType(relative);
    const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers["accept-encoding"] || ""));
    const etag = gzip ? entry.etag.replace(/"$/, '-gzip"') : entry.etag;
    const headers = {
      "content-type": type,
      "cache-control": cacheControl(relative),
      etag,
      "last-modified": stat.mtime.toUTCString(),
      vary: "Accept-Encoding",
    };
    const ifNoneMatch = String(req.headers["if-none-match"] || "");
    if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === etag || tag === "*")) {
      return send(304, headers);
    }
    let body = entry.body;
    if (gzip) {
      entry.gzip = entry.gzip || zlib.gzipSync(entry.body);
      body = entry.gzip;
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.length);
    return send(200, headers, body);
  };
}

/**
 * Starts the HTTPS server; resolves when it listens.
 * @param {{ dir: string, basePath?: string, host?: string, port?: number,
 *   tls: { key: Buffer | string, cert: Buffer | string } }} options
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>} url: the base URL served.
 */
function serveDist({ dir, basePath = "/", host = "localhost", port = 3000, tls }) {
  const server = https.createServer({ key: tls.key, cert: tls.cert }, createHandler({ dir, basePath }));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const actual = server.address().port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `https://${shownHost}:${actual}${basePath}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const options = parseOptions(argv, ["dir", "host", "port", "cert", "key"]);
  if ((options.cert === undefined) !== (options.key === undefined)) {
    throw new Error("give both --cert and --key, or neither (for the development certificates)");
  }
  if (options.port !== undefined && !/^\d{1,5}$/.test(options.port))
    throw new Error(`--port ${options.port} is not a port number`);
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dir = path.resolve(options.dir || path.join(ROOT, "dist"));
  const { url, basePath, page } = manifestBase(dir);
  const loopback = LOOPBACK.has(page.hostname);
  let tls;
  let trust = [];
  if (options.cert) {
    tls = { cert: fs.readFileSync(options.cert), key: fs.readFileSync(options.key) };
  } else if (!loopback) {
    throw new Error(
      `${path.join(dir, "manifest.xml")} is for ${url}, and the development certificates are valid for ` +
        `localhost only: give --cert and --key for ${page.hostname}, or build without --origin to try the ` +
        "production build on this machine",
    );
  } else {
    const start = require("./start.js");
    const certificates = await start.obtainCertificates();
    tls = certificates.https;
    trust = start.trustInstructions(certificates.caPath, certificates.trusted);
  }
  const host = options.host || (loopback ? page.hostname.replace(/^\[|\]$/g, "") : "0.0.0.0");
  const port = options.port !== undefined ? Number(options.port) : Number(page.port || 443);
  let served;
  try {
    served = await serveDist({ dir, basePath, host, port, tls });
  } catch (err) {
    const hint = err.code === "EACCES" ? ` (ports below 1024 need privileges: try --port 3443)` : "";
    throw new Error(`cannot listen on ${host}:${port}: ${err.message}${hint}`);
  }
  const shown = path.relative(process.cwd(), dir) || dir;
  console.log(`Serving ${shown}/ at ${served.url} (Ctrl+C stops).`);
  if (trust.length > 0) console.log(["", ...trust, ""].join("\n"));
  console.log(
    `  Built for ${url}; give Excel ${path.join(shown, "manifest.xml")} (README: "Install, update, uninstall").`,
  );
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  });
}

module.exports = { cacheControl, contentType, createHandler, manifestBase, serveDist, parseArgs };
