/**
 * 60,000 rows × 3 columns (near the 200,000 cells a function takes) through LABELS and CENTROIDS with worker threads behind the runner, as Excel's shared
 * runtime has web workers: the calling thread only parses, hashes and lays out cells, so it stays free.
 */
import { centroids, labels } from "../../src/functions/functions";
import { createClusterClient } from "../../src/worker/client";
import { blobs } from "../worker/data";
import { allWorkersExited, spawnNodeWorker } from "../worker/nodeWorker";
import { countingRunner, excel } from "./helpers";
import { clearCache } from "../../src/functions/calls";
import { setRunner } from "../../src/worker/sharedRunner";

// Worker threads compile their TypeScript on start, and the fit is a few seconds of real work.
jest.setTimeout(120_000);

const N = 60_000;

test("60,000 rows: one fit in the workers, labels for every row, the calling thread never blocked long", async () => {
  const client = createClusterClient({ spawn: spawnNodeWorker, poolSize: 2 });
  const counting = countingRunner(client);
  setRunner(counting.runner);
  clearCache();
  try {
    const X = blobs(
      N,
      [
        [0, 0, 0],
        [8, 0, 3],
        [0, 9, 6],
      ],
      1.5,
      3,
    );
    const rows: unknown[][] = [];
    for (let i = 0; i < N; i++) rows.push(Array.from(X.data.subarray(i * 3, i * 3 + 3)));
    rows[500] = ["", "", ""];

    // The longest time the event loop went without running a 5 ms timer is how long Excel would freeze.
    let last = Date.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = Date.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = Date.now();
    const [out, centres] = (await Promise.all([
      excel(labels, rows, 3),
      excel(centroids, rows, 3, null, null, null, true),
    ])) as [unknown[][], number[][]];
    const elapsed = Date.now() - started;
    clearInterval(timer);

    expect(out).toHaveLength(N);
    expect(out[500]).toEqual([""]);
    expect(new Set(out.filter((_, i) => i !== 500).map((r) => r[0]))).toEqual(new Set([1, 2, 3]));
    expect(centres.map((r) => r[0]).reduce((a, b) => a + b)).toBe(N - 1);
    expect(counting.jobs).toHaveLength(1);
    // The computation took seconds; the thread's longest silence (parsing and hashing both calls' 60,000
    // rows, starting the workers) is a small part of that. Before the work moved off it, it was half.
    expect(longest).toBeLessThan(elapsed / 3);
  } finally {
    setRunner(null);
    client.dispose();
    await allWorkersExited();
  }
});
