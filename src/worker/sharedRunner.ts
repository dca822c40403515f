import type { ClusterClient } from "./client";
import { createInlineClient } from "./inlineClient";
import { createLazyRunner, type RetiringRunner } from "./lazyRunner";

/** What the functions need of a cluster client. */
export type Runner = Pick<ClusterClient, "run">;

let given: Runner | null = null;
let own: RetiringRunner | null = null;

/**
 * Hands the functions a runner: the task pane's worker pool, so the shared runtime has one pool, or a
 * counting runner in tests. null goes back to the default. A pool made before this finishes its jobs
 * and then stops.
 */
export function setRunner(runner: Runner | null): void {
  given = runner;
  own?.retire();
  own = null;
}

/**
 * The runner given, else one of our own: workers where the page has them (Excel's shared runtime), so a
 * fit never blocks Excel; the calling thread in Node, where the tests run.
 */
export function getRunner(): Runner {
  if (given) return given;
  own ??= typeof Worker === "function" ? createLazyRunner() : { ...createInlineClient(), retire() {} };
  return own;
}
