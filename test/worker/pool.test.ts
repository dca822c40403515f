import { createClusterClient, createInlineClient } from "../../src/worker/client";
import { runJob } from "../../src/worker/handler";
import type { FitJob, Progress, SweepJob, WorkerResponse } from "../../src/worker/protocol";
import { FOUR_CENTRES, blobs, fitSettings, sweepSettings } from "./data";
import { spawnFakeWorker, type FakeWorker } from "./fakeWorker";

const X = blobs(300, FOUR_CENTRES, 2.5, 4);
const fit: FitJob = { kind: "fit", X, settings: fitSettings({ nInit: 5 }) };

function recordingSpawn() {
  const workers: FakeWorker[] = [];
  return {
    workers,
    spawn: () => {
      const w = spawnFakeWorker();
      workers.push(w);
      return w;
    },
  };
}

describe("the pool, with in-thread workers", () => {
  test("splits a fit over three workers and still gives the single-worker output", async () => {
    const { spawn, workers } = recordingSpawn();
    const client = createClusterClient({ spawn, poolSize: 3 });
    const pooled = await client.run(fit);
    expect(pooled).toStrictEqual(runJob(fit, () => {}).output);
    expect(workers).toHaveLength(3);
    expect(X.data.byteLength).toBeGreaterThan(0);
  });

  test("the score job gives the single worker's sampled silhouette by cluster and scatter", async () => {
    const client = createClusterClient({ spawn: spawnFakeWorker, poolSize: 2 });
    const settings = fitSettings({
      nInit: 4,
      silhouetteSampleSize: 90,
      scatterSampleSize: 70,
      scatterAxes: [2, 1],
    });
    const job: FitJob = { kind: "fit", X, settings };
    const single = runJob(job, () => {}).output;
    const pooled = await client.run(job);
    expect(pooled).toStrictEqual(single);
    expect(single.silhouetteSampled).toBe(true);
    expect(single.scatter).toMatchObject({ sampled: true, axes: [2, 1] });
    expect(single.silhouetteByCluster).toHaveLength(4);
    client.dispose();
  });

  test("splits a sweep with more ks than workers", async () => {
    const client = createClusterClient({ spawn: spawnFakeWorker, poolSize: 3 });
    const job: SweepJob = { kind: "sweep", X, settings: sweepSettings({ kMin: 2, kMax: 8, nInit: 2 }) };
    expect(await client.run(job)).toStrictEqual(runJob(job, () => {}).output);
  });

  test("a crashed worker fails its job, and the next job gets a new worker", async () => {
    const { spawn, workers } = recordingSpawn();
    const client = createClusterClient({ spawn, poolSize: 1 });
    const running = client.run(fit);
    workers[0].crash("out of memory");
    await expect(running).rejects.toThrow("The clustering worker failed: out of memory");
    expect(workers[0].terminated).toBe(true);
    await expect(client.run(fit)).resolves.toMatchObject({ kind: "fit" });
    expect(workers).toHaveLength(2);
  });

  test("cancelling a queued job leaves the running one and its worker alone", async () => {
    const { spawn, workers } = recordingSpawn();
    const client = createClusterClient({ spawn, poolSize: 1 });
    const controller = new AbortController();
    const first = client.run(fit);
    const second = client.run(fit, { signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toMatchObject({ name: "AbortError", message: "Cancelled" });
    await expect(first).resolves.toMatchObject({ kind: "fit" });
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
  });

  test("cancelling a split fit between its stages starts no scoring job", async () => {
    const { spawn, workers } = recordingSpawn();
    const client = createClusterClient({ spawn, poolSize: 2 });
    const controller = new AbortController();
    const running = client.run(fit, { signal: controller.signal });
    let results = 0;
    for (const w of workers) {
      w.afterDelivery = (data) => {
        // Both runs jobs are in: abort before the merge (a microtask away) can send the score job.
        if ((data as WorkerResponse).type === "result" && ++results === 2) controller.abort();
      };
    }
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    // A score job would be posted (and so recorded) in a microtask of the merge; once this thread's event
    // loop has turned, every one of those has run. No sleep: a wait for a time proves nothing on a slow machine.
    await new Promise((resolve) => setImmediate(resolve));
    expect(workers.flatMap((w) => w.jobs)).toEqual(["part", "part"]);
  });

  test("dispose rejects the running job and terminates its worker", async () => {
    const { spawn, workers } = recordingSpawn();
    const client = createClusterClient({ spawn, poolSize: 1 });
    const running = client.run(fit);
    client.dispose();
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    expect(workers[0].terminated).toBe(true);
  });

  test("poolSize must be a positive integer", () => {
    expect(() => createClusterClient({ spawn: spawnFakeWorker, poolSize: 0 })).toThrow(RangeError);
  });
});

describe("createInlineClient", () => {
  const client = createInlineClient();

  test("gives the worker's output on this thread, leaving X as it was", async () => {
    const before = X.data.slice();
    expect(await client.run(fit)).toStrictEqual(runJob(fit, () => {}).output);
    expect(X.data).toEqual(before);
  });

  test("reports progress and honours an abort at the next report", async () => {
    const controller = new AbortController();
    const seen: Progress[] = [];
    const running = client.run(fit, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ name: "AbortError", message: "Cancelled" });
    expect(seen).toHaveLength(1);
  });

  test("rejects an already aborted signal", async () => {
    await expect(client.run(fit, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
