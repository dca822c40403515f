import { clusterZScores, fromRows, isEngineError } from "../../../src/engine";
import { loadMeaning, meaningInput, relErrorOrSame } from "../fixtures";

const meaning = loadMeaning();

test.each(meaning.cases.map((c) => [c.name, c]))(
  "%s: (cluster mean - mean) / population sd, as numpy gives it, noise left out",
  (_name, c) => {
    const { X, labels } = meaningInput(c);
    const z = clusterZScores(X, labels, c.k);
    expect([z.rows, z.cols]).toEqual([c.k, c.d]);
    const want = c.z_scores.flat();
    let worst = 0;
    for (let i = 0; i < want.length; i++) {
      // Near-zero z-scores (a cluster mean at the overall mean) are judged against the column's scale of 1.
      const e = Math.abs(want[i]) < 1e-6 ? Math.abs(z.data[i] - want[i]) : relErrorOrSame(z.data[i], want[i]);
      worst = Math.max(worst, e);
    }
    expect(worst).toBeLessThan(1e-9);
  },
);

test("a constant column gives 0s; a column constant within clusters gives the clusters' spread", () => {
  const c = meaning.cases.find((m) => m.name === "degenerate")!;
  const { X, labels } = meaningInput(c);
  const z = clusterZScores(X, labels, 3);
  expect([0, 1, 2].map((r) => z.data[r * 3 + 1])).toEqual([0, 0, 0]);
  // 10, 20, 30 around 20 with population sd sqrt(200/3).
  const s = Math.sqrt(200 / 3);
  [-10 / s, 0, 10 / s].forEach((v, r) => expect(z.data[r * 3 + 2]).toBeCloseTo(v, 14));
});

test("with standard scaling and k-means' centres, the z-scores are the centres themselves", () => {
  const c = meaning.cases.find((m) => m.name === "iris")!;
  const { X, labels } = meaningInput(c);
  const z = clusterZScores(X, labels, c.k);
  c.centers.flat().forEach((v, i) => expect(Math.abs(z.data[i] - v)).toBeLessThan(1e-12));
});

test("a cluster with no rows gets NaNs; the others are unaffected", () => {
  const X = fromRows([[1], [2], [5], [6]]);
  const z = clusterZScores(X, [0, 0, 2, 2], 3);
  expect(z.data[1]).toBeNaN();
  // Mean 3.5, population sd sqrt(4.25); the clusters sit 2 below and above.
  expect(z.data[0]).toBeCloseTo(-2 / Math.sqrt(4.25), 14);
  expect(z.data[2]).toBeCloseTo(2 / Math.sqrt(4.25), 14);
});

test("bad labels are refused in words that name the row", () => {
  const X = fromRows([[1], [2], [3]]);
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(isEngineError(e) && e.code).toBe("BAD_LABELS");
      return (e as Error).message;
    }
    throw new Error("did not throw");
  };
  expect(message(() => clusterZScores(X, [0, 1], 2))).toBe("labels has 2 entries but X has 3 rows");
  expect(message(() => clusterZScores(X, [0, 1, 2], 2))).toBe(
    "label 2 at row 2 is outside 0..1 (or -1 for noise)",
  );
  expect(message(() => clusterZScores(X, [0, 0.5, 1], 2))).toBe(
    "label 0.5 at row 1 is outside 0..1 (or -1 for noise)",
  );
});
