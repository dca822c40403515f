import fc from "fast-check";
import { createMatrix, dbscan, fromRows, takeRows, type Matrix } from "../../../src/engine";
import { buildKdTree, neighboursWithin } from "../../../src/engine/neighbours/kdTree";
import { radiusNeighbours } from "../../../src/engine/neighbours/radiusNeighbours";
import { loadJson } from "../fixtures";

/** What scripts/make_fixtures.py writes for DBSCAN; every number in it came from scikit-learn. */
type DbscanFixture = {
  name: string;
  X: number[][];
  eps: number;
  min_samples: number;
  labels_: number[];
  core_sample_indices_: number[];
  n_clusters: number;
  n_noise: number;
  neighbour_counts: number[];
};

const FIXTURES = ["dbscan_moons", "dbscan_blobs_noise", "dbscan_iris", "dbscan_ties"];

/** Neighbourhoods by brute force, in index order: the sum of squares in column order against eps * eps. */
function bruteNeighbours(X: Matrix, eps: number): number[][] {
  const { rows: n, cols: d, data } = X;
  const eps2 = eps * eps;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let q = 0; q < n; q++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = data[i * d + j] - data[q * d + j];
        s += t * t;
      }
      if (s <= eps2) row.push(q);
    }
    out.push(row);
  }
  return out;
}

function csrRows({ offsets, indices }: { offsets: Int32Array; indices: Int32Array }): number[][] {
  return Array.from({ length: offsets.length - 1 }, (_, i) =>
    Array.from(indices.subarray(offsets[i], offsets[i + 1])),
  );
}

/**
 * scikit-learn's `_dbscan_inner` walk, written out: rows in index order, a cluster at each unlabelled
 * core row, a stack that pushes each core row's unlabelled neighbours in the order its neighbourhood
 * lists them. `reverse` lists every neighbourhood backwards, to show the order does not matter.
 */
function walkLabels(hoods: number[][], minSamples: number, reverse = false): Int32Array {
  const n = hoods.length;
  const core = hoods.map((h) => h.length >= minSamples);
  const labels = new Int32Array(n).fill(-1);
  let label = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1 || !core[start]) continue;
    const stack: number[] = [];
    let i = start;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = label;
        if (core[i]) {
          const h = reverse ? [...hoods[i]].reverse() : hoods[i];
          for (const v of h) if (labels[v] === -1) stack.push(v);
        }
      }
      if (stack.length === 0) break;
      i = stack.pop()!;
    }
    label++;
  }
  return labels;
}

describe("dbscan equals scikit-learn's DBSCAN on the fixtures", () => {
  test.each(FIXTURES)("%s", (name) => {
    const f = loadJson<DbscanFixture>(`${name}.json`);
    const result = dbscan(fromRows(f.X), { eps: f.eps, minSamples: f.min_samples });
    expect(Array.from(result.labels)).toEqual(f.labels_);
    expect(Array.from(result.coreSampleIndices)).toEqual(f.core_sample_indices_);
    expect(result.nClusters).toBe(f.n_clusters);
    expect(result.nNoise).toBe(f.n_noise);
  });

  test("the neighbourhood sizes are scikit-learn's, ties at exactly eps included", () => {
    for (const name of FIXTURES) {
      const f = loadJson<DbscanFixture>(`${name}.json`);
      const { offsets } = radiusNeighbours(fromRows(f.X), f.eps);
      const counts = f.X.map((_, i) => offsets[i + 1] - offsets[i]);
      expect(counts).toEqual(f.neighbour_counts);
    }
  });

  test("the tutorial's moons: two clusters and no noise at eps 0.3, min_samples 5", () => {
    const f = loadJson<DbscanFixture>("dbscan_moons.json");
    const r = dbscan(fromRows(f.X), { eps: 0.3, minSamples: 5 });
    expect(r.nClusters).toBe(2);
    expect(r.nNoise).toBe(0);
  });

  test("a row exactly eps from core rows of two clusters takes the lower-numbered one", () => {
    const f = loadJson<DbscanFixture>("dbscan_ties.json");
    const bridge = f.X.findIndex(([x, y]) => x === 3 && y === 1);
    expect(f.labels_[bridge]).toBe(0);
    expect(f.core_sample_indices_).not.toContain(bridge);
    expect(dbscan(fromRows(f.X), { eps: 1, minSamples: 4 }).labels[bridge]).toBe(0);
  });
});

describe("dbscan's options and data are checked", () => {
  const X = fromRows([
    [0, 0],
    [1, 1],
  ]);
  test.each([0, -1, NaN, Infinity, "0.5" as unknown as number])("eps=%p", (eps) => {
    expect(() => dbscan(X, { eps, minSamples: 2 })).toThrow(
      expect.objectContaining({
        code: "OUT_OF_RANGE",
        message: `eps=${String(eps)} should be a finite number > 0`,
      }),
    );
  });

  test.each([0, -3, 2.5, NaN])("minSamples=%p", (minSamples) => {
    expect(() => dbscan(X, { eps: 1, minSamples })).toThrow(
      expect.objectContaining({
        code: "OUT_OF_RANGE",
        message: `minSamples=${String(minSamples)} should be an integer >= 1`,
      }),
    );
  });

  test("metric other than euclidean", () => {
    expect(() => dbscan(X, { eps: 1, minSamples: 2, metric: "manhattan" as "euclidean" })).toThrow(
      expect.objectContaining({ code: "BAD_OPTION", message: 'metric=manhattan should be "euclidean"' }),
    );
  });

  test("missing options", () => {
    expect(() => dbscan(X, undefined as unknown as { eps: number; minSamples: number })).toThrow(
      expect.objectContaining({ code: "BAD_OPTION" }),
    );
  });

  test("empty and non-finite data", () => {
    expect(() => dbscan(createMatrix(0, 2), { eps: 1, minSamples: 1 })).toThrow(
      expect.objectContaining({ code: "EMPTY_INPUT" }),
    );
    expect(() => dbscan(fromRows([[0], [NaN]]), { eps: 1, minSamples: 1 })).toThrow(
      expect.objectContaining({ code: "NON_FINITE", message: expect.stringContaining("row 1, column 0") }),
    );
  });
});

describe("dbscan edge cases", () => {
  test("one row: a cluster of its own when minSamples is 1, noise otherwise", () => {
    expect(Array.from(dbscan(fromRows([[5]]), { eps: 1, minSamples: 1 }).labels)).toEqual([0]);
    const r = dbscan(fromRows([[5]]), { eps: 1, minSamples: 2 });
    expect(Array.from(r.labels)).toEqual([-1]);
    expect(r.coreSampleIndices.length).toBe(0);
    expect(r.nNoise).toBe(1);
  });

  test("minSamples 1 makes every row core, so isolated rows are singleton clusters", () => {
    const r = dbscan(fromRows([[0], [10], [0.5], [20]]), { eps: 1, minSamples: 1 });
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 2]);
    expect(Array.from(r.coreSampleIndices)).toEqual([0, 1, 2, 3]);
    expect(r.nNoise).toBe(0);
  });

  test("minSamples above the row count leaves everything noise", () => {
    const r = dbscan(fromRows([[0], [0], [0]]), { eps: 1, minSamples: 4 });
    expect(Array.from(r.labels)).toEqual([-1, -1, -1]);
    expect(r.nClusters).toBe(0);
  });

  test("identical rows are neighbours at any eps", () => {
    const X = createMatrix(40, 3, new Float64Array(120).fill(7));
    const r = dbscan(X, { eps: 1e-300, minSamples: 40 });
    expect(r.nClusters).toBe(1);
    expect(r.coreSampleIndices.length).toBe(40);
  });
});

/** Small data sets: doubles, or integers on a tiny grid (exact ties and duplicates), with an eps that hits them. */
const dataSets = fc
  .record({
    n: fc.integer({ min: 1, max: 90 }),
    d: fc.integer({ min: 1, max: 4 }),
    grid: fc.boolean(),
  })
  .chain(({ n, d, grid }) =>
    fc.record({
      X: fc
        .array(grid ? fc.integer({ min: 0, max: 4 }) : fc.double({ min: -5, max: 5, noNaN: true }), {
          minLength: n * d,
          maxLength: n * d,
        })
        .map((v) => createMatrix(n, d, Float64Array.from(v))),
      eps: grid ? fc.constantFrom(1, 1.5, 2) : fc.double({ min: 0.05, max: 3, noNaN: true }),
      minSamples: fc.integer({ min: 1, max: 8 }),
      leafSize: fc.integer({ min: 1, max: 5 }),
    }),
  );

const RUNS = { numRuns: 200 };

describe("dbscan properties", () => {
  test("equals scikit-learn's walk over brute-force neighbourhoods, listed in either order", () => {
    fc.assert(
      fc.property(dataSets, ({ X, eps, minSamples }) => {
        const hoods = bruteNeighbours(X, eps);
        const expected = walkLabels(hoods, minSamples);
        expect(walkLabels(hoods, minSamples, true)).toEqual(expected);
        const r = dbscan(X, { eps, minSamples });
        expect(r.labels).toEqual(expected);
        const core = hoods.flatMap((h, i) => (h.length >= minSamples ? [i] : []));
        expect(Array.from(r.coreSampleIndices)).toEqual(core);
      }),
      RUNS,
    );
  });

  test("-1 exactly for the rows that are not core and have no core neighbour", () => {
    fc.assert(
      fc.property(dataSets, ({ X, eps, minSamples }) => {
        const hoods = bruteNeighbours(X, eps);
        const isCore = hoods.map((h) => h.length >= minSamples);
        const r = dbscan(X, { eps, minSamples });
        const noise = hoods.map((h, i) => !isCore[i] && !h.some((q) => isCore[q]));
        expect(Array.from(r.labels, (l) => l === -1)).toEqual(noise);
        expect(r.nNoise).toBe(r.labels.filter((l) => l === -1).length);
      }),
      RUNS,
    );
  });

  test("reordering the rows keeps the core rows and the clusters of core rows", () => {
    fc.assert(
      fc.property(dataSets, fc.nat(), ({ X, eps, minSamples }, seed) => {
        const n = X.rows;
        const perm = Array.from({ length: n }, (_, i) => i);
        let s = seed;
        for (let i = n - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const a = dbscan(X, { eps, minSamples });
        const b = dbscan(takeRows(X, perm), { eps, minSamples });
        // Row perm[i] of X is row i of the reordered data.
        const coreA = new Set(a.coreSampleIndices);
        const coreB = new Set(Array.from(b.coreSampleIndices, (i) => perm[i]));
        expect(coreB).toEqual(coreA);
        expect(b.nClusters).toBe(a.nClusters);
        const mapping = new Map<number, number>();
        for (const i of b.coreSampleIndices) {
          const la = a.labels[perm[i]];
          if (!mapping.has(b.labels[i])) mapping.set(b.labels[i], la);
          expect(mapping.get(b.labels[i])).toBe(la);
        }
      }),
      RUNS,
    );
  });
});

describe("radius-neighbour search equals brute force", () => {
  test("on random data with ties, for any leaf size", () => {
    fc.assert(
      fc.property(dataSets, ({ X, eps, leafSize }) => {
        const expected = bruteNeighbours(X, eps);
        const tree = buildKdTree(X, leafSize);
        const out = new Int32Array(X.rows);
        const found: number[][] = [];
        for (let p = 0; p < X.rows; p++) {
          const count = neighboursWithin(tree, p, eps * eps, X.rows, out);
          found[tree.order[p]] = Array.from(out.subarray(0, count), (q) => tree.order[q]).sort(
            (u, v) => u - v,
          );
        }
        // As JSON: jest's deep equality is slow on a few thousand numbers, two hundred times over.
        expect(JSON.stringify(found)).toBe(JSON.stringify(expected));
        expect(JSON.stringify(csrRows(radiusNeighbours(X, eps)))).toBe(JSON.stringify(expected));
      }),
      RUNS,
    );
  });

  test("a limit stops the search after that many neighbours, all of them true ones", () => {
    const X = createMatrix(
      200,
      2,
      Float64Array.from({ length: 400 }, (_, i) => (i * 7919) % 13),
    );
    const expected = bruteNeighbours(X, 2);
    const tree = buildKdTree(X, 4);
    const out = new Int32Array(5);
    for (let p = 0; p < X.rows; p++) {
      const row = tree.order[p];
      const count = neighboursWithin(tree, p, 4, 5, out);
      expect(count).toBe(Math.min(5, expected[row].length));
      for (const q of out.subarray(0, count)) expect(expected[row]).toContain(tree.order[q]);
    }
  });

  test("8-dimensional data", () => {
    let s = 12345;
    const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const X = createMatrix(
      600,
      8,
      Float64Array.from({ length: 4800 }, () => Math.round(next() * 6)),
    );
    for (const eps of [2, 3, 4.5]) {
      const expected = bruteNeighbours(X, eps);
      expect(csrRows(radiusNeighbours(X, eps))).toEqual(expected);
      expect(dbscan(X, { eps, minSamples: 6 }).labels).toEqual(walkLabels(expected, 6));
    }
  });
});
