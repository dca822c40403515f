import { EngineError, fitScaler, fromRows, scalerFromParams, toRows } from "../../../src/engine";
import { DATASETS, loadFixture, maxAbsDiff } from "../fixtures";

describe("scalers against scikit-learn", () => {
  test.each(DATASETS)("%s: StandardScaler parameters and output", (name) => {
    const f = loadFixture(name);
    const X = fromRows(f.X);
    const s = fitScaler(X, "standard");
    const ref = f.scalers.standard;
    expect(maxAbsDiff(s.offset, ref.mean)).toBeLessThanOrEqual(
      1e-12 * Math.max(1, ...ref.mean.map(Math.abs)),
    );
    for (let j = 0; j < ref.scale.length; j++) {
      expect(Math.abs(s.scale[j] - ref.scale[j])).toBeLessThanOrEqual(1e-12 * ref.scale[j]);
    }
    expect(maxAbsDiff(s.transform(X).data, ref.Xt.flat())).toBeLessThan(1e-9);
  });

  test.each(DATASETS)("%s: MinMaxScaler parameters and output", (name) => {
    const f = loadFixture(name);
    const X = fromRows(f.X);
    const s = fitScaler(X, "minmax");
    const ref = f.scalers.minmax;
    expect(Array.from(s.offset)).toEqual(ref.data_min);
    for (let j = 0; j < ref.scale.length; j++) {
      expect(Math.abs(1 / s.scale[j] - ref.scale[j])).toBeLessThanOrEqual(1e-12 * ref.scale[j]);
    }
    expect(maxAbsDiff(s.transform(X).data, ref.Xt.flat())).toBeLessThan(1e-12);
  });

  test("a constant column gets scale 1 and is reported", () => {
    const f = loadFixture("constant_column");
    const X = fromRows(f.X);
    const constant = f.X[0].map((_, j) => f.X.every((r) => r[j] === f.X[0][j]));
    for (const method of ["standard", "minmax"] as const) {
      const s = fitScaler(X, method);
      constant.forEach((isConst, j) => {
        if (isConst) {
          expect(s.scale[j]).toBe(1);
          expect(s.constantColumns).toContain(j);
        }
      });
    }
  });
});

describe("scaler behaviour", () => {
  const X = fromRows([
    [1, 10, -3],
    [2, 20, 0],
    [4, 25, 3],
    [7, 5, 9],
  ]);

  test.each(["standard", "minmax", "none"] as const)("%s: inverseTransform undoes transform", (method) => {
    const s = fitScaler(X, method);
    expect(maxAbsDiff(s.inverseTransform(s.transform(X)).data, X.data)).toBeLessThan(1e-12);
  });

  test("standard scaling gives mean 0 and population std 1", () => {
    const t = toRows(fitScaler(X, "standard").transform(X));
    for (let j = 0; j < 3; j++) {
      const col = t.map((r) => r[j]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(variance).toBeCloseTo(1, 12);
    }
  });

  test("minmax maps every column onto [0, 1]", () => {
    const t = fitScaler(X, "minmax").transform(X);
    for (let j = 0; j < 3; j++) {
      const col = toRows(t).map((r) => r[j]);
      expect(Math.min(...col)).toBe(0);
      expect(Math.max(...col)).toBeCloseTo(1, 15);
    }
  });

  test("none leaves the data as it is", () => {
    expect(Array.from(fitScaler(X, "none").transform(X).data)).toEqual(Array.from(X.data));
  });

  test("a scaler rebuilt from its parameters transforms new rows the same way", () => {
    const s = fitScaler(X, "standard");
    const again = scalerFromParams("standard", s.offset, s.scale);
    const Y = fromRows([[3, 3, 3]]);
    expect(Array.from(again.transform(Y).data)).toEqual(Array.from(s.transform(Y).data));
  });

  test("bad input is refused with a specific message", () => {
    const s = fitScaler(X, "standard");
    expect(() => s.transform(fromRows([[1, 2]]))).toThrow("X has 2 columns but the scaler was fitted on 3");
    expect(() => fitScaler(fromRows([[1, NaN]]), "standard")).toThrow(EngineError);
    expect(() => fitScaler(fromRows([[1, NaN]]), "standard")).toThrow("X contains NaN at row 0, column 1");
    expect(() => fitScaler(X, "robust" as never)).toThrow(
      'scaling=robust should be "standard", "minmax" or "none"',
    );
  });
});

describe("values whose squares leave float64's range", () => {
  /** z-scores and min-max of a column computed from the values divided by `unit` (a reference). */
  const zscores = (values: number[]) => {
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    return values.map((v) => (v - mean) / std);
  };
  const column = (M: { data: Float64Array; cols: number }, j: number) =>
    Array.from(M.data).filter((_, i) => i % M.cols === j);

  test.each([
    ["tiny", 1e-200],
    ["huge", 1e200],
    ["near Excel's largest", 3e307],
  ])("%s values are standardised, not called constant or NaN", (_name, unit) => {
    const base = [1, 2, 3, -0.5, 2.25];
    const X = fromRows(base.map((v) => [v * unit, v]));
    const s = fitScaler(X, "standard");
    expect(s.constantColumns).toEqual([]);
    const t = s.transform(X);
    const reference = zscores(base);
    column(t, 0).forEach((z, i) => expect(z).toBeCloseTo(reference[i], 12));
    // An ordinary column beside it is untouched, to the bit.
    expect(column(t, 1)).toEqual(
      column(
        fitScaler(fromRows(base.map((v) => [v])), "standard").transform(fromRows(base.map((v) => [v]))),
        0,
      ),
    );
    // Back to the data: the round trip holds to the last digits.
    const back = s.inverseTransform(t);
    column(back, 0).forEach((v, i) => expect(Math.abs(v - base[i] * unit)).toBeLessThanOrEqual(1e-14 * unit));
    expect(s.scale.every(Number.isFinite) && s.offset.every(Number.isFinite)).toBe(true);
  });

  test("min-max: a range that overflows, and a range of tiny values, still span [0, 1]", () => {
    const X = fromRows([
      [-1.5e308, 1e-200],
      [0, 3e-200],
      [1.5e308, 2e-200],
    ]);
    const s = fitScaler(X, "minmax");
    expect(s.constantColumns).toEqual([]);
    const t = s.transform(X);
    expect(column(t, 0)).toEqual([0, 0.5, 1]);
    column(t, 1).forEach((v, i) => expect(v).toBeCloseTo([0, 1, 0.5][i], 14));
  });

  test("a column is constant when its values are all equal, whatever their size, and then scaled to 0", () => {
    for (const v of [1e-200, 3.7, 1e200, 9e307]) {
      const X = fromRows([
        [v, 1],
        [v, 2],
        [v, 4],
      ]);
      for (const method of ["standard", "minmax"] as const) {
        const s = fitScaler(X, method);
        expect(s.constantColumns).toEqual([0]);
        column(s.transform(X), 0).forEach((z) => expect(Math.abs(z)).toBeLessThan(1e-12));
      }
    }
  });

  test("a scaler rebuilt from the parameters of a huge column transforms as the fitted one", () => {
    const X = fromRows([[1e250], [3e250], [-2e250]]);
    const s = fitScaler(X, "standard");
    const again = scalerFromParams("standard", s.offset, s.scale);
    expect(Array.from(again.transform(X).data)).toEqual(Array.from(s.transform(X).data));
  });
});

describe("ordinary data is scaled exactly as before the power-of-two units", () => {
  // The scikit-learn arithmetic, written out: two-pass mean and variance, then (x - mean) / std, and
  // x * (1 / range) + (0 - min / range).
  const plain = (rows: number[][]) => {
    const n = rows.length;
    const d = rows[0].length;
    const mean = Array.from({ length: d }, (_, j) => rows.reduce((a, r) => a + r[j], 0) / n);
    const std = mean.map((m, j) => {
      let corr = 0;
      let sq = 0;
      for (const r of rows) {
        corr += r[j] - m;
        sq += (r[j] - m) * (r[j] - m);
      }
      const variance = (sq - (corr * corr) / n) / n;
      return variance <= n * 2.220446049250313e-16 * variance + (n * m * 2.220446049250313e-16) ** 2
        ? 1
        : Math.sqrt(variance);
    });
    const lo = mean.map((_, j) => Math.min(...rows.map((r) => r[j])));
    const range = lo.map((l, j) => {
      const r = Math.max(...rows.map((x) => x[j])) - l;
      return r < 10 * 2.220446049250313e-16 ? 1 : r;
    });
    return {
      standard: rows.flatMap((r) => r.map((v, j) => (v - mean[j]) / std[j])),
      minmax: rows.flatMap((r) => r.map((v, j) => v * (1 / range[j]) + (0 - lo[j] * (1 / range[j])))),
    };
  };

  test.each(DATASETS)("%s: every value to the bit", (name) => {
    const f = loadFixture(name);
    const X = fromRows(f.X);
    const expected = plain(f.X);
    expect(Array.from(fitScaler(X, "standard").transform(X).data)).toEqual(expected.standard);
    expect(Array.from(fitScaler(X, "minmax").transform(X).data)).toEqual(expected.minmax);
  });
});
