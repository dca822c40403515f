import * as fs from "fs";
import * as path from "path";
import { fitScaler, fromRows, isEngineError } from "../../src/engine";
import { fitKMeans, scoreKMeans } from "../../src/analysis/kmeans";
import { runSweep } from "../../src/analysis/sweep";
import type { KMeansReport } from "../../src/model";
import { FOUR_CENTRES, blobs, fitSettings, sweepSettings } from "../worker/data";
import { loadFixture, loadMeaning, relError, relErrorOrSame } from "../engine/fixtures";

const iris = fromRows(
  (
    JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "iris.json"), "utf8")) as {
      X: number[][];
    }
  ).X,
);

const noProgress = () => {};

test("iris, standard scaling: each cluster's sum of squares is its share of the inertia, and they add up to it", () => {
  const fit = fitKMeans(iris, fitSettings({ k: 3, nInit: 10, seed: 42 }), noProgress);
  const total = fit.profile.reduce((sum, c) => sum + c.withinSS, 0);
  expect(Math.abs(total - fit.inertia) / fit.inertia).toBeLessThan(1e-9);
  // Computed here from the scaled rows and the scaled centres.
  const Xs = fitScaler(iris, "standard").transform(iris);
  const d = Xs.cols;
  const expected = [0, 0, 0];
  for (let i = 0; i < Xs.rows; i++) {
    const c = fit.labels[i];
    for (let j = 0; j < d; j++) expected[c] += (Xs.data[i * d + j] - fit.centersScaled.data[c * d + j]) ** 2;
  }
  fit.profile.forEach((c, i) => expect(c.withinSS).toBeCloseTo(expected[i], 10));
});

/** Every number a fit output carries to the pane and the sheet. */
function numbersOf(fit: KMeansReport): number[] {
  return [
    fit.inertia,
    fit.silhouette ?? 0,
    fit.calinskiHarabasz ?? 0,
    fit.daviesBouldin ?? 0,
    ...fit.centers.data,
    ...fit.centersScaled.data,
    ...fit.scaler.offset,
    ...fit.scaler.scale,
    ...fit.profile.flatMap((c) => [c.withinSS, ...c.mean, ...c.std, ...c.min, ...c.max]),
    ...fit.scatter.points.data,
    ...fit.scatter.centroids.data,
  ];
}

describe.each([
  ["huge", 1e200],
  ["tiny", 1e-200],
])("%s values", (_name, unit) => {
  const base = blobs(200, FOUR_CENTRES, 1.2, 1);
  const X = { ...base, data: base.data.map((v) => v * unit) };

  test.each(["standard", "minmax"] as const)(
    "%s scaling clusters them as it clusters the ordinary data",
    (scaling) => {
      const settings = fitSettings({ scaling });
      const fit = fitKMeans(X, settings, noProgress);
      const ordinary = fitKMeans(base, settings, noProgress);
      expect(numbersOf(fit).every(Number.isFinite)).toBe(true);
      expect(Array.from(fit.labels)).toEqual(Array.from(ordinary.labels));
      expect(fit.inertia).toBeCloseTo(ordinary.inertia, 9);
      fit.centers.data.forEach((v, i) => expect(v / unit).toBeCloseTo(ordinary.centers.data[i], 9));
    },
  );

  test("no scaling is refused in the user's terms, with no engine positions", () => {
    for (const run of [
      () => fitKMeans(X, fitSettings({ scaling: "none" }), noProgress),
      () => runSweep(X, sweepSettings({ scaling: "none" }), noProgress),
      // A pool's last step, after runs jobs that do not check.
      () => {
        const ordinary = fitKMeans(base, fitSettings(), noProgress);
        const clustering = { ...ordinary, centersScaled: ordinary.centersScaled };
        return scoreKMeans(X, fitSettings({ scaling: "none" }), clustering, noProgress);
      },
    ]) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(isEngineError(error) && error.code).toBe("OUT_OF_RANGE");
      const message = (error as Error).message;
      expect(message).toMatch(/^With no scaling, the data.* Choose standard or min-max scaling\.$/);
      expect(message).not.toMatch(/row \d|column \d/);
    }
  });
});

describe.each([
  ["iris", 3],
  ["customers", 4],
])('%s, numbering "size": scikit-learn\'s labels permuted so the largest cluster comes first', (name, k) => {
  const fixture = loadFixture(name);
  const c = loadMeaning().cases.find((m) => m.name === name)!;
  const X = fromRows(fixture.X);
  const sklearn = fixture.kmeanspp[0];
  const bySklearn = fitSettings({
    k,
    nInit: sklearn.n_init,
    seed: sklearn.random_state,
    scaling: "standard",
  });
  const bySize = { ...bySklearn, numbering: "size" as const };
  const fit = fitKMeans(X, bySize, noProgress);
  // old (scikit-learn's) number → new: by size, largest first, equal sizes in scikit-learn's order.
  const order = c.sizes.map((_, i) => i).sort((a, b) => c.sizes[b] - c.sizes[a] || a - b);
  const map = new Array<number>(k);
  order.forEach((old, rank) => (map[old] = rank));

  test("labels and centres", () => {
    expect(Array.from(fit.labels)).toEqual(sklearn.labels.map((l) => map[l]));
    const sizes = new Array(k).fill(0);
    for (const l of fit.labels) sizes[l]++;
    expect(sizes).toEqual([...c.sizes].sort((a, b) => b - a));
    sklearn.centers.forEach((row, old) =>
      row.forEach((v, j) =>
        expect(Math.abs(fit.centersScaled.data[map[old] * row.length + j] - v)).toBeLessThan(1e-9),
      ),
    );
  });

  test("the meaning agrees with the renumbered labels: ANOVA unchanged, z-score rows permuted", () => {
    const { anova, zScores } = fit.meaning;
    c.f_classif.f.forEach((f, j) => expect(relErrorOrSame(anova!.f[j], f)).toBeLessThan(1e-9));
    c.f_classif.p.forEach((p, j) => expect(relErrorOrSame(anova!.p[j], p)).toBeLessThan(1e-9));
    c.z_scores.forEach((row, old) =>
      row.forEach((z, j) => expect(Math.abs(zScores.data[map[old] * row.length + j] - z)).toBeLessThan(1e-9)),
    );
  });

  test("the diagnostics agree: same distances, runner-ups and fences renumbered, same outlier rows", () => {
    const d = fit.diagnostics;
    c.diagnostics.rows.forEach((row, i) => {
      expect(relError(d.distance[row], c.diagnostics.distance[i])).toBeLessThan(1e-9);
      expect(d.runnerUp[row]).toBe(map[c.diagnostics.runner_up[i]]);
    });
    c.diagnostics.fence.forEach((f, old) => expect(relError(d.fence[map[old]], f)).toBeLessThan(1e-9));
    const flagged = [];
    for (let i = 0; i < X.rows; i++) if (d.outlier[i]) flagged.push(i);
    expect(flagged).toEqual(c.diagnostics.outliers);
  });

  test("the profile follows: cluster 1's size is the largest", () => {
    expect(fit.profile.map((p) => p.size)).toEqual([...c.sizes].sort((a, b) => b - a));
  });

  test("the pool's path (a winner in scikit-learn's numbers, scored by scoreKMeans) gives the same report", () => {
    const ordinary = fitKMeans(X, bySklearn, noProgress);
    expect(Array.from(ordinary.labels)).toEqual(sklearn.labels);
    const pooled = scoreKMeans(X, bySize, ordinary, noProgress);
    expect(pooled).toEqual(fit);
  });
});
