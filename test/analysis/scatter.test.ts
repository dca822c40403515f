import {
  EngineError,
  createRandomState,
  fitScaler,
  kmeans,
  pca,
  silhouetteSamples,
  silhouetteScore,
  takeRows,
  type Matrix,
} from "../../src/engine";
import { silhouetteDetail } from "../../src/analysis/silhouette";
import { runJob } from "../../src/worker/handler";
import { DEFAULT_SCATTER_SAMPLE_SIZE, sampleRows, scatterData } from "../../src/analysis/scatter";
import { FOUR_CENTRES, blobs, fitSettings } from "../worker/data";

const X = blobs(600, FOUR_CENTRES, 1.2, 1);
const scaler = fitScaler(X, "standard");
const Xs = scaler.transform(X);
const direct = kmeans(Xs, { k: 4, nInit: 4, maxIter: 300, tol: 1e-4, seed: 7 });

/** Per-cluster means of silhouette samples, summed independently of the code under test. */
function clusterMeans(samples: Float64Array, labels: ArrayLike<number>, k: number): (number | null)[] {
  return Array.from({ length: k }, (_, c) => {
    const mine = Array.from(samples).filter((_, i) => labels[i] === c);
    return mine.length > 0 ? mine.reduce((a, b) => a + b, 0) / mine.length : null;
  });
}

describe("silhouetteDetail", () => {
  test("exact: the score is silhouetteScore's bit for bit, and each cluster's mean of the samples", () => {
    const d = silhouetteDetail(Xs, direct.labels, 4, 10000, 7);
    expect(d.sampled).toBe(false);
    expect(d.score).toBe(silhouetteScore(Xs, direct.labels));
    const means = clusterMeans(silhouetteSamples(Xs, direct.labels), direct.labels, 4);
    d.byCluster.forEach((m, c) => expect(m).toBeCloseTo(means[c]!, 12));
    expect(d.byCluster.every((m) => m !== null && m > 0.3)).toBe(true);
  });

  test("sampled: silhouetteScore's own seeded sample, so the score is unchanged bit for bit", () => {
    for (const [size, seed] of [
      [200, 7],
      [57, 0],
      [599, 123456],
    ]) {
      const d = silhouetteDetail(Xs, direct.labels, 4, size, seed);
      expect(d.sampled).toBe(true);
      expect(d.score).toBe(silhouetteScore(Xs, direct.labels, { sampleSize: size, seed }));
      const idx = createRandomState(seed).permutation(600).subarray(0, size);
      const sub = Array.from(idx, (i) => direct.labels[i]);
      const means = clusterMeans(silhouetteSamples(takeRows(Xs, idx), sub), sub, 4);
      d.byCluster.forEach((m, c) => expect(m).toBeCloseTo(means[c]!, 12));
    }
  });

  test("a cluster with no sampled row is null; so is everything when the silhouette is undefined", () => {
    const idx = createRandomState(3).permutation(600).subarray(0, 50);
    const inSample = new Set(idx);
    const outside = Array.from({ length: 600 }, (_, i) => i).find((i) => !inSample.has(i))!;
    const labels = Int32Array.from(direct.labels);
    labels[outside] = 4;
    const d = silhouetteDetail(Xs, labels, 5, 50, 3);
    expect(d.byCluster[4]).toBeNull();
    expect(d.byCluster.slice(0, 4).every((m) => typeof m === "number")).toBe(true);
    expect(d.score).toBe(silhouetteScore(Xs, labels, { sampleSize: 50, seed: 3 }));

    const one = silhouetteDetail(Xs, new Int32Array(600), 3, 10000, 7);
    expect(one).toEqual({ score: null, byCluster: [null, null, null], sampled: false, samples: null });
  });

  test("a sample size the engine refuses fails with the engine's error", () => {
    expect(() => silhouetteDetail(Xs, direct.labels, 4, 1, 7)).toThrow(EngineError);
    expect(() => silhouetteDetail(Xs, direct.labels, 4, 1.5, 7)).toThrow("sampleSize=1.5");
  });
});

describe("scatterData", () => {
  const centers = scaler.inverseTransform(direct.centers);

  test("PCA by default: every row's scores on the first two components of the scaled data", () => {
    const s = scatterData(X, Xs, direct.labels, centers, direct.centers, { seed: 7 });
    const p = pca(Xs, 2);
    expect(s.axes).toBe("pca");
    expect(s.sampled).toBe(false);
    expect(s.points).toEqual(p.transform(Xs));
    expect(s.centroids).toEqual(p.transform(direct.centers));
    expect(s.explainedVarianceRatio).toEqual([p.explainedVarianceRatio[0], p.explainedVarianceRatio[1]]);
    expect(s.labels).toEqual(direct.labels);
    expect(s.labels).not.toBe(direct.labels);
  });

  test("above the sample size, a seeded sample (the silhouette's draw) in row order", () => {
    const s = scatterData(X, Xs, direct.labels, centers, direct.centers, { seed: 7, scatterSampleSize: 100 });
    const drawn = Array.from(createRandomState(7).permutation(600).subarray(0, 100)).sort((a, b) => a - b);
    expect(Array.from(sampleRows(600, 100, 7))).toEqual(drawn);
    expect(s.sampled).toBe(true);
    expect(s.points).toEqual(pca(Xs, 2).transform(takeRows(Xs, drawn)));
    expect(Array.from(s.labels)).toEqual(drawn.map((i) => direct.labels[i]));
    expect(s.centroids.rows).toBe(4);
    // At exactly the sample size nothing is sampled.
    expect(
      scatterData(X, Xs, direct.labels, centers, direct.centers, { seed: 7, scatterSampleSize: 600 }).sampled,
    ).toBe(false);
    expect(DEFAULT_SCATTER_SAMPLE_SIZE).toBe(20000);
  });

  test("two features: their columns in original units, centroids likewise, no variance shares", () => {
    const s = scatterData(X, Xs, direct.labels, centers, direct.centers, { seed: 7, scatterAxes: [2, 0] });
    expect(s.axes).toEqual([2, 0]);
    expect(s.explainedVarianceRatio).toBeNull();
    for (const r of [0, 17, 599]) {
      expect([s.points.data[2 * r], s.points.data[2 * r + 1]]).toEqual([X.data[r * 3 + 2], X.data[r * 3]]);
    }
    for (let c = 0; c < 4; c++) {
      expect([s.centroids.data[2 * c], s.centroids.data[2 * c + 1]]).toEqual([
        centers.data[c * 3 + 2],
        centers.data[c * 3],
      ]);
    }
  });

  test("one feature: PC1 and a zero second axis with no variance", () => {
    const one: Matrix = { data: X.data.filter((_, i) => i % 3 === 0), rows: 600, cols: 1 };
    const ones = fitScaler(one, "standard").transform(one);
    const c: Matrix = { data: Float64Array.from([-1, 1]), rows: 2, cols: 1 };
    const labels = Int32Array.from(ones.data, (v) => (v < 0 ? 0 : 1));
    const s = scatterData(one, ones, labels, c, c, { seed: 7 });
    expect(s.explainedVarianceRatio).toEqual([1, 0]);
    expect(s.points.cols).toBe(2);
    const p = pca(ones, 1).transform(ones);
    for (const r of [0, 5, 599])
      expect([s.points.data[2 * r], s.points.data[2 * r + 1]]).toEqual([p.data[r], 0]);
  });

  test("bad axes or sample size are refused with BAD_OPTION", () => {
    const run = (extra: object) => () =>
      scatterData(X, Xs, direct.labels, centers, direct.centers, { seed: 7, ...extra });
    expect(run({ scatterAxes: [0, 3] })).toThrow(
      /scatterAxes=\[0,3\] should be "pca" or two column positions/,
    );
    expect(run({ scatterAxes: [0.5, 1] })).toThrow(EngineError);
    expect(run({ scatterSampleSize: 0 })).toThrow("scatterSampleSize=0 should be an integer >= 1");
  });
});

describe("runJob fit: silhouette by cluster and scatter", () => {
  const settings = fitSettings();

  test("the exact silhouette is unchanged, and its per-cluster means come with it", () => {
    const { output } = runJob({ kind: "fit", X, settings }, () => {});
    expect(output.silhouette).toBe(silhouetteScore(Xs, direct.labels));
    expect(output.silhouetteByCluster).toEqual(silhouetteDetail(Xs, direct.labels, 4, 10000, 7).byCluster);
    expect(output.scatter).toEqual(
      scatterData(X, Xs, direct.labels, output.centers, output.centersScaled, settings),
    );
  });

  test("sampled silhouette and scatter, with the fit's seed", () => {
    const s = {
      ...settings,
      silhouetteSampleSize: 150,
      scatterSampleSize: 120,
      scatterAxes: [1, 2] as [number, number],
    };
    const { output, transfer } = runJob({ kind: "fit", X, settings: s }, () => {});
    expect(output.silhouette).toBe(silhouetteScore(Xs, direct.labels, { sampleSize: 150, seed: 7 }));
    expect(output.silhouetteSampled).toBe(true);
    expect(output.silhouetteByCluster).toEqual(silhouetteDetail(Xs, direct.labels, 4, 150, 7).byCluster);
    expect(output.scatter.sampled).toBe(true);
    expect(output.scatter.points.rows).toBe(120);
    expect(output.scatter.axes).toEqual([1, 2]);
    // Found by walking the output: every typed array's buffer, each once, the scatter's among them.
    for (const a of [
      output.labels,
      output.centers.data,
      output.centersScaled.data,
      output.scatter.points.data,
      output.scatter.labels,
      output.scatter.centroids.data,
      output.scaler.offset,
      output.profile[0].mean,
    ]) {
      expect(transfer).toContain(a.buffer);
    }
    expect(new Set(transfer).size).toBe(transfer.length);
  });

  test("with one distinct label the per-cluster silhouettes are null, and the scatter still plots", () => {
    const same = { data: new Float64Array(20).fill(3), rows: 10, cols: 2 };
    const out = runJob({ kind: "fit", X: same, settings: fitSettings({ k: 2 }) }, () => {}).output;
    expect(out.silhouette).toBeNull();
    expect(out.silhouetteByCluster).toEqual([null, null]);
    expect(out.scatter.points.rows).toBe(10);
    expect(out.scatter.explainedVarianceRatio).toEqual([0, 0]);
  });
});
