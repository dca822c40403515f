import { EngineError, fitScaler, fromRows, scalerFromParams, toRows } from "../../src/engine";
import { DATASETS, loadFixture, maxAbsDiff } from "./fixtures";

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
