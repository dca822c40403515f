import { fitScaler, fromRows, silhouetteScore } from "../../src/engine";
import { clearCache } from "../../src/functions/calls";
import * as functions from "../../src/functions/functions";
import { loadFixture, maxAbsDiff, relError } from "../engine/fixtures";
import { excel, excelErrorOf, irisRows, useCountingRunner } from "./helpers";

const iris = loadFixture("iris");
const ref = iris.kmeanspp.find((c) => c.k === 3 && c.random_state === 42 && c.n_init === 10)!;
const { centroids, elbow, inertia, labels, predict, silhouette } = functions;

/** Iris with what a real sheet has in it: a header, a blank row, text, booleans and error values. */
function messyIris(): { values: unknown[][]; junkRows: number[] } {
  const values: unknown[][] = irisRows();
  const junk: [number, unknown[]][] = [
    [0, ["sepal length", "sepal width", "petal length", "petal width"]],
    [10, ["", "", "", ""]],
    [20, [5.1, "n/a", 1.4, 0.2]],
    [40, [5.0, 3.3, true, 0.2]],
    [60, [6.1, 2.8, { code: "#N/A", message: "lookup failed" }, 1.2]],
    [90, ["#DIV/0!", 3.0, 4.2, 1.2]],
    [152, [null, 3.0, 4.2, 1.2]],
  ];
  for (const [at, row] of junk) values.splice(at, 0, row);
  return { values, junkRows: junk.map(([at]) => at) };
}

const runner = useCountingRunner();

describe("LABELS", () => {
  test("equals scikit-learn's labels (+1) with the pane's defaults: standard scaling, seed 42, n_init 10", async () => {
    const out = (await excel(labels, irisRows(), 3, null, null, null)) as number[][];
    expect(out).toEqual(ref.labels.map((l) => [l + 1]));
  });

  test("blank, text, boolean and error rows get an empty cell in place; the rest are unchanged", async () => {
    const { values, junkRows } = messyIris();
    const out = (await excel(labels, values, 3)) as unknown[][];
    expect(out).toHaveLength(values.length);
    expect(out.every((row) => row.length === 1)).toBe(true);
    for (const r of junkRows) expect(out[r]).toEqual([""]);
    const kept = out.filter((_, i) => !junkRows.includes(i)).map((row) => (row[0] as number) - 1);
    expect(kept).toEqual(ref.labels);
  });

  test("is deterministic: a recalculation after the cache is gone gives the same labels", async () => {
    const first = await excel(labels, irisRows(), 3);
    clearCache();
    expect(await excel(labels, irisRows(), 3)).toEqual(first);
    expect(runner.current.jobs).toHaveLength(2);
  });

  test("passes scaling (in any case), seed and n_init on in the pane's settings", async () => {
    await excel(labels, irisRows(), 4, "MinMax", 7, 3);
    expect(runner.current.jobs[0]).toMatchObject({
      kind: "fit",
      settings: {
        k: 4,
        scaling: "minmax",
        seed: 7,
        nInit: 3,
        maxIter: 300,
        tol: 1e-4,
        silhouetteSampleSize: 20000,
      },
    });
  });
});

describe("CENTROIDS, INERTIA, SILHOUETTE", () => {
  const scaler = fitScaler(fromRows(iris.X), "standard");
  const refCentres = scaler.inverseTransform(fromRows(ref.centers));

  test("CENTROIDS gives k rows in original units, cluster 1 first", async () => {
    const out = (await excel(centroids, irisRows(), 3)) as number[][];
    expect(out).toHaveLength(3);
    expect(out.every((r) => r.length === 4)).toBe(true);
    expect(maxAbsDiff(out.flat(), refCentres.data)).toBeLessThan(1e-9);
  });

  test("with_size TRUE starts each row with the cluster's row count", async () => {
    const out = (await excel(centroids, irisRows(), 3, null, null, null, true)) as number[][];
    const sizes = [0, 1, 2].map((c) => ref.labels.filter((l) => l === c).length);
    expect(out.map((r) => r[0])).toEqual(sizes);
    expect(
      maxAbsDiff(
        out.flatMap((r) => r.slice(1)),
        refCentres.data,
      ),
    ).toBeLessThan(1e-9);
  });

  test("INERTIA is scikit-learn's inertia_ (scaled space)", async () => {
    const [[out], ...more] = (await excel(inertia, irisRows(), 3)) as number[][];
    expect(more).toEqual([]);
    expect(relError(out, ref.inertia)).toBeLessThan(1e-9);
  });

  test("SILHOUETTE is the mean silhouette of the clustering, in the scaled space", async () => {
    const [[out], ...more] = (await excel(silhouette, irisRows(), 3)) as number[][];
    expect(more).toEqual([]);
    const Xs = scaler.transform(fromRows(iris.X));
    expect(out).toBeCloseTo(silhouetteScore(Xs, ref.labels), 12);
  });

  test("SILHOUETTE is #N/A with a reason when the clustering has a single cluster", async () => {
    const same = [
      [1, 2],
      [1, 2],
      [1, 2],
      [1, 2],
    ];
    const e = await excelErrorOf(excel(silhouette, same, 2));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/silhouette is undefined/);
  });
});

describe("ELBOW", () => {
  test("a header row, then k, inertia and silhouette for each k", async () => {
    const out = (await excel(elbow, irisRows(), 2, 5)) as unknown[][];
    expect(out[0]).toEqual(["k", "inertia", "silhouette"]);
    expect(out.slice(1).map((r) => r[0])).toEqual([2, 3, 4, 5]);
    // k = 3 of the sweep is the same fit as INERTIA's.
    expect(relError(out[2][1] as number, ref.inertia)).toBeLessThan(1e-9);
    for (const r of out.slice(1)) expect(typeof r[2]).toBe("number");
  });

  test("k_min and k_max default to the pane's 2 to 10, k_max capped at the usable rows", async () => {
    const full = (await excel(elbow, irisRows())) as unknown[][];
    expect(full.slice(1).map((r) => r[0])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const small = (await excel(elbow, [[1], [2], [10], [11]], null, null)) as unknown[][];
    expect(small.slice(1).map((r) => r[0])).toEqual([2, 3, 4]);
    // k = 4 on 4 rows puts each row alone: no silhouette, so #N/A (a gap in a chart).
    expect(small[3][2]).toMatchObject({ code: "#N/A" });
  });
});

describe("PREDICT", () => {
  test("with the training data as scaling reference, it gives the training rows their LABELS", async () => {
    const centres = await excel(centroids, irisRows(), 3);
    const out = await excel(predict, irisRows(), centres, irisRows(), null);
    expect(out).toEqual(await excel(labels, irisRows(), 3));
  });

  test("new rows: nearest centroid, 1-based; blank or text rows get an empty cell", async () => {
    const centres = [
      [0, 0],
      [10, 10],
    ];
    const out = await excel(
      predict,
      [
        [1, 1],
        ["", ""],
        [9, 8],
        ["x", 3],
        [4.9, 5],
      ],
      centres,
      null,
      null,
    );
    expect(out).toEqual([[1], [""], [2], [""], [1]]);
  });

  test("without a reference the distance is in original units; with one, in the reference's scaled units", async () => {
    // Column 2 spans thousands, column 1 units: unscaled, column 2 decides; standardised, both count.
    const reference = [
      [0, 0],
      [1, 1000],
      [0, 2000],
      [1, 3000],
    ];
    const centres = [
      [0, 1000],
      [1, 1400],
    ];
    const row = [[1, 1100]];
    expect(await excel(predict, row, centres, null, null)).toEqual([[1]]);
    expect(await excel(predict, row, centres, reference, null)).toEqual([[2]]);
  });

  test("a reference of tiny spread that puts new rows beyond Excel's numbers once scaled is named, not NaN", async () => {
    const reference = [
      [0, 1],
      [1e-300, 2],
    ];
    const centres = [
      [0, 1],
      [0, 2],
    ];
    const e = await excelErrorOf(
      excel(
        predict,
        [
          [0, 1],
          [5e10, 1],
        ],
        centres,
        reference,
        null,
      ),
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(
      "Row 2, column 1 of new_data lies too far from scaling_reference's values once scaled: the distances exceed the largest number Excel holds. Give the data the centroids were fitted on as scaling_reference.",
    );
  });

  test("PREDICT computes on the spot: no worker job, nothing cached", async () => {
    await excel(predict, [[1, 1]], [[0, 0]], null, null);
    expect(runner.current.jobs).toHaveLength(0);
  });
});
