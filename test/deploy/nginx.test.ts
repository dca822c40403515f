/**
 * The README's plain-static-host example, docs/hosting/nginx.conf, run by a real nginx over HTTPS beside
 * `npm run serve:dist` on the same build: both must send what Excel needs, the same way. nginx is Debian's
 * (apt-get install nginx-light), not an npm dependency: .ci/run installs it and sets KMEANS_REQUIRE_NGINX,
 * so there a missing nginx fails; elsewhere the test says it was skipped.
 */
import * as childProcess from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import {
  makeCertificates,
  PREFLIGHT,
  PREFLIGHT_ALLOWED,
  request,
  serveDistModule,
  writeBuild,
  type Reply,
} from "./hosting";

const ROOT = path.join(__dirname, "..", "..");
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((f) => fs.existsSync(f));
const EXAMPLE = fs.readFileSync(path.join(ROOT, "docs", "hosting", "nginx.conf"), "utf8");

let work: string;
let ca: Buffer;
let nginx: childProcess.ChildProcess | undefined;
let nginxBase: string;
let ours: { url: string; close(): Promise<void> };

/** A port free a moment ago; nginx is started again on another if it was taken meanwhile. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The example's server block, pointed at the test's build, port and certificate, in a whole nginx.conf. */
function configFor(port: number, certFile: string, keyFile: string): string {
  const edits: [RegExp, string][] = [
    [/listen 443 ssl;/, `listen 127.0.0.1:${port} ssl;`],
    [/ssl_certificate\s+\S+;/, `ssl_certificate ${certFile};`],
    [/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${keyFile};`],
    [/root \/srv\/www;/, `root ${path.join(work, "www")};`],
  ];
  let server = EXAMPLE;
  for (const [from, to] of edits) {
    expect(from.test(server)).toBe(true);
    server = server.replace(from, to);
  }
  const temp = (name: string) => `${name}_temp_path ${path.join(work, name)};`;
  return [
    "daemon off;",
    "master_process off;",
    `pid ${path.join(work, "nginx.pid")};`,
    `error_log ${path.join(work, "error.log")};`,
    "events {}",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((n) => "  " + temp(n)),
    server,
    "}",
  ].join("\n");
}

/** Starts nginx on a free port; resolves when it answers, rejects with its error log if it exits. */
async function startNginx(certFile: string, keyFile: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const conf = path.join(work, "nginx.conf");
    fs.writeFileSync(conf, configFor(port, certFile, keyFile));
    const child = childProcess.spawn(
      NGINX!,
      // -e: the error log from the start, so no default log path outside the test's folder is needed.
      ["-p", work, "-e", path.join(work, "error.log"), "-c", conf],
      { stdio: "ignore" },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const answering = (async () => {
      for (;;) {
        const ok = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, "127.0.0.1", () => {
            socket.destroy();
            resolve(true);
          });
          socket.on("error", () => resolve(false));
        });
        if (ok) return true;
        // Between attempts, leave the two cores to nginx; this paces the polling, it bounds nothing.
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const result = await Promise.race([answering, exited.then(() => false)]);
    if (result) {
      nginx = child;
      nginxBase = `https://127.0.0.1:${port}/kmeans/`;
      return;
    }
    const log = fs.existsSync(path.join(work, "error.log"))
      ? fs.readFileSync(path.join(work, "error.log"), "utf8")
      : "";
    if (!/Address already in use/.test(log) || attempt >= 5) throw new Error(`nginx did not start:\n${log}`);
  }
}

const maybe = NGINX ? describe : describe.skip;

maybe("docs/hosting/nginx.conf (runs where nginx is installed)", () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-nginx-"));
    writeBuild(path.join(work, "www", "kmeans"));
    const certs = await makeCertificates(work, ["example.org", "127.0.0.1"]);
    ca = certs.ca;
    await startNginx(certs.certFile, certs.keyFile);
    const { serveDist } = serveDistModule();
    ours = await serveDist({
      dir: path.join(work, "www", "kmeans"),
      basePath: "/kmeans/",
      host: "127.0.0.1",
      port: 0,
      tls: { cert: fs.readFileSync(certs.certFile), key: fs.readFileSync(certs.keyFile) },
    });
  });

  afterAll(async () => {
    nginx?.kill();
    await ours?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const HEADERS = ["content-type", "cache-control", "access-control-allow-origin", "x-content-type-options"];
  const pick = (reply: Reply, names: string[]) => Object.fromEntries(names.map((n) => [n, reply.headers[n]]));

  test.each([
    "functions.json",
    "functions.js",
    "taskpane.html",
    "taskpane.js",
    "runtime.js",
    "915.b6f01d59.js",
    "manifest.xml",
    "taskpane.js.LICENSE.txt",
    "assets/icon-32.png",
  ])("%s: the same status, type, caching and CORS as serve:dist", async (file) => {
    const [a, b] = await Promise.all([request(nginxBase, file, ca), request(ours.url, file, ca)]);
    expect(a.status).toBe(200);
    expect({ file, ...pick(a, HEADERS) }).toEqual({ file, ...pick(b, HEADERS) });
    expect(a.body).toEqual(b.body);
    expect(a.headers.etag).toBeDefined();
    expect(a.headers["x-frame-options"]).toBeUndefined();
  });

  test("a revalidation with the ETag gets 304", async () => {
    const first = await request(nginxBase, "functions.json", ca);
    const again = await request(nginxBase, "functions.json", ca, {
      headers: { "if-none-match": first.headers.etag as string },
    });
    expect(again.status).toBe(304);
  });

  test("text is gzipped, varying on Accept-Encoding", async () => {
    const reply = await request(nginxBase, "taskpane.js", ca, { headers: { "accept-encoding": "gzip" } });
    expect(reply.headers["content-encoding"]).toBe("gzip");
    expect(reply.headers.vary).toBe("Accept-Encoding");
    expect(zlib.gunzipSync(reply.body).toString()).toBe(
      fs.readFileSync(path.join(work, "www", "kmeans", "taskpane.js"), "utf8"),
    );
  });

  test("a preflight from Excel on the web, Private Network Access included, is allowed", async () => {
    const reply = await request(nginxBase, "functions.json", ca, PREFLIGHT);
    expect(reply.status).toBe(204);
    expect(reply.headers).toMatchObject(PREFLIGHT_ALLOWED);
  });

  test("the folder leads to the task pane; dot files and missing files are not found", async () => {
    const root = await request(nginxBase, "/kmeans/", ca);
    expect(root.status).toBe(302);
    expect(root.headers.location).toMatch(/\/kmeans\/taskpane\.html$/);
    for (const pathname of ["/kmeans/.built", "/kmeans/nope.js", "/kmeans/assets"]) {
      expect([pathname, (await request(nginxBase, pathname, ca)).status]).toEqual([pathname, 404]);
    }
  });
});

if (!NGINX) {
  test("docs/hosting/nginx.conf is checked only where nginx is installed (apt-get install nginx-light)", () => {
    // .ci/run installs nginx: there, its absence is a failure, not a skip.
    expect(process.env.KMEANS_REQUIRE_NGINX).toBeUndefined();
  });
}
