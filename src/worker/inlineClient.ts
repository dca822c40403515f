import { abortError } from "../engine";
import type { ClusterClient } from "./client";
import { runJob } from "./handler";

/**
 * A client that runs jobs on the calling thread, for the custom functions (no workers there) and tests.
 * It blocks that thread while a job runs; cancelling takes effect at the next progress report.
 * X is only read, so nothing is copied.
 */
export function createInlineClient(): ClusterClient {
  return {
    async run(job, { onProgress, signal } = {}) {
      // Start on a later tick, as a worker would, so the caller's code after run() goes first.
      await Promise.resolve();
      if (signal?.aborted) throw abortError();
      try {
        return runJob(job, (p) => {
          onProgress?.(p);
          if (signal?.aborted) throw abortError();
        }).output;
      } catch (e) {
        throw signal?.aborted ? abortError() : e;
      }
    },
    dispose() {},
  };
}
