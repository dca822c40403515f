import fc from "fast-check";
import { fromRows, isEngineError, rowDiagnostics, upperFence } from "../../../src/engine";
import { quantile } from "../../../src/engine/metrics/diagnostics";
import { loadMeaning, meaningInput, relError } from "../fixtures";

const meaning = loadMeaning();

describe.each(meaning.cases.map((c) => [c.name, c]))("%s", (_name, c) => {
  const { X, labels } = meaningInput(c);
  const diag = rowDiagnostics(X, labels, fromRows(c.centers));
  const want = c.diagnostics;

  test("distance to the own centre: numpy's direct differences to 1e-12, KMeans.transform(X)[i, label] to 1e-9", () => {
    want.rows.forEach((row, i) => {
      expect(relError(diag.distance[row], want.distance[i])).toBeLessThan(1e-12);
      // transform uses |x|² - 2 x·c + |c|², whose rounding is relative to |x|², not to the distance.
      expect(relError(diag.distance[row], want.transform_distance[i])).toBeLessThan(1e-9);
    });
  });

  test("runner-up (ties to the lowest index) and margin", () => {
    want.rows.forEach((row, i) => {
      expect(diag.runnerUp[row]).toBe(want.runner_up[i]);
      if (c.k > 1)
        expect(Math.abs(diag.margin[row] - want.margin[i])).toBeLessThan(
          1e-12 * Math.max(1, want.distance[i]),
        );
      else expect(diag.margin[row]).toBeNaN();
    });
  });

  test("Tukey fences from numpy.percentile, and the rows beyond them", () => {
    Array.from(diag.fence).forEach((f, cluster) =>
      expect(relError(f, want.fence[cluster])).toBeLessThan(1e-12),
    );
    const flagged = [];
    for (let i = 0; i < X.rows; i++) if (diag.outlier[i]) flagged.push(i);
    expect(flagged).toEqual(want.outliers);
    // The same rows by scikit-learn's transform distances: the flags do not hang on the last digit.
    expect(want.outliers_by_transform_equal).toBe(true);
  });

  test("noise rows get NaN distance and margin, runner-up -1, no flag", () => {
    for (let i = 0; i < X.rows; i++) {
      if (labels[i] !== -1) continue;
      expect([diag.distance[i], diag.margin[i], diag.runnerUp[i], diag.outlier[i]]).toEqual([
        NaN,
        NaN,
        -1,
        0,
      ]);
    }
  });

  test("cluster sizes as recorded", () => {
    const sizes = new Array(c.k).fill(0);
    for (const l of labels) if (l >= 0) sizes[l]++;
    expect(sizes).toEqual(c.sizes);
  });
});

test("one centre: no runner-up, margin NaN", () => {
  const d = rowDiagnostics(fromRows([[0], [1], [2]]), [0, 0, 0], fromRows([[1]]));
  expect(Array.from(d.runnerUp)).toEqual([-1, -1, -1]);
  expect(Array.from(d.margin)).toEqual([NaN, NaN, NaN]);
  expect(Array.from(d.distance)).toEqual([1, 0, 1]);
});

test("a cluster with no rows has a NaN fence", () => {
  const d = rowDiagnostics(fromRows([[0], [1]]), [0, 0], fromRows([[0.5], [9]]));
  expect(d.fence[1]).toBeNaN();
});

describe("quantile and upperFence: numpy.percentile's default 'linear'", () => {
  test("hand values", () => {
    // np.percentile([1, 2, 3, 4], [25, 75]) == [1.75, 3.25]; one value: both quartiles are it.
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(upperFence([4, 1, 3, 2])).toBe(3.25 + 1.5 * 1.5);
    expect(upperFence([7])).toBe(7);
    expect(upperFence([])).toBeNaN();
  });

  test("sorts numerically, not as strings", () => {
    expect(upperFence([10, 9, 100, 2])).toBe(upperFence([2, 9, 10, 100]));
  });

  test("the fence is at least the third quartile, and no more rows than a quarter are beyond Q3", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (v) => {
          const sorted = Float64Array.from(v).sort();
          const q3 = quantile(sorted, 0.75);
          expect(upperFence(v)).toBeGreaterThanOrEqual(q3);
          expect(quantile(sorted, 0)).toBe(sorted[0]);
          expect(quantile(sorted, 1)).toBe(sorted[sorted.length - 1]);
        },
      ),
      { numRuns: 200, seed: 20261204 },
    );
  });
});

describe("errors", () => {
  const X = fromRows([
    [0, 0],
    [1, 1],
  ]);
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(isEngineError(e)).toBe(true);
      return `${(e as { code: string }).code}: ${(e as Error).message}`;
    }
    throw new Error("did not throw");
  };

  test("labels of the wrong length, or outside the centres", () => {
    const C = fromRows([
      [0, 0],
      [1, 1],
    ]);
    expect(message(() => rowDiagnostics(X, [0], C))).toBe(
      "BAD_LABELS: labels has 1 entries but X has 2 rows",
    );
    expect(message(() => rowDiagnostics(X, [0, 2], C))).toBe(
      "BAD_LABELS: label 2 at row 1 is outside 0..1 (or -1 for noise)",
    );
  });

  test("centres of another width", () => {
    expect(message(() => rowDiagnostics(X, [0, 0], fromRows([[0, 0, 0]])))).toBe(
      "BAD_SHAPE: centers have 3 columns but X has 2",
    );
  });
});
