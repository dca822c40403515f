import * as path from "path";
import { Worker } from "worker_threads";
import type { WorkerLike } from "../../src/worker/client";

/** Every worker thread started here that has not exited yet, so tests can check none is left running. */
const liveWorkers = new Set<Worker>();

/** Resolves once every worker thread has exited; rejects after `ms`. */
export async function allWorkersExited(ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (liveWorkers.size > 0) {
    if (Date.now() > deadline) throw new Error(`${liveWorkers.size} worker thread(s) still running`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Starts a worker_threads worker running src/worker/serve.ts, the same message handling as the browser
 * worker, and presents it as a WorkerLike for the client.
 */
export function spawnNodeWorker(): WorkerLike {
  const worker = new Worker(path.join(__dirname, "nodeWorkerBootstrap.js"));
  liveWorkers.add(worker);
  worker.on("exit", () => liveWorkers.delete(worker));
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
