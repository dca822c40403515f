import { createClusterClient, type ClusterClient } from "./client";
import type { Job, OutputOf } from "./protocol";

/** A runner that is told to stop once its jobs are done: runs after that still work. */
export type RetiringRunner = Pick<ClusterClient, "run"> & { retire(): void };

/**
 * The worker pool the functions use when nobody has handed them one, created on the first call.
 * `load` is asynchronous because the browser's loader must be a dynamic import (see below).
 */
export function createLazyRunner(load: () => Promise<ClusterClient> = loadBrowserClient): RetiringRunner {
  let client: Promise<ClusterClient> | null = null;
  let active = 0;
  let retired = false;
  const disposeIfDone = () => {
    if (retired && active === 0 && client) {
      const done = client;
      client = null;
      done.then(
        (c) => c.dispose(),
        () => undefined,
      );
    }
  };
  return {
    async run<J extends Job>(job: J, options?: Parameters<ClusterClient["run"]>[1]): Promise<OutputOf<J>> {
      // A failed load (a chunk that did not arrive) is not kept, so the next recalculation tries again.
      client ??= load().catch((e: unknown) => {
        client = null;
        throw e;
      });
      active++;
      try {
        return await (await client).run(job, options);
      } finally {
        active--;
        disposeIfDone();
      }
    },
    retire() {
      retired = true;
      disposeIfDone();
    },
  };
}

/**
 * spawn.ts holds `import.meta`, which jest's CommonJS cannot parse, so it is imported only here, only when
 * a browser first computes. "eager" keeps it in the functions bundle: no extra request at that moment.
 */
function loadBrowserClient(): Promise<ClusterClient> {
  return import(/* webpackMode: "eager" */ "./spawn").then(({ spawnBrowserWorker }) =>
    createClusterClient({ spawn: spawnBrowserWorker }),
  );
}
