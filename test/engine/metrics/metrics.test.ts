import {
  EngineError,
  calinskiHarabasz,
  daviesBouldin,
  fromRows,
  silhouetteSamples,
  silhouetteScore,
} from "../../../src/engine";
import { DATASETS, clusteringInput, loadFixture, maxAbsDiff, relError } from "../fixtures";

describe("cluster-validity indices against scikit-learn", () => {
  test.each(DATASETS)("%s: silhouette samples and score", (name) => {
    const f = loadFixture(name);
    const X = clusteringInput(f);
    const { labels } = f.metrics;
    const samples = silhouetteSamples(X, labels);
    if (f.metrics.silhouette_samples) {
      expect(maxAbsDiff(samples, f.metrics.silhouette_samples)).toBeLessThan(1e-9);
    }
    expect(Math.abs(silhouetteScore(X, labels) - f.metrics.silhouette_score)).toBeLessThan(1e-9);
  });

  test.each(DATASETS)("%s: sampled silhouette draws scikit-learn's sample", (name) => {
    const f = loadFixture(name);
    const { sample_size, random_state, score } = f.metrics.silhouette_sampled;
    const got = silhouetteScore(clusteringInput(f), f.metrics.labels, {
      sampleSize: sample_size,
      seed: random_state,
    });
    expect(Math.abs(got - score)).toBeLessThan(1e-9);
  });

  test.each(DATASETS)("%s: Calinski-Harabasz and Davies-Bouldin", (name) => {
    const f = loadFixture(name);
    const X = clusteringInput(f);
    expect(relError(calinskiHarabasz(X, f.metrics.labels), f.metrics.calinski_harabasz)).toBeLessThan(1e-9);
    expect(relError(daviesBouldin(X, f.metrics.labels), f.metrics.davies_bouldin)).toBeLessThan(1e-9);
  });
});

describe("silhouette edge cases", () => {
  const X = fromRows([[0], [0.1], [5], [5.2], [9]]);

  test("a row alone in its cluster scores 0", () => {
    const s = silhouetteSamples(X, [0, 0, 1, 1, 2]);
    expect(s[4]).toBe(0);
    expect(s[0]).toBeGreaterThan(0.9);
  });

  test("labels may be any integers; only their grouping matters", () => {
    const a = silhouetteSamples(X, [0, 0, 1, 1, 1]);
    const b = silhouetteSamples(X, [7, 7, -3, -3, -3]);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  test.each([
    [[0, 0, 0, 0, 0], "Number of labels is 1. Valid values are 2 to n_samples - 1 (inclusive)"],
    [[0, 1, 2, 3, 4], "Number of labels is 5. Valid values are 2 to n_samples - 1 (inclusive)"],
    [[0, 1], "labels has 2 entries but X has 5 rows"],
  ])("labels %j are refused", (labels, message) => {
    expect(() => silhouetteScore(X, labels)).toThrow(EngineError);
    expect(() => silhouetteScore(X, labels)).toThrow(message);
    expect(() => calinskiHarabasz(X, labels)).toThrow(message);
    expect(() => daviesBouldin(X, labels)).toThrow(message);
  });

  test("a sample size outside 2..n is refused", () => {
    expect(() => silhouetteScore(X, [0, 0, 1, 1, 1], { sampleSize: 9 })).toThrow(
      "sampleSize=9 should be an integer from 2 to n_samples=5",
    );
  });
});
