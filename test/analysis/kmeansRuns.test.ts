import { EngineError, fitScaler, kmeans, pickBest, type KMeansAlgorithm } from "../../src/engine";
import { runJob } from "../../src/worker/handler";
import { mergeRuns, splitRuns } from "../../src/analysis/kmeansPlan";
import type { RunResult } from "../../src/analysis/kmeansRuns";
import type { KMeansSettings } from "../../src/model";
import type { Progress, WireMatrix } from "../../src/worker/protocol";
import { FOUR_CENTRES, blobs, fitSettings } from "../worker/data";

/** A part job of a pooled k-means fit: the listed runs, each returned. */
const runsOf = (
  X: WireMatrix,
  settings: KMeansSettings,
  runs: number[],
  onProgress: (p: Progress) => void = () => {},
) => runJob({ kind: "part", X, settings, part: runs }, onProgress).output.result as RunResult[];

/** What the pool does, in one thread: runs jobs over chunks, the merge, then the score job. */
function fitInChunks(X: ReturnType<typeof blobs>, settings: KMeansSettings, chunks: number[][]) {
  const results = chunks.flatMap((runs) => runsOf(X, settings, runs));
  const clustering = mergeRuns(results, settings.k);
  return { results, output: runJob({ kind: "finish", X, settings, merged: clustering }, () => {}).output };
}

describe("runs jobs merged by the engine's winner rule", () => {
  // Overlapping blobs, so runs end in different local minima and the winner is not always run 0.
  const X = blobs(400, FOUR_CENTRES, 2.5, 3);
  const cases: [number, number, KMeansAlgorithm][] = [
    [5, 42, "hamerly"],
    [6, 1, "lloyd"],
    [3, 9, "hamerly"],
  ];

  test.each(cases)(
    "k=%i seed=%i %s: every run and the scored winner equal the single fit",
    (k, seed, algorithm) => {
      const settings = fitSettings({ k, seed, algorithm, nInit: 6 });
      const single = runJob({ kind: "fit", X, settings }, () => {}).output;
      const { results, output } = fitInChunks(X, settings, [[0, 1], [2, 3, 4], [5]]);
      const Xs = fitScaler(X, "standard").transform(X);
      const full = kmeans(Xs, { k, seed, algorithm, nInit: 6, maxIter: 300, tol: 1e-4 });
      expect(results.map((r) => r.summary)).toStrictEqual(full.runs);
      expect(output).toStrictEqual(single);
    },
  );

  test("a single-run chunk anywhere is that run of the full fit", () => {
    const settings = fitSettings({ k: 4, nInit: 6, seed: 5 });
    const Xs = fitScaler(X, "standard").transform(X);
    const ref = kmeans(Xs, { k: 4, nInit: 6, seed: 5, maxIter: 300, tol: 1e-4, runs: [4] });
    const [only] = runsOf(X, settings, [4]);
    expect(only.labels).toEqual(ref.labels);
    expect(only.centersScaled).toEqual(ref.centers);
    expect(only.summary).toStrictEqual(ref.runs[0]);
  });

  test("progress runs over the job's own runs and ends at 1", () => {
    const seen: number[] = [];
    runsOf(X, fitSettings({ nInit: 6, tol: 0 }), [3, 4, 5], (p) => seen.push(p.fraction));
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen[seen.length - 1]).toBe(1);
  });

  test.each([
    ["k above the rows", { k: 500 }],
    ["a bad seed", { seed: -1 }],
    ["a bad maxIter", { maxIter: 0 }],
    ["a bad nInit", { nInit: 0 }],
  ])("%s fails with the single fit's EngineError", (_, overrides) => {
    const settings = fitSettings({ nInit: 6, ...overrides });
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error("did not throw");
    };
    const single = thrown(() => runJob({ kind: "fit", X, settings }, () => {}));
    const chunk = thrown(() => runsOf(X, settings, [2, 3]));
    expect(single).toBeInstanceOf(EngineError);
    expect(chunk).toStrictEqual(single);
    expect((chunk as EngineError).code).toBe((single as EngineError).code);
  });
});

describe("mergeRuns", () => {
  const result = (run: number, labels: number[], inertia: number): RunResult => ({
    labels: Int32Array.from(labels),
    centersScaled: { data: new Float64Array(2), rows: 2, cols: 1 },
    summary: { run, inertia, nIter: 3, converged: true },
    warnings: [],
  });

  test("needs every run: merging chunk winners can pick another run than the full fit", () => {
    // Run 1 is run 0 relabelled with a lower inertia, so it cannot replace run 0; run 2 then can.
    const runs = [result(0, [0, 0, 1, 1], 10), result(1, [1, 1, 0, 0], 9), result(2, [0, 1, 1, 1], 9.5)];
    const full = pickBest(
      runs.map((r) => ({ labels: r.labels, inertia: r.summary.inertia })),
      2,
    );
    expect(full).toBe(2);
    expect(mergeRuns(runs, 2).bestRun).toBe(2);
    // Chunks [0] and [1, 2]: the second chunk alone keeps run 1, which then loses to run 0.
    const chunkWinners = [runs[0], runs[1]];
    const merged = pickBest(
      chunkWinners.map((r) => ({ labels: r.labels, inertia: r.summary.inertia })),
      2,
    );
    expect(chunkWinners[merged].summary.run).toBe(0);
  });

  test("keeps every run's summary in order and the winner's labels, centres and warnings", () => {
    const runs = [result(0, [0, 0, 1, 1], 10), result(1, [0, 1, 1, 1], 8)];
    runs[1].warnings.push("w");
    const c = mergeRuns(runs, 2);
    expect(c).toMatchObject({ bestRun: 1, inertia: 8, nIter: 3, converged: true, warnings: ["w"] });
    expect(c.labels).toBe(runs[1].labels);
    expect(c.runs).toEqual([runs[0].summary, runs[1].summary]);
  });
});

describe("splitRuns", () => {
  test("contiguous chunks, sizes within one, larger first", () => {
    expect(splitRuns(10, 3)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(splitRuns(6, 2)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(splitRuns(2, 2)).toEqual([[0], [1]]);
  });
});
