/**
 * functions.json is generated at build time from functions.ts's JSDoc by custom-functions-metadata-plugin.
 * The plugin calls this same generator, so its output here is what the build ships (the build itself
 * takes a minute; `npm run build` then dist/functions.json shows the same).
 */
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as functions from "../../src/functions/functions";
import { FUNCTION_IDS } from "./ids";

type Parameter = {
  name: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
  description?: string;
};
type Metadata = {
  functions: {
    id: string;
    name: string;
    description: string;
    parameters: Parameter[];
    result: { type?: string; dimensionality?: string };
    options?: { cancelable?: boolean; requiresParameterAddresses?: boolean };
  }[];
};

const SOURCE = path.join(__dirname, "..", "..", "src", "functions", "functions.ts");

let metadata: Metadata;
let associate: { functionName: string; id: string }[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(result.metadataJson) as Metadata;
  associate = result.associate;
});

const fn = (id: string) => metadata.functions.find((f) => f.id === id)!;

test("every function is listed, under the KMEANS namespace's names", () => {
  expect(metadata.functions.map((f) => f.id)).toEqual(FUNCTION_IDS);
  for (const f of metadata.functions) expect(f.name).toBe(f.id);
});

test("arguments in the pane's order, required first, optional after", () => {
  const shape = (id: string) => fn(id).parameters.map((p) => [p.name, p.type, p.optional ?? false]);
  const fitArgs = [
    ["data", "any", false],
    ["k", "number", false],
    ["scaling", "string", true],
    ["seed", "number", true],
    ["n_init", "number", true],
  ];
  // numbering last where cluster numbers show; INERTIA, SILHOUETTE and DISTANCE do not change with it.
  const numbering = ["numbering", "string", true];
  expect(shape("LABELS")).toEqual([...fitArgs, numbering]);
  expect(shape("INERTIA")).toEqual(fitArgs);
  expect(shape("SILHOUETTE")).toEqual(fitArgs);
  expect(shape("DISTANCE")).toEqual(fitArgs);
  expect(shape("CENTROIDS")).toEqual([...fitArgs, ["with_size", "boolean", true], numbering]);
  expect(shape("PROFILE")).toEqual([...fitArgs, ["names", "any", true], numbering]);
  expect(shape("DESCRIBE")).toEqual([...fitArgs, ["names", "any", true], numbering]);
  expect(shape("ELBOW")).toEqual([
    ["data", "any", false],
    ["k_min", "number", true],
    ["k_max", "number", true],
    ["scaling", "string", true],
    ["seed", "number", true],
    ["n_init", "number", true],
  ]);
  expect(shape("PREDICT")).toEqual([
    ["new_data", "any", false],
    ["centroids", "any", false],
    ["scaling_reference", "any", true],
    ["scaling", "string", true],
  ]);
  expect(shape("DBSCAN")).toEqual([
    ["data", "any", false],
    ["eps", "number", false],
    ["min_samples", "number", true],
    ["scaling", "string", true],
    ["numbering", "string", true],
  ]);
});

test("ranges come in as matrices; every result is a matrix (one cell for INERTIA and SILHOUETTE)", () => {
  const matrixParams = metadata.functions.flatMap((f) =>
    f.parameters.filter((p) => p.dimensionality === "matrix").map((p) => `${f.id}.${p.name}`),
  );
  expect(matrixParams).toEqual([
    "LABELS.data",
    "CENTROIDS.data",
    "INERTIA.data",
    "SILHOUETTE.data",
    "PROFILE.data",
    "PROFILE.names",
    "DESCRIBE.data",
    "DESCRIBE.names",
    "DISTANCE.data",
    "ELBOW.data",
    "PREDICT.new_data",
    "PREDICT.centroids",
    "PREDICT.scaling_reference",
    "DBSCAN.data",
  ]);
  // INERTIA and SILHOUETTE too: parameter addresses are given only to functions with matrix results
  // ("Manually create JSON metadata for custom functions", Microsoft Learn). They return one cell.
  for (const id of metadata.functions.map((f) => f.id)) {
    expect(fn(id).result.dimensionality).toBe("matrix");
  }
});

test("the fitting functions can be cancelled by Excel; PREDICT, which computes at once, needs not", () => {
  const fitting = ["LABELS", "CENTROIDS", "INERTIA", "SILHOUETTE", "PROFILE", "DESCRIBE", "DISTANCE"];
  for (const id of [...fitting, "ELBOW", "DBSCAN"]) {
    expect(fn(id).options).toEqual({ cancelable: true, requiresParameterAddresses: true });
  }
  expect(fn("PREDICT").options).toEqual({ requiresParameterAddresses: true });
});

test("names is a one-row range of header cells and numbering one of two words, as the descriptions say", () => {
  for (const id of ["PROFILE", "DESCRIBE"]) {
    const names = fn(id).parameters.find((p) => p.name === "names")!;
    expect(names.dimensionality).toBe("matrix");
    expect(names.description).toMatch(/One row of header text/);
  }
  for (const id of ["LABELS", "CENTROIDS", "PROFILE", "DESCRIBE", "DBSCAN"]) {
    const numbering = fn(id).parameters.at(-1)!;
    expect(numbering.name).toBe("numbering");
    expect(numbering.description).toMatch(/"sklearn" \(default.*"size" \(cluster 1 the largest\)/);
  }
});

test("every argument has a description within Excel's 128 characters", () => {
  for (const f of metadata.functions) {
    expect(f.description.length).toBeGreaterThan(0);
    for (const p of f.parameters) {
      expect(p.description?.length).toBeGreaterThan(0);
      expect(p.description!.length).toBeLessThanOrEqual(128);
    }
  }
});

test("the associate calls the plugin appends name functions that functions.ts defines", () => {
  expect(associate.map((a) => a.id)).toEqual(metadata.functions.map((f) => f.id));
  for (const a of associate) {
    expect(typeof (functions as Record<string, unknown>)[a.functionName]).toBe("function");
  }
});
