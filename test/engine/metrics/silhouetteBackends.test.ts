import fc from "fast-check";
import { createMatrix, createRandomState, silhouetteSamples, silhouetteScore } from "../../../src/engine";
import { wasmSupported } from "../../../src/engine/wasm/backend";
import { datasetsWithK } from "../arbitraries";
import { DATASETS, clusteringInput, loadFixture, maxAbsDiff } from "../fixtures";

/** d = 1..20 covers held and reloaded coordinates; odd cluster sizes exercise the padding rows. */
const dataset = datasetsWithK({ minN: 3, maxN: 150, maxD: 20, maxK: 12 });

describe("exact silhouette: the WebAssembly pair loop and the JavaScript one", () => {
  test("WebAssembly is available here, so the default runs it", () => {
    expect(wasmSupported()).toBe(true);
  });

  test.each(DATASETS)("%s: each backend gives scikit-learn's samples and score", (name) => {
    const f = loadFixture(name);
    const X = clusteringInput(f);
    // JavaScript's n²/2 loop on the 5,000- and 10,000-row sets would take minutes under jest.
    const backends = X.rows <= 1000 ? (["js", "wasm"] as const) : (["wasm"] as const);
    for (const backend of backends) {
      const samples = silhouetteSamples(X, f.metrics.labels, { backend });
      if (f.metrics.silhouette_samples) {
        expect(maxAbsDiff(samples, f.metrics.silhouette_samples)).toBeLessThan(1e-9);
      }
      const score = silhouetteScore(X, f.metrics.labels, { backend });
      expect(Math.abs(score - f.metrics.silhouette_score)).toBeLessThan(1e-9);
    }
  });

  test("agree to rounding on any data and any labels (ties, duplicates, singletons)", () => {
    fc.assert(
      fc.property(dataset, fc.nat(), ({ X, k, seed }, labelSeed) => {
        const m = Math.max(2, Math.min(k, X.rows - 1));
        const rs = createRandomState(labelSeed % 2 ** 32);
        // Spread labels unevenly, with arbitrary (negative, gappy) values, all m of them present.
        const labels = Array.from({ length: X.rows }, (_, i) => (i < m ? i : rs.randint(m)) * 7 - 3);
        void seed;
        const js = silhouetteSamples(X, labels, { backend: "js" });
        const wasm = silhouetteSamples(X, labels, { backend: "wasm" });
        return maxAbsDiff(js, wasm) <= 1e-12;
      }),
      { numRuns: 200 },
    );
  });

  test("a larger set crosses the row and pair blocks the same way", () => {
    const rs = createRandomState(3);
    const n = 2600;
    const d = 5;
    const X = createMatrix(
      n,
      d,
      Float64Array.from({ length: n * d }, () => rs.randomSample() * 10),
    );
    // Cluster sizes 1, odd and even; a singleton scores 0.
    const labels = Array.from({ length: n }, (_, i) => (i === 7 ? 5 : i % 5));
    const js = silhouetteSamples(X, labels, { backend: "js" });
    const wasm = silhouetteSamples(X, labels, { backend: "wasm" });
    expect(maxAbsDiff(js, wasm)).toBeLessThan(1e-12);
    expect(wasm[7]).toBe(0);
    // Back to back, so the second reuses the first one's memory.
    expect(silhouetteSamples(X, labels, { backend: "wasm" })).toEqual(wasm);
  });
});
