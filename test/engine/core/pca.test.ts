import { EngineError, fromRows, pca } from "../../../src/engine";
import { DATASETS, clusteringInput, loadFixture } from "../fixtures";

describe("PCA against scikit-learn", () => {
  test.each(DATASETS)("%s: explained variance ratio and components (signs as svd_flip)", (name) => {
    const f = loadFixture(name);
    const p = pca(clusteringInput(f), 2);
    const ref = f.pca;
    for (let c = 0; c < 2; c++) {
      expect(Math.abs(p.explainedVarianceRatio[c] - ref.explained_variance_ratio[c])).toBeLessThan(1e-9);
      expect(Math.abs(p.explainedVariance[c] - ref.explained_variance[c])).toBeLessThan(
        1e-9 * Math.max(1, ref.explained_variance[c]),
      );
    }
    // A component whose variance is numerically zero has no defined direction; compare only real ones.
    const defined = ref.explained_variance_ratio.map((r) => r > 1e-12);
    for (let c = 0; c < 2; c++) {
      if (!defined[c]) continue;
      const got = Array.from(p.components.data.subarray(c * p.components.cols, (c + 1) * p.components.cols));
      got.forEach((v, j) => expect(Math.abs(v - ref.components[c][j])).toBeLessThan(1e-8));
    }
  });

  test("scores are the centred data projected on the components", () => {
    const X = fromRows([
      [1, 2],
      [3, 5],
      [4, 4],
      [0, 1],
    ]);
    const p = pca(X, 2);
    const s = p.transform(X);
    const m = [2, 3];
    const c = p.components.data;
    expect(s.data[0]).toBeCloseTo((1 - m[0]) * c[0] + (2 - m[1]) * c[1], 12);
    // Two components of two-column data keep every bit of the variance.
    expect(p.explainedVarianceRatio[0] + p.explainedVarianceRatio[1]).toBeCloseTo(1, 12);
  });

  test("more components than columns is refused", () => {
    expect(() =>
      pca(
        fromRows([
          [1, 2],
          [3, 4],
          [5, 7],
        ]),
        3,
      ),
    ).toThrow(EngineError);
    expect(() =>
      pca(
        fromRows([
          [1, 2],
          [3, 4],
          [5, 7],
        ]),
        3,
      ),
    ).toThrow("nComponents=3 should be an integer from 1 to");
  });
});
