import fc from "fast-check";
import { createMatrix, dbscan, fromRows, kDistance, suggestEps, type Matrix } from "../../../src/engine";
import { KNEE_POINTS } from "../../../src/engine/dbscan/kDistance";
import { loadJson } from "../fixtures";

type DbscanFixture = { X: number[][]; eps: number; min_samples: number; k_distance: number[] };

const FIXTURES = ["dbscan_moons", "dbscan_blobs_noise", "dbscan_iris", "dbscan_ties"];

/** Each row's distance to its k-th nearest row (itself first), by sorting all squared distances. */
function bruteKDistance(X: Matrix, k: number): number[] {
  const { rows: n, cols: d, data } = X;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const all: number[] = [];
    for (let q = 0; q < n; q++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = data[i * d + j] - data[q * d + j];
        s += t * t;
      }
      all.push(s);
    }
    all.sort((a, b) => a - b);
    out.push(Math.sqrt(all[k - 1]));
  }
  return out.sort((a, b) => a - b);
}

describe("kDistance equals scikit-learn's kneighbors distances", () => {
  test.each(FIXTURES)("%s", (name) => {
    const f = loadJson<DbscanFixture>(`${name}.json`);
    expect(Array.from(kDistance(fromRows(f.X), f.min_samples))).toEqual(f.k_distance);
  });

  test("a row with k-distance <= eps is exactly a DBSCAN core row", () => {
    const f = loadJson<DbscanFixture>("dbscan_blobs_noise.json");
    const X = fromRows(f.X);
    const cores = dbscan(X, { eps: f.eps, minSamples: f.min_samples }).coreSampleIndices.length;
    expect(kDistance(X, f.min_samples).filter((v) => v <= f.eps).length).toBe(cores);
  });

  test("equals brute force on random data with ties and duplicates", () => {
    const data = fc
      .record({ n: fc.integer({ min: 1, max: 80 }), d: fc.integer({ min: 1, max: 5 }), grid: fc.boolean() })
      .chain(({ n, d, grid }) =>
        fc.record({
          X: fc
            .array(grid ? fc.integer({ min: 0, max: 3 }) : fc.double({ min: -10, max: 10, noNaN: true }), {
              minLength: n * d,
              maxLength: n * d,
            })
            .map((v) => createMatrix(n, d, Float64Array.from(v))),
          k: fc.integer({ min: 1, max: n }),
        }),
      );
    fc.assert(
      fc.property(data, ({ X, k }) => {
        expect(JSON.stringify(Array.from(kDistance(X, k)))).toBe(JSON.stringify(bruteKDistance(X, k)));
      }),
      { numRuns: 200 },
    );
  });

  test("minSamples is checked", () => {
    const X = fromRows([[0], [1], [2]]);
    expect(() => kDistance(X, 4)).toThrow(
      expect.objectContaining({ code: "TOO_FEW_SAMPLES", message: "n_samples=3 should be >= minSamples=4" }),
    );
    for (const m of [0, 1.5, NaN]) {
      expect(() => kDistance(X, m)).toThrow(
        expect.objectContaining({
          code: "OUT_OF_RANGE",
          message: `minSamples=${m} should be an integer >= 1`,
        }),
      );
    }
    expect(() => kDistance(fromRows([[Infinity]]), 1)).toThrow(
      expect.objectContaining({ code: "NON_FINITE" }),
    );
  });
});

describe("suggestEps", () => {
  test("on the tutorial's moons it gives an eps at which DBSCAN finds the two moons", () => {
    const f = loadJson<DbscanFixture>("dbscan_moons.json");
    const X = fromRows(f.X);
    const curve = kDistance(X, 5);
    const eps = suggestEps(curve);
    expect(eps).not.toBeNull();
    expect(f.k_distance).toContain(eps);
    // The knee lies where the curve turns steep: above most rows' k-distance, below the largest.
    expect(eps!).toBeGreaterThan(curve[Math.floor(curve.length / 2)]);
    expect(eps!).toBeLessThan(curve[curve.length - 1]);
    const r = dbscan(X, { eps: eps!, minSamples: 5 });
    expect(r.nClusters).toBe(2);
    expect(r.nNoise).toBeLessThan(10);
  });

  test("a flat curve that turns steep: the knee is where it turns", () => {
    const curve = Array.from({ length: 100 }, (_, i) => (i < 80 ? 1 + i / 1000 : 1.08 + (i - 79) ** 2));
    const eps = suggestEps(curve);
    expect(eps).not.toBeNull();
    const at = curve.indexOf(eps!);
    expect(at).toBeGreaterThanOrEqual(75);
    expect(at).toBeLessThanOrEqual(85);
  });

  test("a long curve is read at evenly spaced ranks and the answer is one of its values", () => {
    const n = 10 * KNEE_POINTS + 7;
    const curve = Array.from({ length: n }, (_, i) => Math.exp((8 * i) / n));
    const eps = suggestEps(curve);
    expect(eps).not.toBeNull();
    expect(curve).toContain(eps);
  });

  test("no knee: too short, flat, or a knee at 0", () => {
    expect(suggestEps([])).toBeNull();
    expect(suggestEps([0.1, 0.2])).toBeNull();
    expect(suggestEps([0.5, 0.5, 0.5, 0.5])).toBeNull();
    expect(suggestEps([0, 0, 0, 0, 0, 0, 0, 0, 5, 9])).toBeNull();
  });

  test("the curve must be finite and ascending", () => {
    expect(() => suggestEps([1, 3, 2])).toThrow(expect.objectContaining({ code: "BAD_OPTION" }));
    expect(() => suggestEps([1, NaN, 2])).toThrow(expect.objectContaining({ code: "NON_FINITE" }));
  });
});
