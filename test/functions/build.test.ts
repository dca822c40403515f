/**
 * Builds the add-in as `npm run build` does (same webpack configuration, production mode) into a
 * temporary folder, and checks that the custom functions are in it: functions.json generated from the
 * JSDoc, the associate calls appended to functions.js, and functions.js loaded by the shared runtime's page.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";

// A production build of the whole add-in takes 10-40 s, depending on the machine and what else runs.
jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "..", "..");
const IDS = ["LABELS", "CENTROIDS", "INERTIA", "SILHOUETTE", "ELBOW", "PREDICT"];

let out: string;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "kmeans-build-"));
  const { createConfig } = require(path.join(ROOT, "webpack.config.js"));
  const config = createConfig({ mode: "production" });
  config.output.path = out;
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

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
