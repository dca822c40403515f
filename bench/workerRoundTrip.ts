/**
 * What the pane pays for running the fit in a worker instead of on its own thread: the same fit job
 * (scale, best of 10 k-means++ runs, scoring, profile, scatter data) once through runJob on this thread
 * and once through the client and a worker thread, which copies X across and the results back.
 */
import type { Matrix } from "../src/engine";
import { DEFAULT_OPTIONS, fitSettings } from "../src/taskpane/options";
import { createClusterClient } from "../src/worker/client";
import { runJob } from "../src/worker/handler";
import type { FitJob } from "../src/worker/protocol";
import { spawnNodeWorker } from "../test/worker/nodeWorker";
import { median } from "./timing";

export type RoundTrip = { inlineSeconds: number; workerSeconds: number; overheadSeconds: number };

export async function measureWorkerRoundTrip(X: Matrix, k: number, repeats = 3): Promise<RoundTrip> {
  const job = (): FitJob => ({ kind: "fit", X, settings: fitSettings(DEFAULT_OPTIONS, k) });
  const client = createClusterClient({ spawn: spawnNodeWorker, poolSize: 1 });
  try {
    // The first job starts the thread and compiles its TypeScript; a real pane pays that once, at load.
    await client.run({
      kind: "fit",
      X: { data: X.data.slice(0, 64 * X.cols), rows: 64, cols: X.cols },
      settings: fitSettings(DEFAULT_OPTIONS, 2),
    });
    const inline: number[] = [];
    const worker: number[] = [];
    for (let r = 0; r < repeats; r++) {
      let t0 = performance.now();
      runJob(job(), () => undefined);
      inline.push((performance.now() - t0) / 1000);
      t0 = performance.now();
      await client.run(job());
      worker.push((performance.now() - t0) / 1000);
    }
    const inlineSeconds = median(inline);
    const workerSeconds = median(worker);
    return { inlineSeconds, workerSeconds, overheadSeconds: workerSeconds - inlineSeconds };
  } finally {
    client.dispose();
  }
}
