import { abortError } from "../engine";
import { runPlanned, type Submit } from "./plan";
import { createPool, type PoolTask, type WorkerLike } from "./pool";
import type { Job, OutputOf, Progress } from "./protocol";

export type { WorkerLike } from "./pool";
export { createInlineClient } from "./inlineClient";

export type ClusterClientOptions = {
  /** Starts one worker: spawnBrowserWorker (spawn.ts) in the pane, a worker_threads adapter in tests. */
  spawn: () => WorkerLike;
  /** Workers to spread a fit's runs or a sweep's ks over; defaults to all cores but the caller's. */
  poolSize?: number;
};

export type RunOptions = {
  onProgress?: (p: Progress) => void;
  /** Aborting terminates the job's workers at once and rejects with an error named "AbortError". */
  signal?: AbortSignal;
};

export type ClusterClient = {
  /**
   * Runs a job off the caller's thread. The job's X is copied, never detached, so the caller keeps it.
   * Engine errors reject as EngineError with the engine's code and message.
   */
  run<J extends Job>(job: J, options?: RunOptions): Promise<OutputOf<J>>;
  /** Terminates every worker, rejecting what is running; a later run spawns afresh. */
  dispose(): void;
};

export function createClusterClient(options: ClusterClientOptions): ClusterClient {
  const poolSize = options.poolSize ?? defaultPoolSize();
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new RangeError(`poolSize=${poolSize} should be an integer >= 1`);
  }
  const pool = createPool(options.spawn, poolSize);
  return {
    run<J extends Job>(job: J, { onProgress, signal }: RunOptions = {}): Promise<OutputOf<J>> {
      if (signal?.aborted) return Promise.reject(abortError());
      const tasks = new Set<PoolTask<unknown>>();
      let stopped = false;
      const stop = () => {
        stopped = true;
        for (const t of tasks) t.cancel();
      };
      const submit: Submit = (build, onPart) => {
        // A plan between stages (merging, say) must not start its next stage after a cancel.
        if (stopped) return Promise.reject(abortError());
        const task = pool.submit(build, onPart);
        tasks.add(task);
        const forget = () => tasks.delete(task);
        task.promise.then(forget, forget);
        return task.promise;
      };
      return new Promise<OutputOf<J>>((resolve, reject) => {
        const onAbort = () => {
          stop();
          reject(abortError());
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        runPlanned(job, { submit, poolSize, onProgress })
          .then(
            (output) => resolve(output as OutputOf<J>),
            (e: unknown) => {
              // One failed part fails the job; its siblings' workers are freed rather than left running.
              stop();
              reject(e);
            },
          )
          .finally(() => signal?.removeEventListener("abort", onAbort));
      });
    },
    dispose: () => pool.dispose(),
  };
}

/** All cores but one, which stays with the caller's (UI) thread; 1 where the core count is unknown. */
export function defaultPoolSize(): number {
  const cores = typeof navigator === "undefined" ? undefined : navigator.hardwareConcurrency;
  return Math.max(1, (cores || 2) - 1);
}
