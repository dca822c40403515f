/**
 * A build served as a host serves it: `npm run serve:dist`'s server (scripts/serve-dist.js) over HTTPS, at
 * the address the build's manifest names. Chromium is pointed there with --host-resolver-rules (the
 * manifest's host name resolves to the server on 127.0.0.1) and trusts exactly the certificate made here
 * for that name (--ignore-certificate-errors-spki-list pins its key; every other certificate error stays
 * an error).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeCertificates, serveDistModule } from "../deploy/hosting";

export type HostedServer = {
  /** The base URL the manifest names, without its trailing slash: "https://example.org/kmeans". */
  origin: string;
  /** The manifest's host name, which Chromium must not send to the proxy. */
  hostname: string;
  /** Chromium flags that route the host name to the server and trust its certificate. */
  chromiumArgs: string[];
  close(): Promise<void>;
};

export async function serveHosted(folder: string): Promise<HostedServer> {
  const { manifestBase, serveDist } = serveDistModule();
  const { url, basePath, page } = manifestBase(folder);
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-hosted-"));
  const { certFile, keyFile } = await makeCertificates(certs, [page.hostname]);
  const tls = { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) };
  const server = await serveDist({
    dir: folder,
    basePath,
    host: "127.0.0.1",
    port: 0,
    tls,
  });
  const spki = crypto
    .createHash("sha256")
    .update(new crypto.X509Certificate(tls.cert).publicKey.export({ type: "spki", format: "der" }))
    .digest("base64");
  return {
    origin: url.replace(/\/$/, ""),
    hostname: page.hostname,
    chromiumArgs: [
      `--host-resolver-rules=MAP ${page.hostname} 127.0.0.1:${server.port}`,
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
    async close() {
      await server.close();
      fs.rmSync(certs, { recursive: true, force: true });
    },
  };
}
