/**
 * `npm run serve:dist` (scripts/serve-dist.js), started as a user starts it, over HTTPS with a
 * certificate made for the test: the headers Excel needs (CORS, content types, caching that never pins an
 * old build, nothing that stops framing), the build served under its manifest's path, and nothing else.
 */
import * as childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import {
  makeCertificates,
  PREFLIGHT,
  PREFLIGHT_ALLOWED,
  request as get,
  writeBuild,
  type Reply,
} from "./hosting";

const ROOT = path.join(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "serve-dist.js");
const EXCEL_ON_THE_WEB = "https://excel.officeapps.live.com";

let work: string;
let dist: string;
let ca: Buffer;
let certFile: string;
let keyFile: string;
let server: childProcess.ChildProcess;
let base: string;

/** Starts the script; resolves with what it printed once it serves, or rejects with its error. */
function start(args: string[]): Promise<{ process: childProcess.ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const child = childProcess.spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ctrl+C stops")) resolve({ process: child, output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

function request(pathname: string, options?: Parameters<typeof get>[3]): Promise<Reply> {
  return get(base, pathname, ca, options);
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-serve-"));
  dist = path.join(work, "dist");
  writeBuild(dist);
  ({ certFile, keyFile, ca } = await makeCertificates(work, ["example.org", "127.0.0.1"]));
  const started = await start([
    "--dir",
    dist,
    "--host",
    "127.0.0.1",
    "--port",
    "0",
    "--cert",
    certFile,
    "--key",
    keyFile,
  ]);
  server = started.process;
  const match = /Serving .* at (https:\/\/127\.0\.0\.1:\d+\/kmeans\/) \(Ctrl\+C stops\)/.exec(started.output);
  expect(match).not.toBeNull();
  base = match![1];
});

afterAll(() => {
  server?.kill();
  fs.rmSync(work, { recursive: true, force: true });
});

test("functions.json is served to Excel on the web's origin with CORS and its JSON type", async () => {
  const reply = await request("functions.json", { headers: { origin: EXCEL_ON_THE_WEB } });
  expect(reply.status).toBe(200);
  expect(reply.headers["access-control-allow-origin"]).toBe("*");
  expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(JSON.parse(reply.body.toString())).toEqual({ functions: [{ id: "LABELS" }] });
});

test("a cross-origin preflight, Private Network Access included, is allowed", async () => {
  const reply = await request("functions.js", PREFLIGHT);
  expect(reply.status).toBe(204);
  expect(reply.headers).toMatchObject({
    ...PREFLIGHT_ALLOWED,
    "access-control-allow-headers": "x-requested-with",
  });
});

test.each([
  ["taskpane.html", "text/html; charset=utf-8"],
  ["taskpane.js", "text/javascript; charset=utf-8"],
  ["915.b6f01d59.js", "text/javascript; charset=utf-8"],
  ["manifest.xml", "application/xml; charset=utf-8"],
  ["assets/icon-32.png", "image/png"],
])("%s is served as %s, not to be sniffed, with CORS", async (file, type) => {
  const reply = await request(file);
  expect(reply.status).toBe(200);
  expect(reply.headers["content-type"]).toBe(type);
  expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  expect(reply.headers["access-control-allow-origin"]).toBe("*");
  expect(reply.body).toEqual(fs.readFileSync(path.join(dist, file)));
});

test("the task pane page may be framed: Office on the web shows it in an iframe", async () => {
  const reply = await request("taskpane.html");
  expect(reply.headers["x-frame-options"]).toBeUndefined();
  expect(reply.headers["content-security-policy"]).toBeUndefined();
});

test("hashed chunks are cached for good, images for a day, everything else revalidated", async () => {
  expect((await request("915.b6f01d59.js")).headers["cache-control"]).toBe(
    "public, max-age=31536000, immutable",
  );
  expect((await request("assets/icon-32.png")).headers["cache-control"]).toBe("public, max-age=86400");
  for (const file of [
    "taskpane.html",
    "runtime.js",
    "taskpane.js",
    "functions.js",
    "functions.json",
    "manifest.xml",
  ]) {
    expect([file, (await request(file)).headers["cache-control"]]).toEqual([file, "no-cache"]);
  }
});

test("a revalidation gets 304 while the file is the same, and the new build once it is redeployed", async () => {
  const first = await request("taskpane.js");
  const etag = first.headers.etag as string;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await request("taskpane.js", { headers: { "if-none-match": etag } });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);

  const file = path.join(dist, "taskpane.js");
  const original = fs.readFileSync(file);
  try {
    fs.writeFileSync(file, "console.log('pane, second build');\n");
    const redeployed = await request("taskpane.js", { headers: { "if-none-match": etag } });
    expect(redeployed.status).toBe(200);
    expect(redeployed.body.toString()).toBe("console.log('pane, second build');\n");
    expect(redeployed.headers.etag).not.toBe(etag);
  } finally {
    fs.writeFileSync(file, original);
  }
});

test("text is gzipped for a client that accepts it, and says so", async () => {
  const reply = await request("taskpane.js", { headers: { "accept-encoding": "gzip, deflate, br" } });
  expect(reply.headers["content-encoding"]).toBe("gzip");
  expect(reply.headers.vary).toBe("Accept-Encoding");
  expect(zlib.gunzipSync(reply.body)).toEqual(fs.readFileSync(path.join(dist, "taskpane.js")));
  expect(reply.body.length).toBeLessThan(fs.statSync(path.join(dist, "taskpane.js")).size);
  // An image is sent as it is.
  const icon = await request("assets/icon-32.png", { headers: { "accept-encoding": "gzip" } });
  expect(icon.headers["content-encoding"]).toBeUndefined();
});

test("the base address leads to the task pane; nothing outside the build, and no dot file, is served", async () => {
  const root = await request("/kmeans/");
  expect(root.status).toBe(302);
  expect(root.headers.location).toBe("/kmeans/taskpane.html");
  for (const pathname of [
    "/taskpane.html",
    "/kmeans/.built",
    "/kmeans/%2e%2e/%2e%2e/etc/passwd",
    "/kmeans/assets",
    "/kmeans/nope.js",
  ]) {
    const reply = await request(pathname);
    expect([pathname, reply.status]).toEqual([pathname, 404]);
    expect(reply.headers["access-control-allow-origin"]).toBe("*");
  }
  const head = await request("functions.json", { method: "HEAD" });
  expect(head.status).toBe(200);
  expect(head.body.length).toBe(0);
  const post = await request("functions.json", { method: "POST" });
  expect(post.status).toBe(405);
  expect(post.headers.allow).toBe("GET, HEAD, OPTIONS");
});

describe("refusals", () => {
  async function refusal(args: string[]): Promise<string> {
    return new Promise((resolve) => {
      childProcess.execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT }, (err, _stdout, stderr) => {
        expect(err?.code).toBe(1);
        resolve(stderr);
      });
    });
  }

  test("a build for another host without its certificate: the development ones are for localhost", async () => {
    expect(await refusal(["--dir", dist, "--port", "0"])).toContain(
      "is for https://example.org/kmeans/, and the development certificates are valid for localhost only: " +
        "give --cert and --key for example.org",
    );
  });

  test("no build", async () => {
    expect(await refusal(["--dir", path.join(work, "none")])).toContain(
      "manifest.xml does not exist: build the add-in first (npm run build -- --origin https://...)",
    );
  });

  test("a certificate without its key", async () => {
    expect(await refusal(["--dir", dist, "--cert", certFile])).toContain(
      "give both --cert and --key, or neither",
    );
  });
});
