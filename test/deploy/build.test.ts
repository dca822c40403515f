/**
 * Builds the add-in with the documented command, `npm run build -- --origin https://example.org/kmeans/`
 * (into a temporary folder with --out), and checks what a host needs: every URL under that address and
 * no localhost left anywhere, a valid manifest whose <Version> is package.json's, the icons, help and
 * support pages beside it, and the custom functions: functions.json generated from the JSDoc, the
 * associate calls appended to functions.js, and functions.js loaded by the shared runtime's page.
 */
import * as childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FUNCTION_IDS } from "../functions/ids";

// A production build of the whole add-in takes 10-40 s, depending on the machine and what else runs.
jest.setTimeout(300_000);

const ROOT = path.join(__dirname, "..", "..");
const IDS = FUNCTION_IDS;
const ORIGIN = "https://example.org/kmeans/";

interface ManifestValidator {
  validateManifestFile(file: string): Promise<{ errors: string[]; warnings: string[] }>;
}
const validator = require("../../scripts/validate-manifest") as ManifestValidator;

let out: string;
let output: string;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-build-"));
  const npm = process.env.npm_execpath;
  // The command as a user types it (npm run build -- ...), through the npm running this test when there is one.
  const [command, args] = npm
    ? [process.execPath, [npm, "run", "--silent", "build", "--", "--origin", ORIGIN, "--out", out]]
    : [process.execPath, [path.join(ROOT, "scripts", "build.js"), "--origin", ORIGIN, "--out", out]];
  output = await new Promise<string>((resolve, reject) => {
    const env = { ...process.env };
    delete env.ADDIN_ORIGIN;
    childProcess.execFile(command, args, { cwd: ROOT, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout + stderr),
    );
  });
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** Every file under the build, relative to it. */
function files(dir = out): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .map((f) => path.relative(out, f));
}

const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");

test("functions.json lists every function with matrix results, errors in ranges allowed", () => {
  const metadata = JSON.parse(read("functions.json")) as {
    allowErrorForDataTypeAny?: boolean;
    functions: { id: string; parameters: { name: string; dimensionality?: string }[]; result: object }[];
  };
  expect(metadata.functions.map((f) => f.id)).toEqual(IDS);
  const matrixResults = metadata.functions
    .filter((f) => (f.result as { dimensionality?: string }).dimensionality === "matrix")
    .map((f) => f.id);
  expect(matrixResults).toEqual(IDS);
  for (const f of metadata.functions) expect(f.parameters[0].dimensionality).toBe("matrix");
  // Top-level, as Excel reads it; the generator cannot emit it, the build adds it.
  expect(metadata.allowErrorForDataTypeAny).toBe(true);
});

test("functions.js registers each function, and the shared runtime's page loads it", () => {
  const js = read("functions.js");
  for (const id of IDS) expect(js).toContain(`CustomFunctions.associate("${id}",`);
  expect(read("taskpane.html")).toMatch(/<script[^>]*src="?functions\.js/);
});

test("the build says where it was built for and what to upload", () => {
  expect(output).toContain(`Built the add-in for ${ORIGIN} into ${out}/`);
  expect(output).toContain(`Upload the contents of ${out}/ to ${ORIGIN} and give Excel`);
});

test("no file of the build names localhost", () => {
  const names = files();
  expect(names).toEqual(
    expect.arrayContaining(["taskpane.html", "taskpane.js", "functions.js", "manifest.xml"]),
  );
  const withLocalhost = names.filter((f) => fs.readFileSync(path.join(out, f)).includes("localhost"));
  expect(withLocalhost).toEqual([]);
});

test("every URL of the built manifest is under the given address, and the manifest validates", async () => {
  const manifest = read("manifest.xml");
  const urls = [...manifest.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(8);
  expect(urls.filter((u) => !u.startsWith(ORIGIN))).toEqual([]);
  expect(manifest).toContain(`<SourceLocation DefaultValue="${ORIGIN}taskpane.html"/>`);
  expect(manifest).toContain("<AppDomain>https://example.org</AppDomain>");
  expect(await validator.validateManifestFile(path.join(out, "manifest.xml"))).toEqual({
    errors: [],
    warnings: [],
  });
});

test("the manifest's version is package.json's, so a release makes Excel fetch the functions again", () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  expect(read("manifest.xml")).toContain(`<Version>${version}.0</Version>`);
});

test("the icons, the help page and the support page the manifest names are in the build", () => {
  const manifest = read("manifest.xml");
  const named = [...manifest.matchAll(/DefaultValue="https:\/\/example\.org\/kmeans\/([^"]+)"/g)].map(
    (m) => m[1],
  );
  expect(named).toEqual(
    expect.arrayContaining(["assets/help.html", "assets/support.html", "assets/icon-80.png"]),
  );
  for (const file of new Set(named)) expect(fs.existsSync(path.join(out, file))).toBe(true);
  // The pages' own links (icons, help from support) resolve inside the build too.
  for (const page of ["assets/help.html", "assets/support.html"]) {
    for (const [, link] of read(page).matchAll(/(?:src|href)="([^":#]+)"/g)) {
      expect([page, link, fs.existsSync(path.join(out, "assets", link))]).toEqual([page, link, true]);
    }
  }
});
