import { EngineError, kmeans, silhouetteScore, sweepK } from "../../../src/engine";
import { clusteringInput, loadFixture } from "../fixtures";

describe("sweepK", () => {
  const X = clusteringInput(loadFixture("iris"));
  const rows = sweepK(X, { kMin: 1, kMax: 6, seed: 42 });

  test("one row per k, each equal to a plain fit with that k", () => {
    expect(rows.map((r) => r.k)).toEqual([1, 2, 3, 4, 5, 6]);
    const fit = kmeans(X, { k: 4, seed: 42 });
    expect(rows[3].inertia).toBe(fit.inertia);
    expect(rows[3].silhouette).toBe(silhouetteScore(X, fit.labels));
  });

  test("inertia falls as k grows, and k = 1 has no silhouette", () => {
    for (let i = 1; i < rows.length; i++) expect(rows[i].inertia).toBeLessThan(rows[i - 1].inertia);
    expect(rows[0].silhouette).toBeNull();
    expect(rows[0].calinskiHarabasz).toBeNull();
    expect(rows.slice(1).every((r) => typeof r.silhouette === "number")).toBe(true);
  });

  test("a silhouette sample size below n samples the silhouette and says so", () => {
    const sampled = sweepK(X, { kMin: 3, kMax: 3, seed: 42, silhouetteSampleSize: 60 });
    const fit = kmeans(X, { k: 3, seed: 42 });
    expect(sampled[0].silhouetteSampled).toBe(true);
    expect(sampled[0].silhouette).toBe(silhouetteScore(X, fit.labels, { sampleSize: 60, seed: 42 }));
  });

  test("progress is reported per k", () => {
    const seen: number[] = [];
    sweepK(X, { kMin: 2, kMax: 4, nInit: 1, onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen).toEqual([1 / 3, 2 / 3, 1]);
  });

  test("a k range beyond the rows is refused", () => {
    expect(() => sweepK(X, { kMin: 2, kMax: 151 })).toThrow(EngineError);
    expect(() => sweepK(X, { kMin: 2, kMax: 151 })).toThrow("n_samples=150 should be >= kMax=151");
    expect(() => sweepK(X, { kMin: 5, kMax: 2 })).toThrow(
      "kMin=5 and kMax=2 should be integers with 1 <= kMin <= kMax",
    );
  });
});
