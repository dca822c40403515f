import { EngineError, fitScaler, kmeans } from "../../src/engine";
import { createClusterClient, type ClusterClient } from "../../src/worker/client";
import { runJob } from "../../src/worker/handler";
import type { FitJob, Progress, SweepJob } from "../../src/worker/protocol";
import type { KMeansSettings } from "../../src/model";
import { FOUR_CENTRES, blobs, fitSettings, noise, sweepSettings } from "./data";
import { allWorkersExited, spawnNodeWorker } from "./nodeWorker";

// Each worker thread compiles the TypeScript it runs on start, which takes a second or two on a busy machine.
jest.setTimeout(60_000);

const X = blobs(2000, FOUR_CENTRES, 2, 11);

function monotonicToOne(seen: Progress[]): void {
  expect(seen.length).toBeGreaterThan(0);
  for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
  expect(seen.every((p) => p.fraction >= 0 && p.fraction <= 1)).toBe(true);
  expect(seen[seen.length - 1].fraction).toBe(1);
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

describe("one worker", () => {
  let client: ClusterClient;
  beforeAll(() => {
    client = createClusterClient({ spawn: spawnNodeWorker, poolSize: 1 });
  });
  afterAll(() => client.dispose());

  test("a fit round trip equals the engine called directly", async () => {
    const job: FitJob<KMeansSettings> = { kind: "fit", X, settings: fitSettings() };
    const output = await client.run(job);
    const Xs = fitScaler(X, "standard").transform(X);
    const direct = kmeans(Xs, { k: 4, nInit: 4, maxIter: 300, tol: 1e-4, seed: 7 });
    expect(output.labels).toEqual(direct.labels);
    expect(output.inertia).toBe(direct.inertia);
    expect(output).toStrictEqual(runJob(job, () => {}).output);
  });

  test("the caller's X is copied, not detached: it is intact after the run", async () => {
    const before = X.data.slice();
    await client.run({ kind: "fit", X, settings: fitSettings({ nInit: 1 }) });
    expect(X.data.byteLength).toBe(before.byteLength);
    expect(X.data).toEqual(before);
  });

  test("progress arrives, by run and iteration, monotonic and ending at 1", async () => {
    const seen: Progress[] = [];
    await client.run(
      { kind: "fit", X, settings: fitSettings({ tol: 0 }) },
      { onProgress: (p) => seen.push(p) },
    );
    monotonicToOne(seen);
    expect(seen[0].message).toMatch(/^Run 1 of 4, iteration \d+$/);
    expect(seen[seen.length - 1].message).toBe("Done");
  });

  test("an engine error arrives as EngineError with the engine's code and message", async () => {
    const tiny = { data: X.data.slice(0, 9), rows: 3, cols: 3 };
    const e = await rejection(client.run({ kind: "fit", X: tiny, settings: fitSettings({ k: 4 }) }));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe("TOO_FEW_SAMPLES");
    expect(e.message).toBe("n_samples=3 should be >= k=4");
    // The worker survives an engine error: the next run needs no respawn.
    await expect(client.run({ kind: "fit", X, settings: fitSettings({ nInit: 1 }) })).resolves.toBeDefined();
  });

  test("aborting a big job rejects at once with AbortError, and the client works again", async () => {
    const big = noise(300_000, 8, 5);
    const controller = new AbortController();
    let started!: () => void;
    const firstProgress = new Promise<void>((resolve) => (started = resolve));
    const running = client.run(
      { kind: "fit", X: big, settings: fitSettings({ k: 20, nInit: 10, tol: 0 }) },
      { signal: controller.signal, onProgress: started },
    );
    await firstProgress;
    const outcome = rejection(running);
    controller.abort();
    // At once: rejected before this thread's event loop turns again, so before anything from the worker
    // (its messages, its exit) could have been waited for; how fast the machine is does not come into it.
    const nextTurn = new Promise<"still pending">((resolve) => setImmediate(() => resolve("still pending")));
    const first = await Promise.race([outcome, nextTurn]);
    expect(first).toBeInstanceOf(Error);
    const e = first as Error;
    expect(e.name).toBe("AbortError");
    expect(e.message).toBe("Cancelled");
    // The thread itself stops, not just its messages: the job was killed, not left to finish (a worker left
    // to finish would then idle, waiting for its next job, and never exit).
    await allWorkersExited();
    const again = await client.run({ kind: "fit", X, settings: fitSettings({ nInit: 1 }) });
    expect(again.labels).toHaveLength(X.rows);
  });

  test("an already aborted signal rejects without starting anything", async () => {
    const e = await rejection(
      client.run({ kind: "fit", X, settings: fitSettings() }, { signal: AbortSignal.abort() }),
    );
    expect(e.name).toBe("AbortError");
  });
});

describe("a pool of two gives what one worker gives", () => {
  let one: ClusterClient;
  let two: ClusterClient;
  let spawnedByTwo = 0;
  beforeAll(() => {
    one = createClusterClient({ spawn: spawnNodeWorker, poolSize: 1 });
    two = createClusterClient({
      spawn: () => {
        spawnedByTwo++;
        return spawnNodeWorker();
      },
      poolSize: 2,
    });
  });
  afterAll(() => {
    one.dispose();
    two.dispose();
  });

  test("a fit with nInit = 6, split into runs jobs, merged and scored", async () => {
    // Overlapping blobs and a silhouette sample, so the winner and the sampled score are both at stake.
    const job: FitJob = {
      kind: "fit",
      X: blobs(3000, FOUR_CENTRES, 3, 2),
      settings: fitSettings({ k: 5, nInit: 6, seed: 3, silhouetteSampleSize: 1000 }),
    };
    const seen: Progress[] = [];
    const [single, pooled] = await Promise.all([
      one.run(job),
      two.run(job, { onProgress: (p) => seen.push(p) }),
    ]);
    expect(pooled).toStrictEqual(single);
    expect(spawnedByTwo).toBe(2);
    expect(single.silhouetteSampled).toBe(true);
    monotonicToOne(seen);
  });

  test("a sweep k = 2..6, one k per worker job, rows in k order", async () => {
    const job: SweepJob = { kind: "sweep", X, settings: sweepSettings({ kMin: 2, kMax: 6, nInit: 3 }) };
    const seen: Progress[] = [];
    const [single, pooled] = await Promise.all([
      one.run(job),
      two.run(job, { onProgress: (p) => seen.push(p) }),
    ]);
    expect(pooled).toStrictEqual(single);
    expect(pooled.rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
    monotonicToOne(seen);
  });

  test("an engine error in a split fit is the single fit's error", async () => {
    const tiny = { data: X.data.slice(0, 9), rows: 3, cols: 3 };
    const e = await rejection(two.run({ kind: "fit", X: tiny, settings: fitSettings({ k: 4, nInit: 6 }) }));
    expect(e).toBeInstanceOf(EngineError);
    expect(e.message).toBe("n_samples=3 should be >= k=4");
  });
});

test("dispose leaves no worker thread running", async () => {
  await allWorkersExited();
});
