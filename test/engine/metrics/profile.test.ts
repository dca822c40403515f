import { clusterProfile, fromRows } from "../../../src/engine";

describe("clusterProfile", () => {
  const X = fromRows([
    [1, 10],
    [3, 14],
    [100, 0],
    [50, 50],
    [102, 2],
  ]);

  test("size, share, mean, spread and within-cluster sum of squares per cluster, skipping left-out rows", () => {
    const p = clusterProfile(X, [0, 0, 1, -1, 1], 2);
    expect(p.map((c) => c.size)).toEqual([2, 2]);
    expect(p.map((c) => c.share)).toEqual([0.5, 0.5]);
    expect(Array.from(p[0].mean)).toEqual([2, 12]);
    expect(Array.from(p[1].mean)).toEqual([101, 1]);
    expect(Array.from(p[0].std)).toEqual([1, 2]);
    expect(Array.from(p[0].min)).toEqual([1, 10]);
    expect(Array.from(p[1].max)).toEqual([102, 2]);
    expect(p[0].withinSS).toBe(1 + 1 + 4 + 4);
    expect(p[1].withinSS).toBe(1 + 1 + 1 + 1);
  });

  test("in a clustering's space, each cluster's sum of squares is its rows' squared distances to its centre", () => {
    const Xs = fromRows([
      [0, 1],
      [2, 1],
      [10, 10],
      [99, 99],
      [12, 14],
    ]);
    const centers = fromRows([
      [1, 0],
      [11, 12],
    ]);
    const p = clusterProfile(X, [0, 0, 1, -1, 1], 2, { X: Xs, centers });
    expect(p.map((c) => c.withinSS)).toEqual([1 + 1 + 1 + 1, 1 + 4 + 1 + 4]);
    // Means and spreads stay in X's units.
    expect(Array.from(p[0].mean)).toEqual([2, 12]);
  });

  test("columns of huge and of tiny values: means and spreads as exact arithmetic gives them, never NaN", () => {
    const base = [
      [1, 10],
      [3, 14],
      [100, 0],
      [102, 2],
    ];
    const labels = [0, 0, 1, 1];
    const ordinary = clusterProfile(fromRows(base), labels, 2);
    for (const unit of [1e-200, 1e200, 2 ** 1000]) {
      const p = clusterProfile(fromRows(base.map((r) => r.map((v) => v * unit))), labels, 2);
      p.forEach((c, i) => {
        c.mean.forEach((m, j) => expect(m / unit).toBeCloseTo(ordinary[i].mean[j], 12));
        c.std.forEach((v, j) => expect(v / unit).toBeCloseTo(ordinary[i].std[j], 12));
      });
    }
  });

  test("a label outside 0..k-1 is refused", () => {
    expect(() => clusterProfile(X, [0, 0, 2, 1, 1], 2)).toThrow("label 2 at row 2 is outside 0..1");
  });
});
