import { fromRows, kmeans, predict, transform } from "../../../src/engine";
import { clusteringInput, loadFixture } from "../fixtures";

describe("predict and transform", () => {
  const f = loadFixture("three_blobs");
  const X = clusteringInput(f);
  const r = kmeans(X, { k: 3 });

  test("predict on the training rows returns the fitted labels", () => {
    expect(Array.from(predict(X, r.centers))).toEqual(Array.from(r.labels));
  });

  test("transform gives Euclidean distances whose argmin is the label", () => {
    const D = transform(X, r.centers);
    expect(D.rows).toBe(X.rows);
    expect(D.cols).toBe(3);
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(D.data.subarray(i * 3, i * 3 + 3));
      expect(row.indexOf(Math.min(...row))).toBe(r.labels[i]);
    }
    const d0 = Math.hypot(X.data[0] - r.centers.data[0], X.data[1] - r.centers.data[1]);
    expect(D.data[0]).toBeCloseTo(d0, 12);
  });

  test("new rows go to the nearest centre; ties go to the first", () => {
    const C = fromRows([
      [0, 0],
      [10, 0],
    ]);
    expect(
      Array.from(
        predict(
          fromRows([
            [1, 1],
            [9, -1],
            [5, 0],
          ]),
          C,
        ),
      ),
    ).toEqual([0, 1, 0]);
  });

  test("a feature count that does not match is refused", () => {
    expect(() => predict(fromRows([[1, 2, 3]]), r.centers)).toThrow("X has 3 features, but centers have 2");
  });
});
