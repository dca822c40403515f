import * as path from "path";
import { Worker } from "worker_threads";
import type { WorkerLike } from "../../src/worker/client";

/**
 * Every worker thread started here that has not exited yet, with the promise of its exit, so tests can
 * check none is left running.
 */
const liveWorkers = new Map<Worker, Promise<void>>();

/**
 * Resolves as each worker thread's exit event arrives, once none is left; rejects if some are still running
 * after `ms`. Waiting is on the exits themselves: a terminated thread takes as long as the machine lets it
 * to go, so the bound is only there for a failing run and is far above that, even on a loaded machine.
 * It keeps its teeth however generous it is: a thread that was not terminated never exits (a pool's idle
 * worker waits for its next job).
 */
export async function allWorkersExited(ms = 30_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${liveWorkers.size} worker thread(s) still running after ${ms} ms`)),
      ms,
    );
  });
  try {
    while (liveWorkers.size > 0) await Promise.race([Promise.all(liveWorkers.values()), bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a worker_threads worker running src/worker/serve.ts, the same message handling as the browser
 * worker, and presents it as a WorkerLike for the client.
 */
export function spawnNodeWorker(): WorkerLike {
  const worker = new Worker(path.join(__dirname, "nodeWorkerBootstrap.js"));
  liveWorkers.set(
    worker,
    new Promise<void>((resolve) =>
      worker.once("exit", () => {
        liveWorkers.delete(worker);
        resolve();
      }),
    ),
  );
  const like: WorkerLike = {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => void worker.terminate(),
    onmessage: null,
    onerror: null,
  };
  worker.on("message", (data: unknown) => like.onmessage?.({ data }));
  worker.on("error", (error) => like.onerror?.(error));
  return like;
}
