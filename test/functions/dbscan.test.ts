/** KMEANS.DBSCAN: labels as the engine's DBSCAN gives them, 1-based with noise as 0, and its argument rules. */
import * as fs from "fs";
import * as path from "path";
import { dbscan as engineDbscan, fitScaler, fromRows } from "../../src/engine";
import * as functions from "../../src/functions/functions";
import { loadFixture } from "../engine/fixtures";
import { excel, excelErrorOf, irisRows, useCountingRunner } from "./helpers";

const runner = useCountingRunner();
const moons = loadFixture("moons").X;

test("the tutorial's moons, unscaled, eps 0.3, min_samples 5: the engine's labels + 1", async () => {
  const out = (await excel(functions.dbscan, moons, 0.3, 5, "none")) as number[][];
  const direct = engineDbscan(fromRows(moons), { eps: 0.3, minSamples: 5 });
  expect(out).toEqual(Array.from(direct.labels, (l) => [l + 1]));
  expect(new Set(out.map((r) => r[0])).size).toBeGreaterThanOrEqual(2);
});

test("iris, standard scaling, eps 0.6, min_samples 4: scikit-learn's DBSCAN labels_ + 1", async () => {
  const sklearn = JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "fixtures", "dbscan_iris.json"), "utf8"),
  ) as { labels_: number[] };
  const out = (await excel(functions.dbscan, irisRows(), 0.6, 4, "standard")) as number[][];
  expect(out).toEqual(sklearn.labels_.map((l) => [l + 1]));
});

test("defaults: min_samples 5 and standard scaling, as the pane's; noise is 0", async () => {
  const out = (await excel(functions.dbscan, irisRows(), 0.5, null, null)) as number[][];
  const X = fromRows(irisRows());
  const direct = engineDbscan(fitScaler(X, "standard").transform(X), { eps: 0.5, minSamples: 5 });
  expect(out).toEqual(Array.from(direct.labels, (l) => [l + 1]));
  expect(direct.nNoise).toBeGreaterThan(0);
  expect(out.some((r) => r[0] === 0)).toBe(true);
  expect(runner.current.jobs[0]).toMatchObject({
    kind: "fit",
    settings: { clusterer: "dbscan", eps: 0.5, minSamples: 5, scaling: "standard" },
  });
});

test("a blank or text row gets an empty cell in place, as KMEANS.LABELS", async () => {
  const rows: unknown[][] = moons.map((r) => [...r]);
  rows.splice(7, 0, ["", ""]);
  rows.splice(20, 0, ["x", 1]);
  const out = (await excel(functions.dbscan, rows, 0.3, 5, "none")) as unknown[][];
  expect(out[7]).toEqual([""]);
  expect(out[20]).toEqual([""]);
  expect(out.filter((_, i) => i !== 7 && i !== 20)).toEqual(
    (await excel(functions.dbscan, moons, 0.3, 5, "none")) as unknown[][],
  );
});

test.each([
  [0, 5, "eps must be a number above 0, not 0."],
  [-1, 5, "eps must be a number above 0, not -1."],
  ["wide", 5, 'eps must be a number, not the text "wide".'],
  [0.3, 0, "min_samples must be a whole number from 1 to 1000, not 0."],
  [0.3, 2.5, "min_samples must be a whole number, not 2.5."],
])("eps %p, min_samples %p: #VALUE! saying what is wrong", async (eps, minSamples, message) => {
  const before = runner.current.jobs.length;
  expect(await excelErrorOf(excel(functions.dbscan, moons, eps, minSamples, "none"))).toEqual({
    code: "#VALUE!",
    message,
  });
  expect(runner.current.jobs.length).toBe(before);
});
