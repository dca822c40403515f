import { createSharedCache } from "../../src/functions/cache";
import { centroids, elbow, inertia, labels, silhouette } from "../../src/functions/functions";
import { setRunner, type Runner } from "../../src/worker/sharedRunner";
import type { KMeansReport } from "../../src/model";
import { excel, excelErrorOf, invocation, irisRows, until, useCountingRunner } from "./helpers";

const runner = useCountingRunner();

describe("identical inputs compute once", () => {
  test("LABELS then CENTROIDS over the same data and settings: one fit", async () => {
    await excel(labels, irisRows(), 3);
    await excel(centroids, irisRows(), 3, null, null, null, true);
    expect(runner.current.jobs).toHaveLength(1);
  });

  test("LABELS, CENTROIDS, INERTIA and SILHOUETTE issued together share the fit in flight", async () => {
    const results = await Promise.all([
      excel(labels, irisRows(), 3, "standard", 42, 10),
      excel(centroids, irisRows(), 3),
      excel(inertia, irisRows(), 3, null, null, null),
      excel(silhouette, irisRows(), 3),
    ]);
    expect(results.every((r) => r !== undefined)).toBe(true);
    expect(runner.current.jobs).toHaveLength(1);
  });

  test("the defaults written out are the same settings, so the same cache entry", async () => {
    await excel(labels, irisRows(), 3);
    await excel(labels, irisRows(), 3, "Standard", 42, 10);
    expect(runner.current.jobs).toHaveLength(1);
  });

  test("a different k, seed, scaling or n_init, or different numbers, is a new fit", async () => {
    await excel(labels, irisRows(), 3);
    await excel(labels, irisRows(), 4);
    await excel(labels, irisRows(), 3, null, 7);
    await excel(labels, irisRows(), 3, "minmax");
    await excel(labels, irisRows(), 3, null, null, 5);
    const changed = irisRows();
    changed[77][2] += 1e-12;
    await excel(labels, changed, 3);
    expect(runner.current.jobs).toHaveLength(6);
  });

  test("the same numbers with other blank or text rows around them reuse the fit, each keeping its own rows", async () => {
    const plain = (await excel(labels, irisRows(), 3)) as unknown[][];
    const withHeader = (await excel(labels, [["a", "b", "c", "d"], ...irisRows()], 3)) as unknown[][];
    expect(runner.current.jobs).toHaveLength(1);
    expect(withHeader).toEqual([[""], ...plain]);
  });

  test("ELBOW is cached apart from the fits", async () => {
    await excel(elbow, irisRows(), 2, 4);
    await excel(elbow, irisRows(), 2, 4);
    await excel(labels, irisRows(), 3);
    expect(runner.current.jobs.map((j) => j.kind)).toEqual(["sweep", "fit"]);
  });

  test("the cache keeps the 32 most recently used results", async () => {
    for (let seed = 0; seed < 33; seed++) await excel(inertia, irisRows(), 2, null, seed, 1);
    expect(runner.current.jobs).toHaveLength(33);
    await excel(inertia, irisRows(), 2, null, 32, 1); // newest: kept
    await excel(inertia, irisRows(), 2, null, 1, 1); // second oldest: kept
    expect(runner.current.jobs).toHaveLength(33);
    await excel(inertia, irisRows(), 2, null, 0, 1); // oldest: evicted
    expect(runner.current.jobs).toHaveLength(34);
  });
});

/** A fit of [[1], [5], [2]] into 2 clusters, as far as LABELS and CENTROIDS read one. */
const FAKE_FIT = {
  kind: "fit",
  labels: Int32Array.from([0, 1, 0]),
  centers: { data: Float64Array.from([1.5, 5]), rows: 2, cols: 1 },
  profile: [{ size: 2 }, { size: 1 }],
} as unknown as KMeansReport;

/** A runner whose jobs wait until the test releases them, and that rejects like a worker when aborted. */
function heldRunner() {
  const signals: AbortSignal[] = [];
  const releases: (() => void)[] = [];
  const runner: Runner = {
    run: (_job, options) =>
      new Promise((resolve, reject) => {
        signals.push(options!.signal!);
        options!.signal!.addEventListener("abort", () => {
          const e = new Error("Cancelled");
          e.name = "AbortError";
          reject(e);
        });
        releases.push(() => resolve(FAKE_FIT as never));
      }),
  };
  return { runner, signals, releases };
}

describe("Excel's cancel", () => {
  const data = [[1], [5], [2]];

  test("stops the computation when the only cell waiting for it is cancelled", async () => {
    const held = heldRunner();
    setRunner(held.runner);
    const inv = invocation();
    const pending = excel(labels, data, 2, null, null, null, null, inv);
    await until(() => held.signals.length > 0);
    expect(held.signals).toHaveLength(1);
    inv.cancel();
    expect(held.signals[0].aborted).toBe(true);
    expect(await excelErrorOf(pending)).toMatchObject({ code: "#N/A" });
    // Cancelled work is not cached: the next call computes afresh.
    void excel(labels, data, 2);
    await until(() => held.signals.length > 1);
    expect(held.signals).toHaveLength(2);
    held.releases[1]();
  });

  test("keeps computing while another cell still waits for the same fit", async () => {
    const held = heldRunner();
    setRunner(held.runner);
    const a = invocation();
    const b = invocation();
    const first = excel(labels, data, 2, null, null, null, null, a);
    const second = excel(centroids, data, 2, null, null, null, null, null, b);
    await until(() => held.signals.length > 0);
    // Both calls have reached the cache (the second shares the first's fit) before either is cancelled.
    await new Promise((r) => setImmediate(r));
    expect(held.signals).toHaveLength(1);
    a.cancel();
    expect(held.signals[0].aborted).toBe(false);
    held.releases[0]();
    await expect(first).resolves.toEqual([[1], [2], [1]]);
    await expect(second).resolves.toEqual([[1.5], [5]]);
  });
});

describe("createSharedCache", () => {
  test("a caller without a signal keeps the computation alive whatever the others do", async () => {
    const cache = createSharedCache<number>(4);
    let aborted = false;
    const finish: ((value: number) => void)[] = [];
    const compute = (signal: AbortSignal) =>
      new Promise<number>((resolve) => {
        signal.addEventListener("abort", () => (aborted = true));
        finish.push(resolve);
      });
    const c = new AbortController();
    const a = cache.get("x", compute, c.signal);
    const b = cache.get("x", compute);
    c.abort();
    expect(aborted).toBe(false);
    finish[0](7);
    expect(await a).toBe(7);
    expect(await b).toBe(7);
    expect(cache.size).toBe(1);
  });

  test("a caller whose signal is already aborted starts nothing", async () => {
    const cache = createSharedCache<number>(4);
    const c = new AbortController();
    c.abort();
    const compute = jest.fn(() => Promise.resolve(1));
    await expect(cache.get("x", compute, c.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(compute).not.toHaveBeenCalled();
    expect(cache.size).toBe(0);
  });

  test("a computation that throws at once becomes a rejection, and is not kept", async () => {
    const cache = createSharedCache<number>(4);
    await expect(
      cache.get("x", () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(cache.size).toBe(0);
  });
});
