import { createRandomState } from "../../../src/engine";
import { columnMeansAndVariances } from "../../../src/engine/core/matrix";

describe("columnMeansAndVariances", () => {
  test("the plain path (four columns at a time) gives the units path's values bit for bit", () => {
    // Units of 1 take the general loop; x / 1 is x, so both must agree exactly, whatever the widths.
    const rs = createRandomState(5);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rs.randint(60);
      const d = 1 + rs.randint(11);
      const data = Float64Array.from(
        { length: n * d },
        () => (rs.randomSample() - 0.3) * 10 ** (rs.randint(20) - 10),
      );
      const X = { data, rows: n, cols: d };
      const plain = columnMeansAndVariances(X);
      const general = columnMeansAndVariances(X, new Array<number>(d).fill(1));
      for (let j = 0; j < d; j++) {
        expect(Object.is(plain.mean[j], general.mean[j])).toBe(true);
        expect(Object.is(plain.variance[j], general.variance[j])).toBe(true);
      }
    }
  });

  test("population variance of a small matrix", () => {
    const X = { data: Float64Array.from([1, 10, 2, 20, 3, 30, 6, 40, 8, 50]), rows: 5, cols: 2 };
    const { mean, variance } = columnMeansAndVariances(X);
    expect(Array.from(mean)).toEqual([4, 30]);
    expect(variance[0]).toBeCloseTo(6.8, 12);
    expect(variance[1]).toBeCloseTo(200, 12);
  });
});
