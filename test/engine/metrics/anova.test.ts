import fc from "fast-check";
import { anova, createMatrix, fromRows, isEngineError } from "../../../src/engine";
import { loadMeaning, meaningInput, relErrorOrSame } from "../fixtures";

const meaning = loadMeaning();

function worstOver(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let w = 0;
  for (let j = 0; j < want.length; j++) w = Math.max(w, relErrorOrSame(got[j], want[j]));
  return w;
}

describe.each(meaning.cases.map((c) => [c.name, c]))("%s", (_name, c) => {
  const { X, labels } = meaningInput(c);
  const result = anova(X, labels);

  test("F and p are scikit-learn's f_classif, to 1e-9 relative", () => {
    expect(worstOver(result.f, c.f_classif.f)).toBeLessThan(1e-9);
    expect(worstOver(result.p, c.f_classif.p)).toBeLessThan(1e-9);
  });

  test("F and p are scipy's f_oneway per column, to 1e-9 relative", () => {
    expect(worstOver(result.f, c.f_oneway.f)).toBeLessThan(1e-9);
    expect(worstOver(result.p, c.f_oneway.p)).toBeLessThan(1e-9);
  });

  test("η² is between SS / total SS as numpy gives it", () => {
    expect(worstOver(result.etaSquared, c.eta_squared)).toBeLessThan(1e-9);
  });
});

test("iris' petal columns: p-values far below 1e-50 keep their digits", () => {
  const c = meaning.cases.find((m) => m.name === "iris")!;
  const { X, labels } = meaningInput(c);
  const { p } = anova(X, labels);
  expect(p[2]).toBeLessThan(1e-50);
  expect(p[3]).toBeLessThan(1e-50);
  for (const j of [2, 3]) expect(relErrorOrSame(p[j], c.f_oneway.p[j])).toBeLessThan(1e-9);
});

test("degenerate columns as scipy gives them: constant → NaN; constant within clusters → F ∞, p 0, η² 1", () => {
  const c = meaning.cases.find((m) => m.name === "degenerate")!;
  const { X, labels } = meaningInput(c);
  const { f, p, etaSquared } = anova(X, labels);
  expect([f[1], p[1], etaSquared[1]]).toEqual([NaN, NaN, NaN]);
  expect([f[2], p[2], etaSquared[2]]).toEqual([Infinity, 0, 1]);
  expect([c.f_classif.f[1], c.f_oneway.f[1], c.f_classif.f[2], c.f_oneway.p[2]]).toEqual([
    NaN,
    NaN,
    Infinity,
    0,
  ]);
});

test("noise rows (-1) are left out: the result is that of the clustered rows alone", () => {
  const c = meaning.cases.find((m) => m.name === "dbscan_blobs_noise")!;
  const { X, labels } = meaningInput(c);
  const kept: number[][] = [];
  const keptLabels: number[] = [];
  for (let i = 0; i < X.rows; i++)
    if (labels[i] !== -1) {
      kept.push(Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
      keptLabels.push(labels[i]);
    }
  expect(keptLabels.length).toBeLessThan(X.rows);
  expect(anova(X, labels)).toEqual(anova(fromRows(kept), keptLabels));
});

test("labels need not be 0..g-1: gaps and order do not change the answer", () => {
  const X = fromRows([[1], [2], [3], [7], [8], [9.5], [4], [4.5]]);
  const a = anova(X, [0, 0, 0, 1, 1, 1, 2, 2]);
  const b = anova(X, [5, 5, 5, 2, 2, 2, 9, 9]);
  expect(b).toEqual(a);
});

describe("errors", () => {
  const X = fromRows([[1], [2], [3], [4]]);
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(isEngineError(e)).toBe(true);
      return (e as { code: string; message: string }).code + ": " + (e as Error).message;
    }
    throw new Error("did not throw");
  };

  test("labels of the wrong length", () => {
    expect(code(() => anova(X, [0, 1, 1]))).toBe("BAD_LABELS: labels has 3 entries but X has 4 rows");
  });

  test("a label that is not a cluster", () => {
    expect(code(() => anova(X, [0, 1, 1.5, 0]))).toBe(
      "BAD_LABELS: label 1.5 at row 2 is not a cluster (0, 1, …) or -1 for noise",
    );
    expect(code(() => anova(X, [0, 1, -2, 0]))).toMatch(/^BAD_LABELS: label -2 at row 2/);
  });

  test("one cluster, or no more rows than clusters", () => {
    expect(code(() => anova(X, [0, 0, 0, 0]))).toBe(
      "TOO_FEW_SAMPLES: ANOVA needs at least 2 clusters and more rows than clusters; got 1 clusters in 4 rows",
    );
    expect(code(() => anova(X, [0, 1, -1, -1]))).toMatch(/got 2 clusters in 2 rows/);
  });
});

describe("properties", () => {
  const data = fc
    .record({
      n: fc.integer({ min: 6, max: 30 }),
      d: fc.integer({ min: 1, max: 3 }),
      g: fc.integer({ min: 2, max: 4 }),
    })
    .chain(({ n, d, g }) =>
      fc.record({
        // Eighths from -100 to 100: exact, and with the ties and repeated values real columns have.
        values: fc.array(
          fc.integer({ min: -800, max: 800 }).map((v) => v / 8),
          { minLength: n * d, maxLength: n * d },
        ),
        // The first g rows take every cluster, so g clusters are present; the rest are random.
        labels: fc
          .array(fc.integer({ min: 0, max: g - 1 }), { minLength: n - g, maxLength: n - g })
          .map((rest) => [...Array.from({ length: g }, (_, c) => c), ...rest]),
        n: fc.constant(n),
        d: fc.constant(d),
        scale: fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((s) => fc.constantFrom(s, -s)),
        shift: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      }),
    );

  test("η² is in [0, 1], p in [0, 1], F ≥ 0", () => {
    fc.assert(
      fc.property(data, ({ values, labels, n, d }) => {
        const { f, p, etaSquared } = anova(createMatrix(n, d, Float64Array.from(values)), labels);
        for (let j = 0; j < d; j++) {
          if (Number.isNaN(f[j])) continue;
          expect(f[j]).toBeGreaterThanOrEqual(0);
          expect(p[j]).toBeGreaterThanOrEqual(0);
          expect(p[j]).toBeLessThanOrEqual(1);
          expect(etaSquared[j]).toBeGreaterThanOrEqual(0);
          expect(etaSquared[j]).toBeLessThanOrEqual(1 + 1e-15);
        }
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  test("F, p and η² do not change when a column is scaled and shifted", () => {
    fc.assert(
      fc.property(data, ({ values, labels, n, d, scale, shift }) => {
        const X = createMatrix(n, d, Float64Array.from(values));
        const Y = createMatrix(
          n,
          d,
          Float64Array.from(values, (v) => v * scale + shift),
        );
        const a = anova(X, labels);
        const b = anova(Y, labels);
        for (let j = 0; j < d; j++) {
          // Columns whose spread is near rounding (identical values) are no test of invariance.
          if (!(a.etaSquared[j] > 1e-6 && a.etaSquared[j] < 1 - 1e-6)) continue;
          expect(relErrorOrSame(b.f[j], a.f[j])).toBeLessThan(1e-6);
          expect(relErrorOrSame(b.etaSquared[j], a.etaSquared[j])).toBeLessThan(1e-6);
          expect(Math.abs(b.p[j] - a.p[j])).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});
