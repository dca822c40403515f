/** What the hosting tests share: a small build laid out as `npm run build` lays it out, a certificate, HTTPS requests. */
import * as fs from "fs";
import * as https from "https";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A build for https://example.org/kmeans/, with every kind of file the real one has. */
export function writeBuild(dir: string): void {
  const files: Record<string, string | Buffer> = {
    "manifest.xml":
      '<?xml version="1.0"?>\n<OfficeApp><DefaultSettings>' +
      '<SourceLocation DefaultValue="https://example.org/kmeans/taskpane.html"/></DefaultSettings></OfficeApp>\n',
    "taskpane.html": '<!doctype html><script src="runtime.js"></script><script src="taskpane.js"></script>\n',
    "runtime.js": "/* runtime */\n",
    "taskpane.js": "console.log('pane, first build');\n".repeat(200),
    "functions.js": "/* functions */\n",
    "functions.json": JSON.stringify({ functions: [{ id: "LABELS" }] }),
    "915.b6f01d59.js": "/* worker chunk */\n",
    "taskpane.js.LICENSE.txt": "licences\n",
    "assets/icon-32.png": fs.readFileSync(path.join(ROOT, "assets", "icon-32.png")),
    ".built": "1",
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

/** A CA and a certificate for the names, made in dir; returns the files and the CA to trust. */
export async function makeCertificates(
  dir: string,
  names: string[],
): Promise<{ certFile: string; keyFile: string; ca: Buffer }> {
  const { generateCertificates } = require("office-addin-dev-certs/lib/generate") as {
    generateCertificates(
      ca: string,
      cert: string,
      key: string,
      days: number,
      domains: string[],
    ): Promise<void>;
  };
  const [caFile, certFile, keyFile] = ["ca.crt", "host.crt", "host.key"].map((f) => path.join(dir, f));
  await generateCertificates(caFile, certFile, keyFile, 2, names);
  return { certFile, keyFile, ca: fs.readFileSync(caFile) };
}

/** An HTTPS request, trusting only `ca`, for the name example.org. */
export function request(
  base: string,
  pathname: string,
  ca: Buffer,
  { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca, servername: "example.org" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** The preflight Excel on the web would send for a file, asking for Private Network Access too. */
export const PREFLIGHT = {
  method: "OPTIONS",
  headers: {
    origin: "https://excel.officeapps.live.com",
    "access-control-request-method": "GET",
    "access-control-request-headers": "x-requested-with",
    "access-control-request-private-network": "true",
  },
};

/** What every host must answer PREFLIGHT with. */
export const PREFLIGHT_ALLOWED = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-private-network": "true",
};

/** scripts/serve-dist.js, plain CommonJS, as the tests use it. */
export interface ServeDist {
  manifestBase(dir: string): { url: string; basePath: string; page: URL };
  serveDist(options: {
    dir: string;
    basePath: string;
    host: string;
    port: number;
    tls: { key: Buffer; cert: Buffer };
  }): Promise<{ url: string; port: number; close(): Promise<void> }>;
}

export function serveDistModule(): ServeDist {
  return require("../../scripts/serve-dist") as ServeDist;
}
