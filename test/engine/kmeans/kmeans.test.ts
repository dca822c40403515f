import { EngineError, fromRows, kmeans, predict, type KMeansAlgorithm } from "../../../src/engine";
import { type BackendChoice } from "../../../src/engine/wasm/backend";
import { DATASETS, clusteringInput, loadFixture, maxAbsDiff, relError } from "../fixtures";

const ALGORITHMS: KMeansAlgorithm[] = ["lloyd", "hamerly"];
/** Each fixture runs on the JavaScript kernels and on the WebAssembly ones. */
const BACKENDS: BackendChoice[] = ["js", "wasm"];

describe("Lloyd from scikit-learn's starting centres", () => {
  const cases = DATASETS.flatMap((name) =>
    loadFixture(name).lloyd.flatMap((c, i) =>
      ALGORITHMS.flatMap((a) => BACKENDS.map((b) => [name, c.case, i, a, b] as const)),
    ),
  );
  test.each(cases)(
    "%s / %s (case %d) with %s on %s: same labels, centres, inertia and n_iter",
    (name, _c, i, algorithm, backend) => {
      const f = loadFixture(name);
      const ref = f.lloyd[i];
      const X = clusteringInput(f);
      const r = kmeans(X, {
        k: ref.k,
        init: fromRows(ref.init),
        tol: ref.tol,
        maxIter: ref.max_iter,
        algorithm,
        backend,
      });
      expect(r.backend).toBe(backend);
      expect(Array.from(r.labels)).toEqual(ref.labels);
      expect(relError(r.inertia, ref.inertia)).toBeLessThan(1e-9);
      expect(r.nIter).toBe(ref.n_iter);
      expect(maxAbsDiff(r.centers.data, ref.centers.flat())).toBeLessThan(1e-9);
      expect(r.converged).toBe(ref.n_iter < ref.max_iter || r.converged);
    },
  );
});

describe("seeded k-means++ against scikit-learn's KMeans(random_state=seed)", () => {
  const cases = DATASETS.flatMap((name) => loadFixture(name).kmeanspp.map((_, i) => [name, i] as const));

  test.each(cases)("%s (case %d): the first run starts from scikit-learn's rows", (name, i) => {
    const f = loadFixture(name);
    const ref = f.kmeanspp[i];
    const r = kmeans(clusteringInput(f), { k: ref.k, nInit: 1, seed: ref.random_state });
    expect(r.runs[0].initIndices).toEqual(ref.first_init_indices);
  });

  test.each(cases)("%s (case %d): best of n_init equals scikit-learn's fit", (name, i) => {
    const f = loadFixture(name);
    const ref = f.kmeanspp[i];
    const r = kmeans(clusteringInput(f), { k: ref.k, nInit: ref.n_init, seed: ref.random_state });
    // The bar: no worse than scikit-learn's best-of-n by more than 0.5 %.
    expect(r.inertia).toBeLessThanOrEqual(ref.inertia * 1.005);
    // What we actually deliver: the same draws, so the same clustering to the digit.
    expect(Array.from(r.labels)).toEqual(ref.labels);
    expect(relError(r.inertia, ref.inertia)).toBeLessThan(1e-9);
    expect(r.nIter).toBe(ref.n_iter);
  });

  const randomCases = DATASETS.flatMap((name) =>
    loadFixture(name).random_init.map((_, i) => [name, i] as const),
  );
  test.each(randomCases)("%s (case %d): init='random' equals scikit-learn's fit", (name, i) => {
    const f = loadFixture(name);
    const ref = f.random_init[i];
    const r = kmeans(clusteringInput(f), {
      k: ref.k,
      init: "random",
      nInit: ref.n_init,
      seed: ref.random_state,
    });
    expect(Array.from(r.labels)).toEqual(ref.labels);
    expect(relError(r.inertia, ref.inertia)).toBeLessThan(1e-9);
  });
});

describe("kmeans results", () => {
  const f = loadFixture("iris");
  const X = clusteringInput(f);

  test("labels are the nearest centre and inertia is their squared distance sum", () => {
    const r = kmeans(X, { k: 4, seed: 3 });
    expect(Array.from(predict(X, r.centers))).toEqual(Array.from(r.labels));
    let s = 0;
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.cols; j++)
        s += (X.data[i * X.cols + j] - r.centers.data[r.labels[i] * X.cols + j]) ** 2;
    }
    expect(relError(r.inertia, s)).toBeLessThan(1e-12);
  });

  test("the best run is the one with the lowest inertia, and every run is reported", () => {
    const r = kmeans(X, { k: 5, nInit: 6, seed: 11 });
    expect(r.runs).toHaveLength(6);
    expect(r.inertia).toBe(Math.min(...r.runs.map((x) => x.inertia)));
    expect(r.runs[r.bestRun].inertia).toBe(r.inertia);
  });

  test("the same seed reproduces the result; another seed draws other starts", () => {
    const a = kmeans(X, { k: 3, nInit: 1, seed: 5 });
    const b = kmeans(X, { k: 3, nInit: 1, seed: 5 });
    const c = kmeans(X, { k: 3, nInit: 1, seed: 6 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.runs[0].initIndices).toEqual(b.runs[0].initIndices);
    expect(a.runs[0].initIndices).not.toEqual(c.runs[0].initIndices);
  });

  test("a subset of runs computes exactly those runs of the full fit, so a pool can split the work", () => {
    const full = kmeans(X, { k: 4, nInit: 6, seed: 9, trackInertia: true });
    const parts = [[0, 1], [2, 3, 4], [5]].map((runs) =>
      kmeans(X, { k: 4, nInit: 6, seed: 9, runs, trackInertia: true }),
    );
    // Only the runs themselves are comparable: scikit-learn's winner rule depends on the order runs are
    // met, so a pool must pick the winner over all runs, not over each part's winner.
    expect(parts.flatMap((p) => p.runs)).toEqual(full.runs);
  });

  test("max_iter reached without convergence is reported", () => {
    const r = kmeans(X, { k: 3, nInit: 1, seed: 0, maxIter: 1 });
    expect(r.nIter).toBe(1);
    expect(r.converged).toBe(false);
  });

  test("progress reports every iteration of every run", () => {
    const seen: string[] = [];
    const r = kmeans(X, {
      k: 3,
      nInit: 2,
      seed: 1,
      onProgress: (p) => seen.push(`${p.run}/${p.nInit}:${p.iteration}`),
    });
    expect(seen.filter((s) => s.startsWith("0/2:")).length).toBe(r.runs[0].nIter);
    expect(seen.filter((s) => s.startsWith("1/2:")).length).toBe(r.runs[1].nIter);
  });

  test("fewer distinct points than k is a warning on the result, not a crash", () => {
    const D = fromRows([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const r = kmeans(D, { k: 3, seed: 0 });
    expect(r.labels).toHaveLength(5);
    expect(r.warnings.join(" ")).toContain("Number of distinct clusters (2) found smaller than k (3)");
  });

  test("k = n puts every point in its own cluster with zero inertia", () => {
    const D = fromRows([
      [0, 0],
      [5, 1],
      [2, 9],
    ]);
    const r = kmeans(D, { k: 3, seed: 0 });
    expect(new Set(r.labels).size).toBe(3);
    expect(r.inertia).toBe(0);
  });
});

describe("kmeans refuses bad arguments with a message naming the values", () => {
  const X = fromRows([
    [1, 2],
    [3, 4],
  ]);
  const cases: [string, () => unknown, string, string][] = [
    ["k > n", () => kmeans(X, { k: 3 }), "TOO_FEW_SAMPLES", "n_samples=2 should be >= k=3"],
    ["k < 1", () => kmeans(X, { k: 0 }), "BAD_K", "k=0 should be an integer >= 1"],
    ["fractional k", () => kmeans(X, { k: 1.5 }), "BAD_K", "k=1.5 should be an integer >= 1"],
    [
      "NaN",
      () =>
        kmeans(
          fromRows([
            [1, NaN],
            [2, 3],
          ]),
          { k: 1 },
        ),
      "NON_FINITE",
      "X contains NaN at row 0, column 1",
    ],
    [
      "Infinity",
      () =>
        kmeans(
          fromRows([
            [1, 2],
            [Infinity, 3],
          ]),
          { k: 1 },
        ),
      "NON_FINITE",
      "X contains Infinity at row 1, column 0",
    ],
    [
      "no rows",
      () => kmeans({ data: new Float64Array(0), rows: 0, cols: 2 }, { k: 1 }),
      "EMPTY_INPUT",
      "X has shape 0x2",
    ],
    [
      "no columns",
      () => kmeans({ data: new Float64Array(0), rows: 3, cols: 0 }, { k: 1 }),
      "EMPTY_INPUT",
      "X has shape 3x0",
    ],
    [
      "maxIter < 1",
      () => kmeans(X, { k: 1, maxIter: 0 }),
      "BAD_OPTION",
      "maxIter=0 should be an integer >= 1",
    ],
    ["tol < 0", () => kmeans(X, { k: 1, tol: -1 }), "BAD_OPTION", "tol=-1 should be a finite number >= 0"],
    ["nInit < 1", () => kmeans(X, { k: 1, nInit: 0 }), "BAD_OPTION", "nInit=0 should be an integer >= 1"],
    [
      "bad seed",
      () => kmeans(X, { k: 1, seed: -2 }),
      "BAD_OPTION",
      "seed=-2 should be an integer between 0 and 4294967295",
    ],
    [
      "bad init shape",
      () => kmeans(X, { k: 2, init: fromRows([[1, 2]]) }),
      "BAD_SHAPE",
      "The shape of the initial centers (1, 2) does not match k=2",
    ],
    [
      "bad algorithm",
      () => kmeans(X, { k: 1, algorithm: "elkan" as never }),
      "BAD_OPTION",
      'algorithm=elkan should be "lloyd" or "hamerly"',
    ],
  ];
  test.each(cases)("%s", (_name, call, code, message) => {
    let caught: unknown;
    try {
      call();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).code).toBe(code);
    expect((caught as EngineError).message).toContain(message);
  });
});
