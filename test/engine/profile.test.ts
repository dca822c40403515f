import { clusterProfile, fromRows } from "../../src/engine";

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

  test("a label outside 0..k-1 is refused", () => {
    expect(() => clusterProfile(X, [0, 0, 2, 1, 1], 2)).toThrow("label 2 at row 2 is outside 0..1");
  });
});
