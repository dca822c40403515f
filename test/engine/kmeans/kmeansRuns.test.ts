import {
  EngineError,
  createMatrix,
  createRandomState,
  kmeans,
  kmeansRuns,
  pickBest,
  type KMeansAlgorithm,
  type KMeansOptions,
  type Matrix,
} from "../../../src/engine";

/** Overlapping Gaussian blobs, so the runs end in different local minima and run 0 does not always win. */
function blobs(n: number, d: number, centres: number, spread: number, seed: number): Matrix {
  const rs = createRandomState(seed);
  const c = Float64Array.from({ length: centres * d }, () => rs.randomSample() * 10);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const b = rs.randint(centres);
    for (let j = 0; j < d; j++) {
      // A sum of uniforms: close enough to a normal for overlapping clusters.
      const z = rs.randomSample() + rs.randomSample() + rs.randomSample() - 1.5;
      data[i * d + j] = c[b * d + j] + spread * z;
    }
  }
  return createMatrix(n, d, data);
}

const X = blobs(400, 3, 4, 6, 3);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
}

describe("kmeansRuns: each run of a fit on its own", () => {
  const cases: [number, number, KMeansAlgorithm][] = [
    [5, 42, "hamerly"],
    [6, 1, "lloyd"],
    [3, 9, "hamerly"],
    [12, 4, "hamerly"],
  ];

  test.each(cases)("k=%i seed=%i %s: every run is the full fit's record of it", (k, seed, algorithm) => {
    const opts: KMeansOptions = { k, seed, algorithm, nInit: 6, maxIter: 300, tol: 1e-4 };
    const full = kmeans(X, opts);
    const all = kmeansRuns(X, opts);
    expect(all.map((r) => r.run)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(all.map((r) => r.summary)).toStrictEqual(full.runs);
    // The full fit's winner, picked over every run's outcome by the engine's own rule.
    const best = pickBest(
      all.map((r) => ({ labels: r.labels, inertia: r.summary.inertia })),
      k,
    );
    expect(best).toBe(full.bestRun);
    expect(all[best].labels).toEqual(full.labels);
    expect(all[best].centers).toEqual(full.centers);
    expect(all[best].warnings).toEqual(full.warnings);
    // Any chunk of runs: each run equals the fit of that run alone.
    for (const chunk of [[0, 1], [2, 3, 4], [5], [1, 4]]) {
      const got = kmeansRuns(X, { ...opts, runs: chunk });
      expect(got.map((r) => r.run)).toEqual(chunk);
      got.forEach((r) => {
        const alone = kmeans(X, { ...opts, runs: [r.run] });
        expect(r.summary).toStrictEqual(full.runs[r.run]);
        expect(r.summary).toStrictEqual(alone.runs[0]);
        expect(r.labels).toEqual(alone.labels);
        expect(r.centers).toEqual(alone.centers);
        expect(r.warnings).toEqual(alone.warnings);
      });
    }
  });

  test("the runs record their k-means++ rows, and JavaScript and WebAssembly agree bit for bit", () => {
    const opts: KMeansOptions = { k: 4, nInit: 5, seed: 11, runs: [1, 3, 4] };
    const wasm = kmeansRuns(X, { ...opts, backend: "wasm" });
    const js = kmeansRuns(X, { ...opts, backend: "js" });
    expect(js).toStrictEqual(wasm);
    for (const r of wasm) expect(r.summary.initIndices).toHaveLength(4);
  });

  test("random init and explicit centres work as in kmeans, warnings included", () => {
    const random = kmeansRuns(X, { k: 3, init: "random", nInit: 4, seed: 2, runs: [3] });
    const ref = kmeans(X, { k: 3, init: "random", nInit: 4, seed: 2, runs: [3] });
    expect(random[0].labels).toEqual(ref.labels);
    expect(random[0].summary).toStrictEqual(ref.runs[0]);
    // Two identical starting centres: one cluster ends empty-handed, which kmeans warns about.
    const init = createMatrix(2, 3, Float64Array.from([1, 1, 1, 1, 1, 1]));
    const given = kmeansRuns(X, { k: 2, init, nInit: 3 });
    const fit = kmeans(X, { k: 2, init, nInit: 3 });
    expect(given).toHaveLength(1);
    expect(given[0].warnings).toEqual(fit.warnings);
    expect(given[0].warnings[0]).toMatch(/nInit=3 was replaced by 1/);
  });

  test("progress names each run and the fit's nInit", () => {
    const seen: [number, number, number][] = [];
    kmeansRuns(X, {
      k: 4,
      nInit: 6,
      seed: 3,
      runs: [2, 5],
      onProgress: (p) => seen.push([p.run, p.nInit, p.iteration]),
    });
    expect(new Set(seen.map(([run]) => run))).toEqual(new Set([2, 5]));
    expect(seen.every(([, nInit]) => nInit === 6)).toBe(true);
    expect(seen[0][2]).toBe(1);
  });

  test.each([
    ["k above the rows", { k: 500 }],
    ["a bad seed", { seed: -1 }],
    ["a bad maxIter", { maxIter: 0 }],
    ["a bad nInit", { nInit: 0 }],
    ["runs out of order", { runs: [3, 2] }],
    ["a run beyond nInit", { runs: [6] }],
    ["no runs", { runs: [] }],
    ["a bad backend", { backend: "gpu" as never }],
  ])("%s fails with kmeans's EngineError", (_, overrides) => {
    const opts: KMeansOptions = { k: 4, nInit: 6, ...overrides };
    const single = thrown(() => kmeans(X, opts));
    const runs = thrown(() => kmeansRuns(X, opts));
    expect(single).toBeInstanceOf(EngineError);
    expect(runs).toStrictEqual(single);
    expect((runs as EngineError).code).toBe((single as EngineError).code);
  });
});
