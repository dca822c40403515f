import { getRunner, setRunner, type Runner } from "../../src/worker/sharedRunner";
import { createLazyRunner } from "../../src/worker/lazyRunner";
import type { ClusterClient } from "../../src/worker/client";
import { createInlineClient } from "../../src/worker/inlineClient";
import type { FitJob } from "../../src/worker/protocol";

const job: FitJob = {
  kind: "fit",
  X: { data: Float64Array.from([0, 0, 1, 1, 10, 10, 11, 11]), rows: 4, cols: 2 },
  settings: {
    k: 2,
    scaling: "none",
    nInit: 1,
    maxIter: 300,
    tol: 1e-4,
    seed: 42,
    silhouetteSampleSize: 20000,
  },
};

afterEach(() => setRunner(null));

describe("getRunner", () => {
  test("without Worker (Node, the tests) the default computes on the calling thread", async () => {
    expect(typeof Worker).toBe("undefined");
    const fit = await getRunner().run(job);
    const [a, b, c, d] = Array.from(fit.labels);
    expect([a === b, c === d, a !== c]).toEqual([true, true, true]);
    expect(getRunner()).toBe(getRunner());
  });

  test("a runner handed over (the task pane's pool) is used until taken back", () => {
    const given: Runner = createInlineClient();
    setRunner(given);
    expect(getRunner()).toBe(given);
    setRunner(null);
    expect(getRunner()).not.toBe(given);
  });
});

/** A client whose runs wait for the test, counting what was disposed. */
function fakeClient() {
  const finish: (() => void)[] = [];
  let disposed = 0;
  const client = {
    run: () => new Promise((resolve) => finish.push(() => resolve({ kind: "fit" }))),
    dispose: () => void disposed++,
  } as unknown as ClusterClient;
  return { client, finish, disposed: () => disposed };
}

describe("createLazyRunner (the browser's own pool)", () => {
  test("loads the pool on the first run only", async () => {
    const fake = fakeClient();
    const load = jest.fn(() => Promise.resolve(fake.client));
    const runner = createLazyRunner(load);
    expect(load).not.toHaveBeenCalled();
    const a = runner.run(job);
    const b = runner.run(job);
    await new Promise((r) => setTimeout(r, 0));
    fake.finish.forEach((f) => f());
    await Promise.all([a, b]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  test("a failed load fails that run and is tried again on the next", async () => {
    const fake = fakeClient();
    const load = jest
      .fn<Promise<ClusterClient>, []>()
      .mockRejectedValueOnce(new Error("Loading chunk 196 failed"))
      .mockResolvedValue(fake.client);
    const runner = createLazyRunner(load);
    await expect(runner.run(job)).rejects.toThrow("Loading chunk 196 failed");
    const again = runner.run(job);
    await new Promise((r) => setTimeout(r, 0));
    fake.finish[0]();
    await expect(again).resolves.toEqual({ kind: "fit" });
    expect(load).toHaveBeenCalledTimes(2);
  });

  test("retired while computing, it disposes of its pool once its runs are done", async () => {
    const fake = fakeClient();
    const runner = createLazyRunner(() => Promise.resolve(fake.client));
    const running = runner.run(job);
    await new Promise((r) => setTimeout(r, 0));
    runner.retire();
    expect(fake.disposed()).toBe(0);
    fake.finish[0]();
    await running;
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.disposed()).toBe(1);
  });
});
