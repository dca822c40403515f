import {
  calinskiHarabasz,
  dbscan,
  fitScaler,
  fromRows,
  kDistance,
  silhouetteScore,
  suggestEps,
  takeRows,
} from "../../src/engine";
import { fitDbscan } from "../../src/analysis/dbscan";
import { dbscanRun } from "../../src/model";
import { runJob } from "../../src/worker/handler";
import { loadFixture, loadJson, loadMeaning, relError, relErrorOrSame } from "../engine/fixtures";

const moons = fromRows(loadFixture("moons").X);
const noProgress = () => {};

/** The tutorial's DBSCAN: eps 0.3, min_samples 5, on the unscaled moons. */
const tutorial = dbscanRun({ eps: 0.3, minSamples: 5, scaling: "none", seed: 42 });

test("the tutorial's moons: DBSCAN's labels and core rows as the engine gives them, in a DBSCAN report", () => {
  const report = fitDbscan(moons, tutorial, noProgress);
  const direct = dbscan(moons, { eps: 0.3, minSamples: 5 });
  expect(report.clusterer).toBe("dbscan");
  expect(report.labels).toEqual(direct.labels);
  expect(report.coreSampleIndices).toEqual(direct.coreSampleIndices);
  expect(report.clusterCount).toBe(direct.nClusters);
  expect(report.noiseCount).toBe(direct.nNoise);
  expect(report.profile.map((p) => p.size).reduce((a, b) => a + b, 0)).toBe(300 - report.noiseCount);
});

test("noise rows are left out of the scores and plotted as their own label", () => {
  // A small eps leaves noise on the moons, so there is something to leave out.
  const settings = { ...tutorial, eps: 0.12 };
  const report = fitDbscan(moons, settings, noProgress);
  expect(report.noiseCount).toBeGreaterThan(0);
  expect(report.clusterCount).toBeGreaterThan(1);
  const kept = Int32Array.from(Array.from(report.labels).flatMap((l, i) => (l >= 0 ? [i] : [])));
  const rows = takeRows(moons, kept);
  const labels = Int32Array.from(kept, (i) => report.labels[i]);
  expect(report.silhouette).toBe(silhouetteScore(rows, labels));
  expect(report.calinskiHarabasz).toBe(calinskiHarabasz(rows, labels));
  expect(Array.from(report.scatter.labels)).toContain(-1);
  // Each cluster's mean is its rows' mean, noise left out.
  const c0 = Array.from(kept).filter((i) => report.labels[i] === 0);
  const mean0 = c0.reduce((s, i) => s + moons.data[i * 2], 0) / c0.length;
  expect(report.means.data[0]).toBeCloseTo(mean0, 12);
});

test("the k-distance curve and its suggested eps come with the report, in the scaled space", () => {
  const settings = dbscanRun({ eps: 0.3, minSamples: 5, scaling: "standard", seed: 42 });
  const report = fitDbscan(moons, settings, noProgress);
  const Xs = fitScaler(moons, "standard").transform(moons);
  const curve = kDistance(Xs, 5);
  expect(report.kDistance.distances).toEqual(curve);
  expect(report.kDistance.suggestedEps).toBe(suggestEps(curve));
});

test("every row noise: a warning that says what to change", () => {
  const report = fitDbscan(moons, { ...tutorial, eps: 1e-6 }, noProgress);
  expect(report.clusterCount).toBe(0);
  expect(report.noiseCount).toBe(300);
  expect(report.silhouette).toBeNull();
  expect(report.warnings.join(" ")).toContain("Every row is noise");
});

test("the worker runs DBSCAN from the settings' clusterer, and refuses a bad eps in the model's words", () => {
  const { output } = runJob({ kind: "fit", X: moons, settings: tutorial }, noProgress);
  expect(output.clusterer).toBe("dbscan");
  expect(() => runJob({ kind: "fit", X: moons, settings: { ...tutorial, eps: 0 } }, noProgress)).toThrow(
    "eps must be a number above 0.",
  );
  expect(() =>
    runJob({ kind: "fit", X: moons, settings: { ...tutorial, minSamples: 2.5 } }, noProgress),
  ).toThrow("min_samples must be a whole number from 1 to 1000.");
});

test("fewer rows than min samples: every row noise and no k-distance curve, as scikit-learn would label it", () => {
  const few = fromRows([
    [0, 0],
    [0.1, 0],
    [5, 5],
  ]);
  const report = fitDbscan(few, { ...tutorial, minSamples: 5 }, noProgress);
  expect(Array.from(report.labels)).toEqual([-1, -1, -1]);
  expect(report.kDistance).toEqual({ distances: new Float64Array(0), suggestedEps: null });
});

describe('numbering "size" on four blobs with noise: scikit-learn\'s labels permuted, largest cluster first, noise kept -1', () => {
  const fixture = loadJson<{ X: number[][]; eps: number; min_samples: number; labels_: number[] }>(
    "dbscan_blobs_noise.json",
  );
  const c = loadMeaning().cases.find((m) => m.name === "dbscan_blobs_noise")!;
  const X = fromRows(fixture.X);
  const settings = dbscanRun({
    eps: fixture.eps,
    minSamples: fixture.min_samples,
    scaling: "none",
    seed: 42,
    numbering: "size",
  });
  const report = fitDbscan(X, settings, noProgress);
  const order = c.sizes.map((_, i) => i).sort((a, b) => c.sizes[b] - c.sizes[a] || a - b);
  const map = new Array<number>(c.k);
  order.forEach((old, rank) => (map[old] = rank));

  test("labels, and the means that stand for centres", () => {
    expect(map).not.toEqual([0, 1, 2, 3]);
    expect(Array.from(report.labels)).toEqual(fixture.labels_.map((l) => (l < 0 ? l : map[l])));
    c.centers.forEach((row, old) =>
      row.forEach((v, j) =>
        expect(Math.abs(report.means.data[map[old] * row.length + j] - v)).toBeLessThan(1e-12),
      ),
    );
  });

  test("the meaning and diagnostics agree with the renumbered labels", () => {
    const { anova, zScores } = report.meaning;
    c.f_oneway.f.forEach((f, j) => expect(relErrorOrSame(anova!.f[j], f)).toBeLessThan(1e-9));
    c.f_oneway.p.forEach((p, j) => expect(relErrorOrSame(anova!.p[j], p)).toBeLessThan(1e-9));
    c.z_scores.forEach((row, old) =>
      row.forEach((z, j) => expect(Math.abs(zScores.data[map[old] * row.length + j] - z)).toBeLessThan(1e-9)),
    );
    const d = report.diagnostics;
    c.diagnostics.rows.forEach((row, i) => {
      expect(relError(d.distance[row], c.diagnostics.distance[i])).toBeLessThan(1e-9);
      expect(d.runnerUp[row]).toBe(map[c.diagnostics.runner_up[i]]);
    });
    c.diagnostics.fence.forEach((f, old) => expect(relError(d.fence[map[old]], f)).toBeLessThan(1e-9));
    const flagged = [];
    for (let i = 0; i < X.rows; i++) if (d.outlier[i]) flagged.push(i);
    expect(flagged).toEqual(c.diagnostics.outliers);
    fixture.labels_.forEach((l, i) => {
      if (l === -1) expect([d.distance[i], d.runnerUp[i], d.outlier[i]]).toEqual([NaN, -1, 0]);
    });
  });

  test("scikit-learn's numbering is the default, and leaves the labels as DBSCAN gives them", () => {
    const plain = fitDbscan(X, { ...settings, numbering: undefined }, noProgress);
    expect(Array.from(plain.labels)).toEqual(fixture.labels_);
  });
});
