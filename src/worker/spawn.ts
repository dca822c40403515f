import type { WorkerLike } from "./pool";

/**
 * Starts the clustering worker in the browser. webpack 5 sees this exact `new Worker(new URL(...,
 * import.meta.url))` form and bundles worker.ts as its own chunk. Kept apart from everything else so no
 * file that jest compiles to CommonJS contains import.meta; tests spawn test/worker/nodeWorker.ts instead.
 */
export function spawnBrowserWorker(): WorkerLike {
  const worker = new Worker(
    // The root tsconfig targets CommonJS (for jest), where import.meta is an error (TS1343); webpack
    // compiles this file as an ES module. The ignore covers this line only, so the type check below stays.
    // @ts-ignore
    new URL("./worker.ts", import.meta.url),
  );
  return worker;
}
