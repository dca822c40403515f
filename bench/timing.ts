export type Timed<T> = {
  /** Median of the runs, in seconds. */
  seconds: number;
  runs: number[];
  result: T;
};

/**
 * Times fn with performance.now(): up to `repeats` runs and their median, but only one run when the
 * first takes `slowSeconds` or more. A full GC (with --expose-gc) precedes every run.
 */
export function timeIt<T>(fn: () => T, repeats = 3, slowSeconds = 10): Timed<T> {
  const runs: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < repeats; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    result = fn();
    runs.push((performance.now() - t0) / 1000);
    if (runs[0] >= slowSeconds) break;
  }
  return { seconds: median(runs), runs, result: result as T };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Progress goes to stderr so stdout holds only the report. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
