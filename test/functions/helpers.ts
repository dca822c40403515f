/** Calling the worksheet functions as Excel does, and watching what they ask of the runner. */
import { loadFixture } from "../engine/fixtures";
import { clearCache } from "../../src/functions/calls";
import { setRunner, type Runner } from "../../src/worker/sharedRunner";
import { createInlineClient } from "../../src/worker/inlineClient";
import type { Job } from "../../src/worker/protocol";

/**
 * Excel calls a function with untyped values: null for an omitted optional argument, any[][] for ranges,
 * and the cancel hook last. Tests call through this so they can pass what Excel passes.
 */
export function excel<F>(fn: F, ...args: unknown[]): Promise<unknown> {
  return (fn as unknown as (...a: unknown[]) => Promise<unknown>)(...args);
}

/** What a function rejected with (an Excel error value); fails the test if it resolved. */
export async function excelErrorOf(p: Promise<unknown>): Promise<{ code: string; message?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message?: string };
  }
  throw new Error("expected the function to return an Excel error");
}

/** Excel's cancel hook: the function sets onCanceled, Excel calls it. */
export function invocation(): { onCanceled?: () => void; cancel(): void } {
  const inv: { onCanceled?: () => void; cancel(): void } = { cancel: () => inv.onCanceled?.() };
  return inv;
}

/** A runner (inline unless given one) that records every job it is asked to run. */
export function countingRunner(inner: Runner = createInlineClient()) {
  const jobs: Job[] = [];
  const runner: Runner = {
    run(job, options) {
      jobs.push(job);
      return inner.run(job, options);
    },
  };
  return { runner, jobs };
}

/** Installs a fresh counting runner and an empty cache for each test of the calling file. */
export function useCountingRunner() {
  const state = { current: countingRunner() };
  beforeEach(() => {
    clearCache();
    state.current = countingRunner();
    setRunner(state.current.runner);
  });
  afterAll(() => setRunner(null));
  return state;
}

/** Iris as a sheet would hold it: 150 rows × 4 numbers, no header. */
export function irisRows(): number[][] {
  return loadFixture("iris").X.map((r) => [...r]);
}

/** Waits until cond holds, a turn of the event loop at a time (never a fixed delay); fails after many turns. */
export async function until(cond: () => boolean, turns = 10_000): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error("the condition never held");
}
